package io.aimon.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * The alert policy settings of one model ({@code models[].alerting}, falling back to the top-level
 * {@code alerting} section, falling back to the registry defaults). The alert state machine in the
 * {@code alerting} module reads it; see docs/configuration.md, section Alerting.
 *
 * @param warningFor {@code warning.for}: an incident opens (at least warning) when this many of the
 *     last {@code warningOf} evaluated windows are warning or critical; in [1, warningOf]
 * @param warningOf {@code warning.of}, in [1, {@link #MAX_WINDOWS}]
 * @param criticalFor {@code critical.for}: an incident opens as (or escalates to) critical when
 *     this many of the last {@code criticalOf} evaluated windows are critical; in [1, criticalOf]
 * @param criticalOf {@code critical.of}, in [1, {@link #MAX_WINDOWS}]
 * @param resolveAfter {@code resolve_after}: consecutive ok windows that resolve an open incident,
 *     in [1, {@link #MAX_WINDOWS}]
 * @param cooldown {@code cooldown}, &gt;= 0: event time after the resolving window's end during
 *     which the same series cannot reopen; zero means no cooldown
 * @param runbookUrl {@code runbook_url}: an absolute http or https URL, or null
 * @param groupBy {@code group_by}: which breaching series share one incident
 */
public record AlertingConfig(
    int warningFor,
    int warningOf,
    int criticalFor,
    int criticalOf,
    int resolveAfter,
    Duration cooldown,
    String runbookUrl,
    IncidentGrouping groupBy) {

  /**
   * The largest {@code of} and {@code resolve_after}: the state keeps at most this many windows.
   */
  public static final int MAX_WINDOWS = 100;

  public AlertingConfig {
    requireRule("warning", warningFor, warningOf);
    requireRule("critical", criticalFor, criticalOf);
    if (resolveAfter < 1 || resolveAfter > MAX_WINDOWS) {
      throw new IllegalArgumentException(
          "resolveAfter must be in [1, " + MAX_WINDOWS + "], was " + resolveAfter);
    }
    if (cooldown == null || cooldown.isNegative()) {
      throw new IllegalArgumentException("cooldown must be >= 0, was " + cooldown);
    }
    if (runbookUrl != null && !isHttpUrl(runbookUrl)) {
      throw new IllegalArgumentException(
          "runbookUrl must be an absolute http or https URL, was '" + runbookUrl + "'");
    }
    if (groupBy == null) {
      throw new IllegalArgumentException("groupBy must not be null");
    }
  }

  /**
   * The registry defaults: warning 2 of 3, critical 1 of 1, resolve after 2, no cooldown, grouped
   * by feature.
   */
  public static AlertingConfig defaults() {
    return new AlertingConfig(
        ConfigKeys.ALERTING_WARNING_FOR.defaultValue(),
        ConfigKeys.ALERTING_WARNING_OF.defaultValue(),
        ConfigKeys.ALERTING_CRITICAL_FOR.defaultValue(),
        ConfigKeys.ALERTING_CRITICAL_OF.defaultValue(),
        ConfigKeys.ALERTING_RESOLVE_AFTER.defaultValue(),
        ConfigKeys.ALERTING_COOLDOWN.defaultValue(),
        ConfigKeys.ALERTING_RUNBOOK_URL.defaultValue(),
        ConfigKeys.ALERTING_GROUP_BY.defaultValue());
  }

  /**
   * Whether {@code text} is an absolute {@code http} or {@code https} URL with a host (RFC 3986
   * syntax as {@link URI} parses it).
   */
  public static boolean isHttpUrl(String text) {
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme();
      return scheme != null
          && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
          && uri.getHost() != null
          && !uri.getHost().isEmpty();
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static void requireRule(String name, int forCount, int of) {
    if (of < 1 || of > MAX_WINDOWS) {
      throw new IllegalArgumentException(
          name + "Of must be in [1, " + MAX_WINDOWS + "], was " + of);
    }
    if (forCount < 1 || forCount > of) {
      throw new IllegalArgumentException(
          name + "For must be in [1, " + name + "Of = " + of + "], was " + forCount);
    }
  }
}
