package io.aimon.config;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * The {@code change_detection} section of a model: online detectors on per-event series that flag
 * an abrupt change before the window holding it closes (docs/metrics.md, "Online change
 * detection").
 *
 * @param series the series watched: {@code score}, numeric feature names, or {@code error} (the
 *     per-event error once a label is joined); empty turns the check off (copied, unmodifiable)
 * @param method the detector
 * @param severity the status of a window in which a change is flagged, {@code warning} or {@code
 *     critical}
 * @param adwinDelta ADWIN's confidence, in (0, 1)
 * @param phThreshold Page-Hinkley's threshold (lambda), &gt; 0
 * @param phDelta Page-Hinkley's tolerated shift, &gt;= 0
 * @param phAlpha Page-Hinkley's forgetting factor, in (0, 1]
 * @param phMinInstances Page-Hinkley's values before a change can be flagged, &gt;= 1
 * @param phDirection which shifts Page-Hinkley watches: {@code up}, {@code down} or {@code both}
 */
public record ChangeDetectionConfig(
    List<String> series,
    Method method,
    String severity,
    double adwinDelta,
    double phThreshold,
    double phDelta,
    double phAlpha,
    int phMinInstances,
    String phDirection)
    implements Serializable {

  /** The online detectors. */
  public enum Method {
    ADWIN("adwin"),
    PAGE_HINKLEY("page_hinkley");

    private final String configName;

    Method(String configName) {
      this.configName = configName;
    }

    /** The name used in the configuration. */
    public String configName() {
      return configName;
    }
  }

  /** The series name of the model score. */
  public static final String SCORE = "score";

  /**
   * The series name of the per-event error, known once the event's label is joined: for a binary
   * classifier 1 when the prediction is wrong, else 0; for a regression model the absolute error.
   */
  public static final String ERROR = "error";

  public ChangeDetectionConfig {
    series = List.copyOf(series);
    Objects.requireNonNull(method, "method");
    if (!List.of("warning", "critical").contains(severity)) {
      throw new IllegalArgumentException(
          "severity: expected warning or critical, found " + severity);
    }
    if (!(adwinDelta > 0 && adwinDelta < 1)) {
      throw new IllegalArgumentException("adwin.delta: expected in (0, 1), found " + adwinDelta);
    }
    if (!(phThreshold > 0) || !(phDelta >= 0) || !(phAlpha > 0 && phAlpha <= 1)) {
      throw new IllegalArgumentException(
          "page_hinkley: expected threshold > 0, delta >= 0, alpha in (0, 1]");
    }
    if (phMinInstances < 1) {
      throw new IllegalArgumentException("page_hinkley.min_instances: expected >= 1");
    }
    if (!List.of("up", "down", "both").contains(phDirection)) {
      throw new IllegalArgumentException(
          "page_hinkley.direction: expected up, down or both, found " + phDirection);
    }
  }

  /** Off: no series, the registry's parameters. */
  public static ChangeDetectionConfig off() {
    return new ChangeDetectionConfig(
        List.of(),
        ConfigKeys.MODEL_CHANGE_METHOD.defaultValue(),
        ConfigKeys.MODEL_CHANGE_SEVERITY.defaultValue(),
        ConfigKeys.MODEL_CHANGE_ADWIN_DELTA.defaultValue(),
        ConfigKeys.MODEL_CHANGE_PH_THRESHOLD.defaultValue(),
        ConfigKeys.MODEL_CHANGE_PH_DELTA.defaultValue(),
        ConfigKeys.MODEL_CHANGE_PH_ALPHA.defaultValue(),
        ConfigKeys.MODEL_CHANGE_PH_MIN_INSTANCES.defaultValue(),
        ConfigKeys.MODEL_CHANGE_PH_DIRECTION.defaultValue());
  }

  /** Whether any series is watched. */
  public boolean enabled() {
    return !series.isEmpty();
  }

  /** The series read from the inference events themselves: all but {@link #ERROR}. */
  public List<String> eventSeries() {
    return series.stream().filter(s -> !s.equals(ERROR)).toList();
  }

  /** Whether the per-event error is watched. */
  public boolean watchesErrors() {
    return series.contains(ERROR);
  }
}
