package io.aimon.jobs.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.aimon.jobs.AdultFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Labels that cannot count land in the dead letter with their reason and line: a label after its
 * window was final ({@code label_too_late}), a label without a prediction ({@code orphan_label}), a
 * second label for the same inference ({@code duplicate_label}), and a malformed label event.
 */
class LabelDeadLetterIntegrationTest {
  private static final int EVENTS = 8140; // windows W1 and W2

  @Test
  void lateOrphanDuplicateAndMalformedLabelsAreDeadLetteredWithTheirLine(@TempDir Path dir)
      throws Exception {
    List<String> predictions = AdultFixtures.lines(AdultFixtures.PRODUCTION_UNLABELED, EVENTS);
    List<String> labels = new ArrayList<>(AdultFixtures.lines(AdultFixtures.LABELS, EVENTS));
    // the label of adult-16290 (window W1) is observed at 2024-02-02T13:00Z and arrives after W2's
    // labels: W1 was final at 2024-02-02T12:00Z (window end + max_delay 12h)
    String withheld = labels.remove(10);
    assertTrue(withheld.contains("\"adult-16290\""));
    withheld =
        withheld.replaceAll("\"timestamp\":\"[^\"]*\"", "\"timestamp\":\"2024-02-02T13:00:00Z\"");
    labels.add(2, labels.get(0).replace("\"label\":0", "\"label\":1")); // duplicate of adult-16280
    labels.add(
        5,
        "{\"inference_id\":\"adult-nowhere\",\"model_id\":\"adult-income-logreg\",\"label\":1,"
            + "\"timestamp\":\"2024-02-01T06:00:30Z\"}");
    labels.add(7, "{\"inference_id\":\"x\",\"label\":1}");
    labels.add(withheld);
    Path predictionFile = dir.resolve("predictions.jsonl");
    Path labelFile = dir.resolve("labels.jsonl");
    Files.write(predictionFile, predictions);
    Files.write(labelFile, labels);

    Path out =
        AdultFixtures.replay(
            AdultFixtures.writeConfig(dir, "", "1d", "labels: {max_delay: 12h}"),
            predictionFile,
            labelFile,
            dir.resolve("out"));

    List<JsonNode> dead = AdultFixtures.readJsonLines(out.resolve("dead-letter.jsonl"));
    Set<String> got =
        dead.stream()
            .map(
                d ->
                    d.path("reason").asText()
                        + "@"
                        + d.path("source").asText()
                        + ":"
                        + d.path("position").asLong())
            .collect(Collectors.toSet());
    assertEquals(
        Set.of(
            "duplicate_label@labels.jsonl:3",
            "orphan_label@labels.jsonl:6",
            "missing_field@labels.jsonl:8",
            "label_too_late@labels.jsonl:" + labels.size()),
        got);
    assertEquals(4, dead.size());
    JsonNode late =
        dead.stream()
            .filter(d -> d.path("reason").asText().equals("label_too_late"))
            .findFirst()
            .orElseThrow();
    assertTrue(
        late.path("detail").asText().contains("was final at 2024-02-02T12:00:00Z"),
        late.path("detail").asText());

    // W1's performance rests on every label but the withheld one; the duplicate did not count
    JsonNode w1Accuracy =
        AdultFixtures.readJsonLines(out.resolve("metrics.jsonl")).stream()
            .filter(r -> r.path("metric").asText().equals("accuracy"))
            .filter(r -> r.path("window_start").asText().startsWith("2024-02-01"))
            .findFirst()
            .orElseThrow();
    assertEquals(4069, w1Accuracy.path("n").asLong());
  }
}
