package io.aimon.jobs.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.aimon.evidence.ArchiveVerifier;
import io.aimon.evidence.Ed25519Keys;
import io.aimon.evidence.timestamp.LocalTimestampAuthority;
import io.aimon.jobs.AdultFixtures;
import io.aimon.jobs.cli.AimonCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The evidence archive of an Adult replay: one hash-chained record per check result (passing ones
 * included), per window's coverage and per incident event, signed manifests per window, each with
 * an RFC 3161 time stamp from an in-process TSA ({@code evidence.timestamp_url}), all verifying
 * with {@code aimon evidence verify}; a changed value is caught and named.
 */
class EvidenceReplayIntegrationTest {
  @TempDir static Path dir;
  private static Path out;
  private static LocalTimestampAuthority tsa;

  @AfterAll
  static void stopTsa() {
    tsa.close();
  }

  @BeforeAll
  static void replayWithASigningKey() throws Exception {
    assertEquals(0, aimon("evidence", "keygen", "--out", dir.resolve("keys").toString()).exit);
    tsa = LocalTimestampAuthority.start("aimon test TSA");
    tsa.writeCertificate(dir.resolve("tsa.pem"));
    Path config = AdultFixtures.writeConfig(dir, "", "1d", AdultFixtures.FAIRNESS);
    Files.writeString(
        config,
        "evidence:\n  signing_key: file:keys/aimon-evidence.key\n  timestamp_url: "
            + tsa.url()
            + "\n"
            + Files.readString(config));
    out = AdultFixtures.replay(config, AdultFixtures.PRODUCTION, dir.resolve("out"));
  }

  private record Run(int exit, String out, String err) {}

  private static Run aimon(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int exit =
        new CommandLine(new AimonCommand())
            .setOut(new PrintWriter(o, true))
            .setErr(new PrintWriter(e, true))
            .execute(args);
    return new Run(exit, o.toString(), e.toString());
  }

