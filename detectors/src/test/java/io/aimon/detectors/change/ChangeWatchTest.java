package io.aimon.detectors.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.config.ChangeDetectionConfig;
import io.aimon.detectors.model.ModelSpec;
import io.aimon.detectors.model.OutcomeSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The per-event error series: its own watch beside the event series, the error of a binary and a
 * regression prediction, and an error rate that jumps from 10% to 40% flagged by ADWIN.
 */
class ChangeWatchTest {
  private static final long WINDOW = 60_000L;

  private static ModelSpec spec(boolean regression) {
    ModelSpec base =
        new ModelSpec(
            "m",
            "1",
            WINDOW,
            10,
            List.of("age", "income"),
            List.of(),
            true,
            true,
            "1",
            List.of(),
            1000,
            Map.of());
    ChangeDetectionConfig off = ChangeDetectionConfig.off();
    ChangeDetectionConfig c =
        new ChangeDetectionConfig(
            List.of("income", "error", "score"),
            off.method(),
            "critical",
            off.adwinDelta(),
            off.phThreshold(),
            off.phDelta(),
            off.phAlpha(),
            off.phMinInstances(),
            off.phDirection());
    ModelSpec spec = base.withChangeDetection(c);
    if (regression) {
      OutcomeSettings d = spec.outcomes();
      spec =
          spec.withOutcomes(
              new OutcomeSettings(
                  true,
                  d.labelMaxDelayMillis(),
                  d.partialResults(),
                  d.intersections(),
                  d.minGroupSize()));
    }
    return spec;
  }

  @Test
  void theErrorHasAWatchOfItsOwnBesideTheEventSeries() {
    ModelSpec spec = spec(false);
    assertEquals(List.of("income", "score"), ChangeWatch.create(spec).series());
    assertEquals(List.of("error"), ChangeWatch.createForErrors(spec).series());
    assertEquals(1, ChangeWatch.columns(spec)[0], "income is the second numeric feature");
    assertEquals(ChangeWatch.SCORE_COLUMN, ChangeWatch.columns(spec)[1]);
  }

  @Test
  void theErrorOfABinaryPredictionIsWhetherItIsWrongOfARegressionItsAbsoluteError() {
    ModelSpec binary = spec(false);
    assertEquals(0, PredictionError.of(binary, "1", "1"));
    assertEquals(0, PredictionError.of(binary, "0", "0"));
    assertEquals(1, PredictionError.of(binary, "1", "0"));
    assertEquals(1, PredictionError.of(binary, "0", "1"));
    ModelSpec regression = spec(true);
    assertEquals(2.5, PredictionError.of(regression, "10", "12.5"));
    assertTrue(Double.isNaN(PredictionError.of(regression, "x", "1")));
  }

  @Test
  void anErrorRateJumpingFromTenToFortyPercentIsFlaggedWithinAFewHundredLabels() {
    ChangeWatch w = ChangeWatch.createForErrors(spec(false));
    SplittableRandom random = new SplittableRandom(15);
    List<ChangeWatch.Flag> flags = new ArrayList<>();
    int change = 5_000;
    long flaggedAt = -1;
    for (int i = 0; i < 10_000; i++) {
      double rate = i < change ? 0.1 : 0.4;
      List<ChangeWatch.Flag> f =
          w.feed(i * 10L, ChangeWatch.errorRow(random.nextDouble() < rate ? 1 : 0));
      if (!f.isEmpty() && flaggedAt < 0 && i >= change) {
        flaggedAt = i;
      }
      flags.addAll(f);
    }
    System.out.printf(
        "error rate 0.1 -> 0.4 at label %d: flagged at label %d (%d labels later), %d flags%n",
        change, flaggedAt, flaggedAt - change, flags.size());
    assertTrue(flaggedAt >= change && flaggedAt < change + 300, "flagged at " + flaggedAt);
    assertTrue(
        flags.stream().noneMatch(f -> f.change().index() < change - 500), "no false alarm before");
  }
}
