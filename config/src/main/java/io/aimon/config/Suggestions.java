package io.aimon.config;

import java.util.Collection;

/** "Did you mean" suggestions by edit distance; package-private helper. */
final class Suggestions {

  private Suggestions() {}

  /**
   * The candidate closest to {@code word} by Levenshtein distance (ties: the first in iteration
   * order), provided the distance is at most max(2, length / 3); else null.
   */
  static String closest(String word, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = distance(word.toLowerCase(), c.toLowerCase());
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    int limit = Math.max(2, word.length() / 3);
    return bestDistance <= limit ? best : null;
  }

  /** {@code " (did you mean 'x'?)"} or "" when nothing is close. */
  static String didYouMean(String word, Collection<String> candidates) {
    String c = closest(word, candidates);
    return c == null ? "" : " (did you mean '" + c + "'?)";
  }

  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
