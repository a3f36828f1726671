package io.aimon.jobs.grc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.aimon.evidence.Ed25519Keys;
import io.aimon.evidence.EvidenceRecord;
import io.aimon.evidence.HashChain;
import io.aimon.evidence.Manifest;
import io.aimon.evidence.payload.CoverageEvidence;
import io.aimon.jobs.cli.AimonCommand;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code aimon evidence push} against in-process stand-ins of Drata and Vanta that check every
 * request against the platforms' documented APIs: the period's bundle and one statement per control
 * are delivered, once (a second push finds them there), through a 429 or 503, with the credentials
 * read from files and never printed.
 */
class EvidencePushTest {
  private static final String MODEL = "credit-risk";
  private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
  private static final long HOUR = 3_600_000L;
  private static final String API_KEY = "drata-key-6b1f0c2e9d";
  private static final String CLIENT_ID = "vanta-client-2c";
  private static final String CLIENT_SECRET = "vanta-secret-91e";
  private static final int CONTROLS =
      8; // 9.1, 10.2, A.6.2.6, A.6.2.8, A.7.4, A.8.4, A.6.2.4, A.6.2.5

  @TempDir Path dir;
  private Path archive;
  private Path publicKey;

  private record Run(int exit, String out, String err) {}

  private static Run aimon(List<String> args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int exit =
        new CommandLine(new AimonCommand())
            .setOut(new PrintWriter(o, true))
            .setErr(new PrintWriter(e, true))
            .execute(args.toArray(String[]::new));
    return new Run(exit, o.toString(), e.toString());
  }

  @BeforeEach
  void archiveOfThreeWindows() throws IOException {
    KeyPair keys = Ed25519Keys.generate();
    archive = dir.resolve("evidence");
    List<String> lines = new ArrayList<>();
    HashChain.State s = HashChain.State.INITIAL;
    for (int w = 0; w < 3; w++) {
      long start = T0 + w * HOUR;
      EvidenceRecord r =
          HashChain.append(
              s,
              MODEL,
              start + HOUR,
              start,
              start + HOUR,
              CoverageEvidence.of(start, start + HOUR, 100, 0, 0, List.of()));
      s = HashChain.after(r);
      lines.add(r.toJson());
      lines.add(Manifest.sign(MODEL, start, start + HOUR, List.of(r), keys).toJson());
    }
    Path file = archive.resolve("model=" + MODEL).resolve("part-0.jsonl");
    Files.createDirectories(file.getParent());
    Files.write(file, lines);
    publicKey = dir.resolve("aimon-evidence.pub");
    Files.writeString(publicKey, Ed25519Keys.publicPem(keys.getPublic()));
  }

