package io.aimon.config;

/**
 * Cuts text for messages, payload copies and labels without splitting a character: a cut never
 * falls between the two halves of a surrogate pair (an emoji, say), so what is kept is valid UTF-16
 * wherever the input was, and every UTF-8 sink can write it.
 */
public final class Text {
  private Text() {}

  /**
   * {@code s} itself when it has at most {@code maxChars} chars, else its longest prefix of at most
   * {@code maxChars} chars that does not end in the first half of a surrogate pair.
   *
   * @param maxChars >= 1
   */
  public static String prefix(String s, int maxChars) {
    if (maxChars < 1) {
      throw new IllegalArgumentException("maxChars: expected >= 1, found " + maxChars);
    }
    if (s.length() <= maxChars) {
      return s;
    }
    int end = Character.isHighSurrogate(s.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
    return s.substring(0, end);
  }

  /**
   * {@code s} itself when it has at most {@code maxChars} chars, else its prefix and {@code more}.
   */
  public static String abbreviate(String s, int maxChars, String more) {
    return s.length() <= maxChars ? s : prefix(s, maxChars) + more;
  }
}
