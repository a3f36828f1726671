package io.aimon.detectors.common;

import java.util.Comparator;

/**
 * Strings in Unicode code point order, as Python sorts {@code str} (the order of categories and
 * groups in scipy's and Fairlearn's outputs). {@link String#compareTo} orders UTF-16 units, which
 * differs for characters outside the Basic Multilingual Plane.
 */
public final class CodePointOrder {
  /** The comparator. */
  public static final Comparator<String> COMPARATOR =
      (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
          int ca = a.codePointAt(i);
          int cb = b.codePointAt(j);
          if (ca != cb) {
            return Integer.compare(ca, cb);
          }
          i += Character.charCount(ca);
          j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
      };

  private CodePointOrder() {}
}
