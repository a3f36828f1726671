package io.aimon.jobs.monitor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.aimon.detectors.label.LabelledPrediction;
import io.aimon.jobs.SerializerRoundTrip;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelledPredictionSerializerTest {
  private static final List<LabelledPrediction> PREDICTIONS =
      List.of(
          new LabelledPrediction(
              "adult",
              "i-1",
              1706745600000L,
              "1",
              0.73,
              "0",
              new String[] {"Male", "White"},
              1706749200000L,
              "labels/0",
              17,
              "7"),
          new LabelledPrediction(
              "m",
              null,
              0,
              "",
              Double.NaN,
              "yes",
              new String[] {null, "é\uD83D\uDE00"},
              -5,
              null,
              Long.MAX_VALUE),
          new LabelledPrediction("m", "x", 1, "0", -0.0, "1", new String[0], 1, "f.jsonl", 1));

  @Test
  void predictionsSurviveTheWireAndItsCopy() throws Exception {
    List<LabelledPrediction> back =
        SerializerRoundTrip.of(LabelledPredictionSerializer.INSTANCE, PREDICTIONS);
    for (int i = 0; i < PREDICTIONS.size(); i++) {
      LabelledPrediction p = PREDICTIONS.get(i);
      LabelledPrediction read = back.get(i);
      assertEquals(p.modelId(), read.modelId());
      assertEquals(p.inferenceId(), read.inferenceId());
      assertEquals(p.predictionTimestamp(), read.predictionTimestamp());
      assertEquals(p.prediction(), read.prediction());
      assertEquals(Double.doubleToRawLongBits(p.score()), Double.doubleToRawLongBits(read.score()));
      assertEquals(p.label(), read.label());
      assertArrayEquals(p.groups(), read.groups());
      assertEquals(p.labelTimestamp(), read.labelTimestamp());
      assertEquals(p.source(), read.source());
      assertEquals(p.position(), read.position());
      assertEquals(p.modelVersion(), read.modelVersion());
    }
  }

  @Test
  void aPredictionIsHandedOnNotCopied() {
    assertSame(PREDICTIONS.get(0), LabelledPredictionSerializer.INSTANCE.copy(PREDICTIONS.get(0)));
    assertSame(
        LabelledPredictionSerializer.INSTANCE,
        LabelledPredictionSerializer.INSTANCE.snapshotConfiguration().restoreSerializer());
  }
}
