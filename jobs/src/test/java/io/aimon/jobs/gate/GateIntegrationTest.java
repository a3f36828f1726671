package io.aimon.jobs.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.aimon.evidence.Gate;
import io.aimon.jobs.AdultFixtures;
import io.aimon.jobs.cli.AimonCommand;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code aimon gate} on the Adult data: the reference as a candidate passes, the drift scenario
 * windows fail with their breaching checks listed, each run leaves a signed gate record that
 * verifies, and a replay records the version it sees with the gate that cleared it.
 */
class GateIntegrationTest {
  @TempDir static Path dir;
  private static Path config;
  private static Path archive;
  private static Path drift;

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

  @BeforeAll
  static void keysConfigAndCandidates() throws Exception {
    assertEquals(0, aimon("evidence", "keygen", "--out", dir.resolve("keys").toString()).exit);
    config = AdultFixtures.writeConfig(dir, "");
    Files.writeString(
        config,
        "evidence:\n  signing_key: file:"
            + dir.resolve("keys/aimon-evidence.key").toString().replace("\\", "/")
            + "\n"
            + Files.readString(config));
    archive = dir.resolve("out").resolve("evidence");
    // the two drift scenario days of the production file, as a candidate version's evaluation set
    drift = dir.resolve("drift-candidate.jsonl");
    List<String> lines = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(AdultFixtures.PRODUCTION)),
                StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.contains("\"timestamp\":\"2024-02-05")
            || line.contains("\"timestamp\":\"2024-02-06")) {
          lines.add(line.replace("\"model_version\":\"1\"", "\"model_version\":\"2\""));
        }
      }
    }
    assertEquals(3573 + 4025, lines.size(), "the two scenario windows of SOURCES.md");
    Files.write(drift, lines);
  }

  private static List<Gate> gates() throws IOException {
    Path file = archive.resolve("model=" + AdultFixtures.MODEL).resolve(Gate.FILE);
    List<Gate> out = new ArrayList<>();
    for (String l : Files.readAllLines(file)) {
      out.add(Gate.fromJson(l));
    }
    return out;
  }

  @Test
  void theReferenceAsCandidatePassesAndTheDriftScenarioFails() throws Exception {
    Run pass =
        aimon(
            "gate",
            "--config",
            config.toString(),
            "--model",
            AdultFixtures.MODEL,
            "--candidate",
            AdultFixtures.REFERENCE.toString(),
            "--evidence",
            archive.toString());
    System.out.println("aimon gate, the reference as candidate:\n" + pass.out.strip());
    assertEquals(0, pass.exit, pass.out + pass.err);
    assertTrue(pass.out.contains("verdict: PASS"), pass.out);
    assertTrue(pass.out.contains("16280 events (16280 labelled) of 16280 records"), pass.out);
    // the reference against itself: no drift, the reference's own accuracy
    assertTrue(pass.out.matches("(?s).*\\nok +psi +age +0\\.0+ .*"), pass.out);

    Run fail =
        aimon(
            "gate",
            "--config",
            config.toString(),
            "--model",
            AdultFixtures.MODEL,
            "--candidate",
            drift.toString(),
            "--evidence",
            archive.toString());
    System.out.println("aimon gate, the drift scenario as candidate:\n" + fail.out.strip());
    assertEquals(1, fail.exit, fail.out + fail.err);
    assertTrue(fail.out.contains("verdict: FAIL ("), fail.out);
    assertTrue(fail.out.contains("  critical psi age = "), fail.out);
    assertTrue(fail.out.contains("  critical psi education = "), fail.out);

    List<Gate> gates = gates();
    assertEquals(2, gates.size());
    Gate passed = gates.get(0);
    Gate failed = gates.get(1);
    assertEquals("pass", passed.verdict().code());
    assertEquals("1", passed.modelVersion());
    assertEquals(16280, passed.candidate().labelled());
    assertTrue(passed.breaches().isEmpty());
    assertEquals("fail", failed.verdict().code());
    assertEquals("2", failed.modelVersion());
    assertEquals(7598, failed.candidate().events());
    assertFalse(failed.breaches().isEmpty());
    // every breach printed is in the record, and the other way round
    for (var b : failed.breaches()) {
      assertTrue(
          fail.out.contains("  " + b.status().code() + " " + b.metric() + " "), b.toString());
    }
    assertEquals(
        failed.breaches().size(),
        fail.out
            .lines()
            .filter(l -> l.startsWith("  critical ") || l.startsWith("  warning "))
            .count());
    // the candidate file is named by its bytes
    assertEquals(
        java.util.HexFormat.of()
            .formatHex(
                java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(drift))),
        failed.candidate().sha256());

    // a version the events do not carry is refused
    Run wrong =
        aimon(
            "gate",
            "--config",
            config.toString(),
            "--model",
            AdultFixtures.MODEL,
            "--candidate",
            drift.toString(),
            "--version",
            "3",
            "--dry-run");
    assertEquals(2, wrong.exit, wrong.out + wrong.err);
    assertTrue(wrong.err.contains("carry model_version {2=7598}"), wrong.err);

    // the replay records version 1, first seen in its first window, with the passing gate
    AdultFixtures.replay(config, AdultFixtures.PRODUCTION, dir.resolve("out"));
    List<JsonNode> deployments = new ArrayList<>();
    try (Stream<Path> files = Files.walk(archive)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
        for (JsonNode l : AdultFixtures.readJsonLines(f)) {
          if (l.path("kind").asText().equals("deployment")) {
            deployments.add(l);
          }
        }
      }
    }
    assertEquals(1, deployments.size(), deployments.toString());
    JsonNode d = deployments.get(0);
    assertEquals("[\"A.6.2.4\",\"A.6.2.5\"]", d.path("controls").toString());
    assertEquals("1", d.path("data").path("version").asText());
    assertEquals("2024-02-01T00:00:00Z", d.path("data").path("window_start").asText());
    assertEquals(4070, d.path("data").path("events").asLong());
    assertEquals("pass", d.path("data").path("gate").path("verdict").asText());
    assertEquals(passed.digest(), d.path("data").path("gate").path("digest").asText());

    Path pub = dir.resolve("keys/aimon-evidence.pub");
    Run verified = aimon("evidence", "verify", archive.toString(), "--public-key", pub.toString());
    assertEquals(0, verified.exit, verified.out + verified.err);
    assertTrue(verified.out.contains("gate records: 2, every signature holds\n"), verified.out);

    // the export: A.6.2.4 and A.6.2.5 met, the report lists the deployment and both gates
    Path bundle = dir.resolve("bundle");
    Run export =
        aimon(
            "evidence",
            "export",
            "--evidence",
            archive.toString(),
            "--from",
            "2024-02-01",
            "--to",
            "2024-02-08",
            "--out",
            bundle.toString(),
            "--public-key",
            pub.toString());
    assertEquals(0, export.exit, export.out + export.err);
    String html = Files.readString(bundle.resolve("report.html"));
    assertTrue(html.contains("<table class=\"deployments\">"), "deployments table");
    assertTrue(html.contains("<table class=\"gates\">"), "gates table");
    assertFalse(html.contains("version_without_gate"), "version 1 was gated");
    String oscal = Files.readString(bundle.resolve("oscal-assessment-results.json"));
    assertNotNull(oscal);

    // a gate record altered after signing (fail turned into pass) fails verification
    Path file = archive.resolve("model=" + AdultFixtures.MODEL).resolve(Gate.FILE);
    List<String> gateLines = Files.readAllLines(file);
    gateLines.set(1, gateLines.get(1).replace("\"verdict\":\"fail\"", "\"verdict\":\"pass\""));
    Files.write(file, gateLines);
    Run tampered = aimon("evidence", "verify", archive.toString(), "--public-key", pub.toString());
    assertEquals(1, tampered.exit, tampered.out);
    assertTrue(tampered.out.contains("BAD_GATE model " + AdultFixtures.MODEL), tampered.out);
    assertTrue(
        tampered.out.contains("gate records: 2, 1 signature not verifying (BAD_GATE)"),
        tampered.out);
  }
}
