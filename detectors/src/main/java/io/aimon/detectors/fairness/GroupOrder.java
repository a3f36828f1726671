package io.aimon.detectors.fairness;

import java.util.Comparator;

/**
 * The order of group names in results: by Unicode code point, as Python sorts {@code str} (the
 * vectors' order). Differs from {@link String#compareTo} only for characters outside the BMP.
 * Package-private helper.
 */
final class GroupOrder {
  static final Comparator<String> CODE_POINT =
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

  private GroupOrder() {}
}
