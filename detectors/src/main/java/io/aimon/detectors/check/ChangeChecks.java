package io.aimon.detectors.check;

import io.aimon.config.MetricIds;
import io.aimon.detectors.change.ChangePoint;
import io.aimon.detectors.change.ChangeWatch;
import io.aimon.detectors.common.CapCounts;
import io.aimon.detectors.model.ModelSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code change_point} results of one model: one per window and watched series, emitted as soon
 * as the window's first change of the series is flagged (status {@code change_detection.severity},
 * value the shift after - before, with {@code changed_at} and {@code detected_at}), or at the
 * window's end when none was ({@code ok}, value null; {@code insufficient_data} when the window fed
 * the series no value). Values of the window the detector could not take in event-time order are
 * reported as {@code capped}.
 */
public final class ChangeChecks {
  private ChangeChecks() {}

  /** The result of a window's first change of a series, emitted when it is flagged. */
  public static CheckResult flagged(
      ModelSpec spec, String referenceDigest, ChangeWatch watch, ChangeWatch.Flag flag) {
    ChangePoint c = flag.change();
    return base(spec, referenceDigest, flag.windowStart(), watch.series().get(flag.series()))
        .value(c.after() - c.before())
        .n(flag.valuesSoFar())
        .status(CheckStatus.ofCode(spec.changeDetection().severity()))
        .change(c.changedAt(), c.detectedAt())
        .build();
  }

  /**
   * The results of a closed window for the series that flagged no change in it (those that did had
   * theirs when flagged).
   */
  public static List<CheckResult> quiet(
      ModelSpec spec,
      String referenceDigest,
      ChangeWatch watch,
      long windowStart,
      ChangeWatch.Tally tally) {
    List<CheckResult> out = new ArrayList<>();
    for (int s = 0; s < watch.series().size(); s++) {
      if (tally.first(s) != null) {
        continue;
      }
      long n = tally.values(s);
      out.add(
          base(spec, referenceDigest, windowStart, watch.series().get(s))
              .n(n)
              .status(n == 0 ? CheckStatus.INSUFFICIENT_DATA : CheckStatus.OK)
              .caps(new CapCounts(tally.late(), 0))
              .build());
    }
    return out;
  }

  private static CheckResult.Builder base(
      ModelSpec spec, String referenceDigest, long windowStart, String series) {
    return CheckResult.builder()
        .checkId(CheckIds.of(spec.id(), windowStart, MetricIds.CHANGE_POINT, series, null, null))
        .modelId(spec.id())
        .modelVersion(spec.version())
        .window(windowStart, windowStart + spec.windowMillis())
        .metric(MetricIds.CHANGE_POINT)
        .feature(series)
        .referenceDigest(referenceDigest);
  }
}