  private static List<JsonNode> lines(Path archive) throws IOException {
    List<JsonNode> all = new ArrayList<>();
    try (Stream<Path> files = Files.walk(archive)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
        all.addAll(AdultFixtures.readJsonLines(f));
      }
    }
    return all;
  }

  @Test
  void everyCheckCoverageAndIncidentIsARecordAndTheArchiveVerifies() throws Exception {
    Path archive = out.resolve("evidence");
    List<JsonNode> lines = lines(archive);
    Map<String, Long> byKind =
        lines.stream()
            .collect(Collectors.groupingBy(l -> l.path("kind").asText(), Collectors.counting()));
    long checks = Files.readAllLines(out.resolve("metrics.jsonl")).size();
    long incidents = Files.readAllLines(out.resolve("incidents.jsonl")).size();
    assertEquals(checks, byKind.get("check"), "a record per check result, passing ones too");
    assertEquals(incidents, byKind.get("incident"));
    assertEquals(6L, byKind.get("coverage"), "one per daily window");
    assertTrue(byKind.get("manifest") >= 6, byKind.toString());
    assertEquals(byKind.get("manifest"), byKind.get("timestamp"), "a time stamp per manifest");
    for (JsonNode l : lines) {
      switch (l.path("kind").asText()) {
        case "check" -> {
          assertEquals("[\"9.1\"]", l.path("clauses").toString());
          assertEquals("[\"A.6.2.6\"]", l.path("controls").toString());
          assertEquals(64, l.path("data").path("config_digest").asText().length());
          assertEquals(64, l.path("data").path("reference_digest").asText().length());
        }
        case "coverage" -> assertEquals("[\"A.6.2.8\",\"A.7.4\"]", l.path("controls").toString());
        case "incident" -> assertEquals("[\"10.2\"]", l.path("clauses").toString());
        default -> {}
      }
    }
    ArchiveVerifier.Report report =
        ArchiveVerifier.verify(
            archive, Ed25519Keys.readPublic(dir.resolve("keys/aimon-evidence.pub")));
    assertTrue(report.ok(), report.problems().toString());
    assertEquals(
        lines.size() - byKind.get("manifest") - byKind.get("timestamp"),
        report.models().values().iterator().next().records());

    Run verified =
        aimon(
            "evidence",
            "verify",
            archive.toString(),
            "--public-key",
            dir.resolve("keys/aimon-evidence.pub").toString());
    assertEquals(0, verified.exit, verified.out + verified.err);
    assertTrue(verified.out.contains("evidence verified: 1 models"), verified.out);
    assertTrue(verified.out.contains(", unproven: no trusted TSA certificate given"), verified.out);

    // with the TSA's certificate, every manifest is stamped by the trusted TSA
    Run stamped =
        aimon(
            "evidence",
            "verify",
            archive.toString(),
            "--public-key",
            dir.resolve("keys/aimon-evidence.pub").toString(),
            "--tsa-cert",
            dir.resolve("tsa.pem").toString(),
            "--require-timestamps");
    assertEquals(0, stamped.exit, stamped.out + stamped.err);
    long manifests = byKind.get("manifest");
    assertTrue(
        stamped.out.contains(
            "time stamps: "
                + manifests
                + " of "
                + manifests
                + " manifests stamped by CN=aimon test TSA,O=aimon local, the trusted TSA"),
        stamped.out);
    System.out.println("Adult evidence verified with time stamps:\n" + stamped.out.strip());

    // another TSA's certificate: every stamp is untrusted, an integrity problem
    try (LocalTimestampAuthority other = LocalTimestampAuthority.start("another TSA")) {
      other.writeCertificate(dir.resolve("other-tsa.pem"));
      Run untrusted =
          aimon(
              "evidence",
              "verify",
              archive.toString(),
              "--tsa-cert",
              dir.resolve("other-tsa.pem").toString());
      assertEquals(1, untrusted.exit, untrusted.out);
      assertTrue(untrusted.out.contains("BAD_TIMESTAMP model "), untrusted.out);
      assertTrue(untrusted.out.contains("UNTRUSTED_TSA"), untrusted.out);
    }
  }

  @Test
  void exportWritesTheAuditBundleAndChromiumRendersTheReport() throws Exception {
    Path bundle = dir.resolve("bundle");
    Run run =
        aimon(
            "evidence",
            "export",
            "--evidence",
            out.resolve("evidence").toString(),
            "--from",
            "2024-02-01",
            "--to",
            "2024-02-08",
            "--out",
            bundle.toString(),
            "--public-key",
            dir.resolve("keys/aimon-evidence.pub").toString(),
            "--tsa-cert",
            dir.resolve("tsa.pem").toString());
    assertEquals(0, run.exit, run.out + run.err);
    System.out.println("Adult audit export: " + run.out.strip());
    // 1176 of the replay's checks, coverage, incidents (reconstruction_error's among them) and
    // plan, and the deployment of version 1
    assertTrue(run.out.contains("exported 1115 records and 7 manifests of 1 models"), run.out);
    for (String f :
        List.of(
            "records.jsonl",
            "records.csv",
            "manifests.jsonl",
            "verification.txt",
            "verification.json",
            "oscal-assessment-results.json",
            "report.html")) {
      assertTrue(Files.size(bundle.resolve(f)) > 0, f);
    }
    long archived =
        lines(out.resolve("evidence")).stream()
            .filter(l -> !List.of("manifest", "timestamp").contains(l.path("kind").asText()))
            .count();
    assertEquals(archived, Files.readAllLines(bundle.resolve("records.jsonl")).size());
    // the bundle carries each manifest's time stamp after it
    List<String> manifestLines = Files.readAllLines(bundle.resolve("manifests.jsonl"));
    assertEquals(
        manifestLines.stream().filter(l -> l.contains("\"kind\":\"manifest\"")).count(),
        manifestLines.stream().filter(l -> l.contains("\"kind\":\"timestamp\"")).count());
    String verification = Files.readString(bundle.resolve("verification.txt"));
    assertTrue(verification.contains("result: VERIFIED: "), verification);
    assertTrue(
        verification.contains(
            " manifests: intact; 7 of 7 manifests time-stamped by the trusted TSA\n"),
        verification);
    String html = Files.readString(bundle.resolve("report.html"));
    assertTrue(html.contains("<svg class=\"chart"), "charts in the report");
    // grouped incidents list their members: the drift of age is one incident of psi, ks, js
    assertTrue(
        html.contains("<div class=\"members\">members: jensen_shannon[age] critical"),
        "the members of a grouped incident in the report");
    assertTrue(
        html.contains("<svg class=\"chart log\""), "ks and chi_square p-values on a log axis");
    countsAgreeWithTheRecords(html, bundle);
    // the replay has no notifier: its incidents were never communicated, so A.8.4 is a gap
    long incidents = kpi(html, "kpi-incidents");
    assertTrue(incidents > 0, "the Adult production stream opens incidents");
    assertEquals(0, kpi(html, "kpi-incidents-notified"));
    assertTrue(
        text(html, "summary-clauses")
            .contains(
                "A.8.4 (incident_not_communicated: "
                    + (incidents == 1 ? "1 incident" : incidents + " incidents")
                    + ")"),
        text(html, "summary-clauses"));
    // no gate record for the version the replay saw: A.6.2.4 and A.6.2.5 are gaps
    assertTrue(
        text(html, "summary-clauses").contains("A.6.2.4 (version_without_gate: 1 version)"),
        text(html, "summary-clauses"));

    // a real headless Chromium renders the report to a PNG
    ChromiumRender.Result rendered = ChromiumRender.render(bundle.resolve("report.html"), dir);
    Assumptions.assumeTrue(
        rendered != null,
        "skipped: no Chromium here (.ci/run installs Debian's chromium when it can)");
    assertTrue(
        rendered.nonWhiteShare() > 0.01,
        "the page rendered: " + rendered.nonWhiteShare() + " of pixels not white");
    assertTrue(rendered.dom().contains("class=\"chart\""), "chart elements in the rendered DOM");
    assertTrue(rendered.dom().contains("class=\"threshold warning\""), "threshold lines drawn");
    System.out.printf(
        "Chromium rendered report.html to %s (%d x %d, %.1f%% of pixels not white)%n",
        rendered.png(), rendered.width(), rendered.height(), 100 * rendered.nonWhiteShare());

    // and prints it on A4 with no table (or anything else) wider than the page
    ChromiumRender.PrintLayout print =
        ChromiumRender.printLayout(bundle.resolve("report.html"), dir);
    assertTrue(print.pdfPages() >= 1, "a PDF was printed: " + print.pdfPages() + " pages");
    assertEquals(
        ChromiumRender.A4_PRINTABLE_PX, print.pageWidth(), 20, "laid out at A4's printable width");
    assertEquals(
        List.of(),
        print.tooWide().subList(0, Math.min(20, print.tooWide().size())),
        print.tooWide().size() + " elements wider than the A4 page, the first 20");
    System.out.printf(
        "Chromium printed report.html on %d A4 pages; laid out %.0f px wide, nothing wider%n",
        print.pdfPages(), print.pageWidth());
  }

  /** The number in the element with id {@code id}. */
  private static long kpi(String html, String id) {
    return Long.parseLong(text(html, id).strip());
  }

  /** The text of the element with id {@code id}, tags removed. */
  private static String text(String html, String id) {
    Matcher m =
        Pattern.compile(
                "<(\\w+)[^>]*\\sid=\"" + Pattern.quote(id) + "\"[^>]*>(.*?)</\\1>", Pattern.DOTALL)
            .matcher(html);
    assertTrue(m.find(), "no element " + id);
    return m.group(2).replaceAll("<[^>]+>", "");
  }

  /**
   * One set of counts: the summary's check results and breaches, the coverage tables' checks and
   * breaches (with those of windows without a coverage record), and the checks-by-metric tables all
   * equal the check records of the bundle.
   */
  private static void countsAgreeWithTheRecords(String html, Path bundle) throws IOException {
    long checks = 0;
    long breaches = 0;
    for (JsonNode r : AdultFixtures.readJsonLines(bundle.resolve("records.jsonl"))) {
      if (r.path("kind").asText().equals("check")) {
        checks++;
        String status = r.at("/data/status").asText();
        breaches += status.equals("warning") || status.equals("critical") ? 1 : 0;
      }
    }
    assertTrue(checks > 0 && breaches > 0, checks + " checks, " + breaches + " breaches");
    assertEquals(checks, kpi(html, "kpi-checks"));
    assertEquals(breaches, kpi(html, "kpi-breaching-checks"));
    long coverageChecks = 0;
    long coverageBreaches = 0;
    Matcher table =
        Pattern.compile("<table class=\"coverage\">(.*?)</table>", Pattern.DOTALL).matcher(html);
    while (table.find()) {
      Matcher row =
          Pattern.compile(
                  "<tr><td>[^<]*</td><td class=\"num\">\\d+</td><td class=\"num\">\\d+</td>"
                      + "<td class=\"num\">(\\d+)</td><td class=\"num\">(\\d+)</td></tr>")
              .matcher(table.group(1));
      while (row.find()) {
        coverageChecks += Long.parseLong(row.group(1));
        coverageBreaches += Long.parseLong(row.group(2));
      }
    }
    Matcher outside =
        Pattern.compile("(\\d+) more checks?, (\\d+) breach(?:es)?, in windows without a coverage")
            .matcher(html);
    while (outside.find()) {
      coverageChecks += Long.parseLong(outside.group(1));
      coverageBreaches += Long.parseLong(outside.group(2));
    }
    assertEquals(checks, coverageChecks, "coverage tables' checks");
    assertEquals(breaches, coverageBreaches, "coverage tables' breaches");
    long byMetric = 0;
    Matcher t =
        Pattern.compile("<table class=\"checks\">(.*?)</table>", Pattern.DOTALL).matcher(html);
    while (t.find()) {
      Matcher row =
          Pattern.compile(
                  "<tr><td>[^<]*</td><td class=\"num\">\\d+</td><td class=\"num\">(\\d+)</td>")
              .matcher(t.group(1));
      while (row.find()) {
        byMetric += Long.parseLong(row.group(1));
      }
    }
    assertEquals(checks, byMetric, "checks by metric");
  }

  @Test
  void aChangedValueIsCaughtWithItsFileAndLine() throws Exception {
    Path copy = dir.resolve("tampered");
    copyTree(out.resolve("evidence"), copy);
    Path file;
    try (Stream<Path> files = Files.walk(copy)) {
      file = files.filter(p -> p.toString().endsWith(".jsonl")).sorted().findFirst().orElseThrow();
    }
    List<String> content = new ArrayList<>(Files.readAllLines(file));
    int index = -1;
    for (int i = 0; i < content.size(); i++) {
      if (content.get(i).contains("\"status\":\"critical\"")) {
        index = i;
        break;
      }
    }
    assertTrue(index >= 0, "a critical check to hide");
    content.set(index, content.get(index).replace("\"status\":\"critical\"", "\"status\":\"ok\""));
    Files.write(file, content);

    Run run = aimon("evidence", "verify", copy.toString());
    assertEquals(1, run.exit, run.out);
    assertTrue(run.out.contains("MODIFIED"), run.out);
    assertTrue(run.out.contains(":" + (index + 1)), "names the line: " + run.out);
    assertFalse(run.out.contains("evidence verified"), run.out);
  }

  @Test
  void expiryRemovesTheOldestDaysThroughASignedDeletionRecordThatVerifies() throws Exception {
    Path copy = dir.resolve("expired");
    copyTree(out.resolve("evidence"), copy);
    Path config = dir.resolve("retention.yaml");
    Files.writeString(
        config,
        Files.readString(dir.resolve("aimon.yaml"))
            .replace("evidence:\n", "evidence:\n  retention: 3d\n"));
    Path modelDir = copy.resolve("model=" + AdultFixtures.MODEL);
    List<String> days;
    try (Stream<Path> s = Files.list(modelDir)) {
      days =
          s.map(p -> p.getFileName().toString())
              .filter(n -> n.startsWith("date="))
              .sorted()
              .toList();
    }
    Run dry =
        aimon(
            "evidence",
            "expire",
            "--config",
            config.toString(),
            "--evidence",
            copy.toString(),
            "--now",
            "2024-02-07T12:00:00Z",
            "--dry-run");
    assertEquals(0, dry.exit, dry.out + dry.err);
    assertTrue(dry.out.contains(": would remove "), dry.out);
    assertEquals(
        days.size(),
        Files.list(modelDir).filter(p -> p.getFileName().toString().startsWith("date=")).count(),
        "a dry run removes nothing");
    Run run =
        aimon(
            "evidence",
            "expire",
            "--config",
            config.toString(),
            "--evidence",
            copy.toString(),
            "--now",
            "2024-02-07T12:00:00Z");
    assertEquals(0, run.exit, run.out + run.err);
    System.out.println("Adult evidence expired: " + run.out.strip());
    // every day that ended three days before 2024-02-07T12:00Z went, the later ones stay
    for (String day : days) {
      boolean old = day.compareTo("date=2024-02-04") < 0;
      assertEquals(!old, Files.exists(modelDir.resolve(day)), day);
    }
    assertTrue(Files.exists(modelDir.resolve("_deletions.jsonl")));
    Run verified =
        aimon(
            "evidence",
            "verify",
            copy.toString(),
            "--public-key",
            dir.resolve("keys/aimon-evidence.pub").toString());
    assertEquals(0, verified.exit, verified.out + verified.err);
    assertTrue(verified.out.contains("evidence verified: 1 models"), verified.out);
    // removing a day without the record is a deletion
    Path next =
        modelDir.resolve(
            days.stream()
                .filter(d -> d.compareTo("date=2024-02-04") >= 0)
                .findFirst()
                .orElseThrow());
    try (Stream<Path> s = Files.walk(next)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
    Run silent = aimon("evidence", "verify", copy.toString());
    assertEquals(1, silent.exit, silent.out);
    assertTrue(silent.out.contains("DELETED"), silent.out);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
