package io.aimon.detectors.profile;

import io.aimon.detectors.common.CapCounts;
import io.aimon.detectors.common.EmpiricalCdf;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Data-quality counts of one window beyond missing values.
 *
 * @param outOfRange per numeric feature, values outside the reference's [min, max]
 * @param typeMismatches per feature (numeric and categorical), values of the wrong JSON type (a
 *     string for a numeric feature, an object or array for a categorical one); they also count as
 *     missing
 * @param latency the events' {@code latency_ms} values (empty when no event carried one)
 * @param caps per categorical feature (and {@code label} when it is monitored), the events whose
 *     category was pooled into {@code __OTHER__} or kept truncated ({@link CategoricalCounter})
 * @param versions the events whose model version was not remembered or kept truncated ({@link
 *     WindowAccumulator#MAX_VERSIONS})
 */
public record DataQuality(
    Map<String, Long> outOfRange,
    Map<String, Long> typeMismatches,
    EmpiricalCdf latency,
    Map<String, CapCounts> caps,
    CapCounts versions) {
  public DataQuality {
    outOfRange = Collections.unmodifiableMap(new LinkedHashMap<>(outOfRange));
    typeMismatches = Collections.unmodifiableMap(new LinkedHashMap<>(typeMismatches));
    Objects.requireNonNull(latency, "latency");
    caps = Collections.unmodifiableMap(new LinkedHashMap<>(caps));
    Objects.requireNonNull(versions, "versions");
  }

  /** The caps of a feature ({@link CapCounts#NONE} for a numeric or unknown one). */
  public CapCounts capsOf(String feature) {
    return caps.getOrDefault(feature, CapCounts.NONE);
  }
}