  private Path secret(String name, String value) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, value + "\n");
    return f;
  }

  private List<String> common(String platform) {
    return new ArrayList<>(
        List.of(
            "evidence",
            "push",
            "--to",
            platform,
            "--evidence",
            archive.toString(),
            "--from",
            "2026-01-01",
            "--until",
            "2026-01-02",
            "--model",
            MODEL,
            "--public-key",
            publicKey.toString(),
            "--timeout",
            "10s"));
  }

  @Test
  void drataGetsTheBundleAndEachControlOnceThroughA429() throws Exception {
    try (DrataStandIn drata = new DrataStandIn(API_KEY, 42)) {
      drata.failNext("POST " + DrataStandIn.BASE + "/workspaces/42/evidence-files", 429);
      List<String> args = common("drata");
      args.addAll(
          List.of(
              "--url",
              drata.url(DrataStandIn.BASE).toString(),
              "--api-key",
              "file:" + secret("drata.key", API_KEY),
              "--workspace",
              "42",
              "--owner",
              "7",
              "--control",
              "A.6.2.6=1001",
              "--control",
              "bundle=1002"));
      Run first = aimon(args);
      System.out.println("aimon evidence push --to drata:\n" + first.out().strip());
      assertEquals(0, first.exit(), first.out() + first.err());
      assertEquals(List.of(), drata.violations());
      assertEquals(1 + CONTROLS, drata.evidence.size());
      assertTrue(
          first
              .out()
              .endsWith(
                  "pushed to Drata workspace 42: 9 created, 0 already there, 0 skipped, 1 retry\n"),
          first.out());
      assertFalse(first.out().contains(API_KEY) || first.err().contains(API_KEY), "no key shown");

      // the bundle: the zip export writes, linked to its control; its name names model and period
      Map<String, Object> bundle = drata.evidence.get(0);
      assertEquals("aimon evidence credit-risk 2026-01-01_2026-01-02", bundle.get("name"));
      JsonNode body = (JsonNode) bundle.get("body");
      assertEquals("[1002]", body.path("controlIds").toString());
      assertEquals(7, body.path("ownerId").asLong());
      assertEquals("NONE", body.path("renewalScheduleType").asText());
      assertEquals("S3_FILE", body.path("artifacts").get(0).path("type").asText());
      byte[] zip = drata.fileKeys.get(body.path("artifacts").get(0).path("fileKey").asText());
      assertTrue(entries(zip).contains("report.html"), entries(zip).toString());
      assertTrue(entries(zip).contains("records.jsonl"), entries(zip).toString());
      assertTrue(
          ((String) bundle.get("description")).endsWith("SHA-256 " + PushPlan.sha256(zip) + "."));

      // each control: its statement, A.6.2.6 linked to its Drata control
      Map<String, Object> a626 =
          drata.evidence.stream()
              .filter(
                  e ->
                      e.get("name")
                          .equals("aimon ISO/IEC 42001 A.6.2.6 credit-risk 2026-01-01_2026-01-02"))
              .findFirst()
              .orElseThrow();
      JsonNode a626Body = (JsonNode) a626.get("body");
      assertEquals("[1001]", a626Body.path("controlIds").toString());
      String md =
          new String(
              drata.fileKeys.get(a626Body.path("artifacts").get(0).path("fileKey").asText()),
              StandardCharsets.UTF_8);
      assertTrue(md.startsWith("# ISO/IEC 42001 A.6.2.6 AI system operation and monitoring\n"), md);
      assertTrue(md.contains("- Status: **gap**\n"), md);
      assertTrue(md.contains("- no_evidence: no record of the period serves it"), md);
      String s91 =
          new String(
              drata.fileKeys.values().stream()
                  .filter(
                      b -> new String(b, StandardCharsets.UTF_8).startsWith("# ISO/IEC 42001 9.1 "))
                  .findFirst()
                  .orElseThrow(),
              StandardCharsets.UTF_8);
      assertTrue(s91.contains("- Records of the period serving it: 3 (coverage 3)"), s91);

      // a second push of the period finds all of them and creates nothing
      int posts = (int) drata.requests().stream().filter(r -> r.method().equals("POST")).count();
      Run second = aimon(args);
      assertEquals(0, second.exit(), second.out() + second.err());
      assertTrue(
          second
              .out()
              .endsWith(
                  "pushed to Drata workspace 42: 0 created, 9 already there, 0 skipped, 0 retries\n"),
          second.out());
      assertEquals(posts, drata.requests().stream().filter(r -> r.method().equals("POST")).count());
      assertEquals(List.of(), drata.violations());

      // a wrong key: the platform's 401, said without the key
      List<String> wrong = new ArrayList<>(args);
      wrong.set(wrong.indexOf("--api-key") + 1, "file:" + secret("other.key", "not-the-key"));
      Run refused = aimon(wrong);
      assertEquals(1, refused.exit(), refused.out());
      assertTrue(refused.err().contains(": HTTP 401: "), refused.err());
      assertFalse(refused.err().contains("not-the-key"), refused.err());
    }
  }

  @Test
  void vantaGetsTheMappedDocumentsOnceThroughA503() throws Exception {
    try (VantaStandIn vanta =
        new VantaStandIn(CLIENT_ID, CLIENT_SECRET, Set.of("ai-evidence", "ai-monitoring"))) {
      // files already there: more than a page, so finding ours takes the cursor
      for (int i = 0; i < 3; i++) {
        vanta
            .documents
            .get("ai-monitoring")
            .add(
                new java.util.LinkedHashMap<>(
                    Map.of("id", "old-" + i, "fileName", "q" + i + ".pdf")));
      }
      vanta.failNext("POST /v1/documents/ai-evidence/uploads", 503);
      List<String> args = common("vanta");
      args.addAll(
          List.of(
              "--url",
              vanta.url("/v1").toString(),
              "--token-url",
              vanta.url("/oauth/token").toString(),
              "--client-id",
              "file:" + secret("vanta.id", CLIENT_ID),
              "--client-secret",
              "file:" + secret("vanta.secret", CLIENT_SECRET),
              "--document",
              "bundle=ai-evidence",
              "--document",
              "A.6.2.6=ai-monitoring",
              "--document",
              "9.1=ai-monitoring"));
      Run first = aimon(args);
      System.out.println("aimon evidence push --to vanta:\n" + first.out().strip());
      assertEquals(0, first.exit(), first.out() + first.err());
      assertEquals(List.of(), vanta.violations());
      assertTrue(
          first.out().endsWith("pushed to Vanta: 3 created, 0 already there, 6 skipped, 1 retry\n"),
          first.out());
      assertTrue(
          first
              .out()
              .contains(
                  "skipped: aimon ISO/IEC 42001 10.2 credit-risk 2026-01-01_2026-01-02 (no Vanta"
                      + " document for it (--document 10.2=DOCUMENT_ID))"),
          first.out());
      Map<String, Object> zip = vanta.documents.get("ai-evidence").get(0);
      assertEquals("aimon-evidence_credit-risk_2026-01-01_2026-01-02.zip", zip.get("fileName"));
      assertEquals("2026-01-02T00:00:00Z", zip.get("effectiveAtDate"));
      assertEquals("application/zip", zip.get("mimeType"));
      assertTrue(entries((byte[]) zip.get("bytes")).contains("oscal-assessment-results.json"));
      assertEquals(5, vanta.documents.get("ai-monitoring").size());
      for (String s : List.of(first.out(), first.err())) {
        assertFalse(s.contains(CLIENT_SECRET) || s.contains("vanta-token-7f3a"), s);
      }

      Run second = aimon(args);
      assertEquals(0, second.exit(), second.out() + second.err());
      assertTrue(
          second
              .out()
              .endsWith("pushed to Vanta: 0 created, 3 already there, 6 skipped, 0 retries\n"),
          second.out());
      assertEquals(5, vanta.documents.get("ai-monitoring").size());
      assertEquals(List.of(), vanta.violations());
    }
  }

  @Test
  void usageErrorsExitTwoAndNothingIsSent() {
    List<String> drata = common("drata");
    Run noWorkspace = aimon(drata);
    assertEquals(2, noWorkspace.exit());
    assertEquals(
        "aimon: --to drata needs --workspace N and --owner N (the Drata user who owns the"
            + " evidence)\n",
        noWorkspace.err());
    List<String> literal = common("drata");
    literal.addAll(List.of("--workspace", "1", "--owner", "2", "--api-key", API_KEY));
    Run pasted = aimon(literal);
    assertEquals(2, pasted.exit());
    assertFalse(pasted.err().contains(API_KEY), pasted.err());
    assertTrue(pasted.err().contains("expected env:NAME or file:/path"), pasted.err());
    Run platform = aimon(common("servicenow"));
    assertEquals(2, platform.exit());
    assertEquals("aimon: --to: expected drata or vanta, found 'servicenow'\n", platform.err());
    Run vanta = aimon(common("vanta"));
    assertEquals(2, vanta.exit());
    assertTrue(
        vanta.err().startsWith("aimon: --to vanta needs at least one --document"), vanta.err());
  }

  private static List<String> entries(byte[] zip) throws IOException {
    List<String> out = new ArrayList<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        out.add(e.getName());
      }
    }
    return out;
  }
}
