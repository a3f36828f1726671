package io.aimon.detectors.check;

import io.aimon.config.Digests;

/**
 * Stable check ids: the first 16 bytes (hex) of SHA-256 over model, window start, metric, feature,
 * attribute and group, and the version for a result of one version's events. A restarted job gives
 * the same ids, so downstream consumers can deduplicate.
 */
public final class CheckIds {
  private CheckIds() {}

  public static String of(
      String modelId,
      long windowStart,
      String metric,
      String feature,
      String attribute,
      String group) {
    return of(modelId, windowStart, metric, feature, attribute, group, null);
  }

  /** The id of a result of {@code version}'s events alone, or of the whole window when null. */
  public static String of(
      String modelId,
      long windowStart,
      String metric,
      String feature,
      String attribute,
      String group,
      String version) {
    String key =
        String.join(
            "\u0000",
            modelId,
            Long.toString(windowStart),
            metric,
            nullToEmpty(feature),
            nullToEmpty(attribute),
            nullToEmpty(group));
    if (version != null) {
      key = key + "\u0000version\u0000" + version;
    }
    return Digests.sha256Prefix(key, 16);
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
