package io.aimon.detectors.check;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Stable check ids: the first 16 bytes (hex) of SHA-256 over model, window start, metric, feature,
 * attribute and group. A restarted job gives the same ids, so downstream consumers can deduplicate.
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
    String key =
        String.join(
            "\u0000",
            modelId,
            Long.toString(windowStart),
            metric,
            nullToEmpty(feature),
            nullToEmpty(attribute),
            nullToEmpty(group));
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
