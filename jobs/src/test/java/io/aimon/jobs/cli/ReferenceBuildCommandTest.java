package io.aimon.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.aimon.jobs.AdultFixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code aimon reference build} writes a profile that, used as {@code reference: {profile: ...}},
 * gives exactly the results of building the reference from events at start-up.
 */
class ReferenceBuildCommandTest {

  @Test
  void storedProfileGivesTheSameResultsAsReferenceEvents(@TempDir Path dir) throws Exception {
    Path eventsConfig =
        AdultFixtures.writeConfig(Files.createDirectories(dir.resolve("events")), "");
    Path profile = dir.resolve("adult.profile.json");
    StringWriter out = new StringWriter();
    int code =
        new CommandLine(new AimonCommand())
            .setOut(new PrintWriter(out))
            .execute(
                "reference",
                "build",
                "--config",
                eventsConfig.toString(),
                "--model",
                AdultFixtures.MODEL,
                "--out",
                profile.toString());
    assertEquals(0, code);
    assertTrue(out.toString().contains("16280 events"), out.toString());
    JsonNode json = AdultFixtures.parse(Files.readString(profile));
    assertEquals("aimon-reference-profile", json.path("format").asText());
    assertEquals(
        4, json.path("version").asInt(), "labelled, scored reference: layout with estimation");
    assertEquals(116, json.path("estimation").path("calibration").path("values").size());
    assertEquals(16280, json.path("estimation").path("outcomes").path("events").asInt());
    // decile edges of age, as numpy computes them on the reference (expected.json)
    JsonNode expectedEdges =
        AdultFixtures.expected()
            .path("windows")
            .get(0)
            .path("drift")
            .path("numeric")
            .path("age")
            .path("bins")
            .path("edges");
    assertEquals(expectedEdges, json.path("numeric").path("age").path("edges"));

    Path profileDir = Files.createDirectories(dir.resolve("profile"));
    Path profileConfig = AdultFixtures.writeConfig(profileDir, "");
    Files.writeString(
        profileConfig,
        Files.readString(profileConfig)
            .replace(
                "events: " + AdultFixtures.REFERENCE.toString().replace("\\", "/"),
                "profile: ../adult.profile.json"));

    Path fromEvents = replay(eventsConfig, dir.resolve("out-events"));
    Path fromProfile = replay(profileConfig, dir.resolve("out-profile"));
    // drift and outcome results come from two operators, so compare them in a fixed order
    assertEquals(
        Files.readAllLines(fromEvents.resolve("metrics.jsonl")).stream().sorted().toList(),
        Files.readAllLines(fromProfile.resolve("metrics.jsonl")).stream().sorted().toList());
  }

  @Test
  void unknownModelIsAUsageError(@TempDir Path dir) throws Exception {
    Path config = AdultFixtures.writeConfig(dir, "");
    StringWriter err = new StringWriter();
    int code =
        new CommandLine(new AimonCommand())
            .setErr(new PrintWriter(err))
            .execute(
                "reference",
                "build",
                "--config",
                config.toString(),
                "--model",
                "nope",
                "--out",
                dir.resolve("p.json").toString());
    assertEquals(2, code);
    assertTrue(err.toString().contains("model 'nope' is not in"), err.toString());
  }

  private static Path replay(Path config, Path out) {
    return AdultFixtures.replay(config, AdultFixtures.PRODUCTION, out);
  }
}
