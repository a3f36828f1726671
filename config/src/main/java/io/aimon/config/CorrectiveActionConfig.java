package io.aimon.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code corrective_actions} section: how the monitor job judges the corrective actions
 * operators record on incidents (ISO/IEC 42001 clause 10.2). See docs/configuration.md, section
 * Corrective actions.
 *
 * @param verifyWindows {@code corrective_actions.verify_windows}: consecutive ok windows after an
 *     applied action that verify it as effective, in [1, {@link #MAX_VERIFY_WINDOWS}]
 * @param majorAfter {@code corrective_actions.major_after}: a critical incident still unresolved
 *     this long (event time) after it opened is a major nonconformity; &gt; 0
 * @param seriousReportWithin {@code corrective_actions.serious_report_within.*}: per serious
 *     incident category code ({@code death}, {@code critical_infrastructure}, {@code
 *     widespread_infringement}, {@code other}), how soon a declared serious incident must be
 *     reported; each &gt; 0
 */
public record CorrectiveActionConfig(
    int verifyWindows, Duration majorAfter, Map<String, Duration> seriousReportWithin)
    implements Serializable {

  /** The serious incident categories, in the order of their keys. */
  public static final List<String> SERIOUS_CATEGORIES =
      List.of("death", "critical_infrastructure", "widespread_infringement", "other");

  /** The most windows {@link #verifyWindows} may ask for. */
  public static final int MAX_VERIFY_WINDOWS = 100;

  public CorrectiveActionConfig {
    if (verifyWindows < 1 || verifyWindows > MAX_VERIFY_WINDOWS) {
      throw new IllegalArgumentException(
          "verifyWindows must be in [1, " + MAX_VERIFY_WINDOWS + "], was " + verifyWindows);
    }
    if (majorAfter == null || majorAfter.isNegative() || majorAfter.isZero()) {
      throw new IllegalArgumentException("majorAfter must be > 0, was " + majorAfter);
    }
    LinkedHashMap<String, Duration> within = new LinkedHashMap<>();
    for (String c : SERIOUS_CATEGORIES) {
      Duration d = seriousReportWithin == null ? null : seriousReportWithin.get(c);
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("seriousReportWithin." + c + " must be > 0, was " + d);
      }
      within.put(c, d);
    }
    seriousReportWithin = Collections.unmodifiableMap(within);
  }

  /** The registry defaults: 3 verify windows, major after 24h, the Art. 73 deadlines. */
  public static CorrectiveActionConfig defaults() {
    return new CorrectiveActionConfig(
        ConfigKeys.CORRECTIVE_ACTIONS_VERIFY_WINDOWS.defaultValue(),
        ConfigKeys.CORRECTIVE_ACTIONS_MAJOR_AFTER.defaultValue(),
        seriousDefaults());
  }

  /**
   * The Art. 73 deadlines: death 10d, critical infrastructure and widespread infringement 2d, 15d.
   */
  static Map<String, Duration> seriousDefaults() {
    Map<String, Duration> m = new LinkedHashMap<>();
    m.put("death", ConfigKeys.CORRECTIVE_ACTIONS_SERIOUS_DEATH.defaultValue());
    m.put(
        "critical_infrastructure",
        ConfigKeys.CORRECTIVE_ACTIONS_SERIOUS_CRITICAL_INFRASTRUCTURE.defaultValue());
    m.put(
        "widespread_infringement",
        ConfigKeys.CORRECTIVE_ACTIONS_SERIOUS_WIDESPREAD_INFRINGEMENT.defaultValue());
    m.put("other", ConfigKeys.CORRECTIVE_ACTIONS_SERIOUS_OTHER.defaultValue());
    return m;
  }
}
