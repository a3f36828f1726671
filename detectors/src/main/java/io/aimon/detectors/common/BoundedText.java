package io.aimon.detectors.common;

import io.aimon.config.Digests;

/**
 * The byte bound on every value window state keeps as a key: categories, fairness group names and
 * model versions. A value of at most {@value #MAX_BYTES} UTF-8 bytes is kept as it is; a longer one
 * is kept as its longest prefix of at most {@value #PREFIX_BYTES} bytes that ends on a code-point
 * boundary, then {@code ~} and the first {@value #DIGEST_HEX_DIGITS} hex digits (64 bits) of the
 * SHA-256 of the whole value (UTF-8). So a kept value is at most {@value #MAX_BYTES} bytes, valid
 * UTF-16 wherever the input was, and two distinct long values stay distinct unless their 64-bit
 * digest prefixes collide: for {@code n} distinct long values the chance of any collision is below
 * {@code n^2 / 2^65}, under 3e-14 for the 1,000 values a window keeps per feature or attribute.
 *
 * <pre>{@code
 * BoundedText.of("Private");                 // "Private", the same instance
 * BoundedText.of("x".repeat(10_000));        // 239 x, then "~e4ee97ec252749d2"
 * }</pre>
 *
 * <p><b>Why 256 bytes.</b> The values that name categories and groups in practice (country and
 * occupation names, product codes, UUIDs at 36 bytes, region or segment labels) are far below it,
 * so they are kept exactly; at 256 bytes the 1,001 keys of one capped feature or attribute stay
 * under 270 KB per window, and check results, series keys and incident summaries that carry a group
 * name stay one short line. A value that already looks like a truncated one (a prefix, {@code ~}
 * and 16 hex digits, within the bound) is kept as it is and counts together with the long value it
 * imitates: the bound protects the state's size, not against a producer that forges its own keys.
 *
 * <p>Stateless and thread-safe; {@link #of} allocates nothing for a value within the bound.
 */
public final class BoundedText {
  /** The most UTF-8 bytes of a kept value: 256. */
  public static final int MAX_BYTES = 256;

  /** Hex digits of the SHA-256 prefix that ends a truncated value: 16 (64 bits). */
  public static final int DIGEST_HEX_DIGITS = 16;

  /** The character between a truncated value's prefix and its digest. */
  public static final char MARK = '~';

  /** The most UTF-8 bytes of a truncated value's prefix: 256 - 1 - 16 = 239. */
  public static final int PREFIX_BYTES = MAX_BYTES - 1 - DIGEST_HEX_DIGITS;

  /** Below this many chars a value is within the bound whatever it holds (3 bytes per char). */
  private static final int SURELY_FITS_CHARS = MAX_BYTES / 3;

  private BoundedText() {}

  /**
   * {@code value} itself when it is at most {@link #MAX_BYTES} UTF-8 bytes (null stays null), else
   * its truncated form (see the class doc).
   */
  public static String of(String value) {
    if (value == null || fits(value)) {
      return value;
    }
    int end = prefixEnd(value, PREFIX_BYTES);
    return value.substring(0, end) + MARK + Digests.sha256Prefix(value, DIGEST_HEX_DIGITS / 2);
  }

  /** Whether {@code value} is at most {@link #MAX_BYTES} UTF-8 bytes, so {@link #of} keeps it. */
  public static boolean fits(String value) {
    return value.length() <= SURELY_FITS_CHARS || utf8Length(value, MAX_BYTES + 1) <= MAX_BYTES;
  }

  /**
   * The UTF-8 length of {@code s}, counting a lone surrogate as 3 bytes (what U+FFFD takes), or
   * {@code stopAbove} as soon as the length exceeds it.
   */
  static int utf8Length(String s, int stopAbove) {
    int bytes = 0;
    for (int i = 0; i < s.length() && bytes <= stopAbove; ) {
      int cp = s.codePointAt(i);
      bytes += utf8Bytes(cp);
      i += Character.charCount(cp);
    }
    return Math.min(bytes, stopAbove);
  }

  /** The end (exclusive, in chars) of the longest prefix of at most {@code maxBytes} bytes. */
  private static int prefixEnd(String s, int maxBytes) {
    int bytes = 0;
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      int b = utf8Bytes(cp);
      if (bytes + b > maxBytes) {
        break;
      }
      bytes += b;
      i += Character.charCount(cp);
    }
    return i;
  }

  private static int utf8Bytes(int cp) {
    if (cp < 0x80) {
      return 1;
    }
    if (cp < 0x800) {
      return 2;
    }
    return cp < 0x10000 ? 3 : 4;
  }
}
