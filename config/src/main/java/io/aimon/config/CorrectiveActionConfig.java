package io.aimon.config;

import java.io.Serializable;
import java.time.Duration;

/**
 * The {@code corrective_actions} section: how the monitor job judges the corrective actions
 * operators record on incidents (ISO/IEC 42001 clause 10.2). See docs/configuration.md, section
 * Corrective actions.
 *
 * @param verifyWindows {@code corrective_actions.verify_windows}: consecutive ok windows after an
 *     applied action that verify it as effective, in [1, {@link #MAX_VERIFY_WINDOWS}]
 * @param majorAfter {@code corrective_actions.major_after}: a critical incident still unresolved
 *     this long (event time) after it opened is a major nonconformity; &gt; 0
 */
public record CorrectiveActionConfig(int verifyWindows, Duration majorAfter)
    implements Serializable {

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
  }

  /** The registry defaults: 3 verify windows, major after 24h. */
  public static CorrectiveActionConfig defaults() {
    return new CorrectiveActionConfig(
        ConfigKeys.CORRECTIVE_ACTIONS_VERIFY_WINDOWS.defaultValue(),
        ConfigKeys.CORRECTIVE_ACTIONS_MAJOR_AFTER.defaultValue());
  }
}
