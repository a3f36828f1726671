package io.aimon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TextTest {
  private static final String EMOJI = "\uD83D\uDE00"; // U+1F600, two chars

  @Test
  void aCutInsideASurrogatePairKeepsTheWholeCharacterOut() {
    String s = "abc" + EMOJI + "def";
    assertEquals("abc", Text.prefix(s, 4)); // char 4 would be the pair's first half
    assertEquals("abc" + EMOJI, Text.prefix(s, 5));
    assertEquals("abc...", Text.abbreviate(s, 4, "..."));
  }

  @Test
  void shortTextIsKeptAsItIs() {
    assertEquals("abc", Text.prefix("abc", 3));
    assertEquals("abc", Text.abbreviate("abc", 3, "..."));
    assertEquals("ab", Text.prefix("abc", 2));
  }

  @Test
  void aCutAfterAWholePairOrBeforeALoneHalfIsUnchanged() {
    assertEquals(EMOJI, Text.prefix(EMOJI + "x", 2));
    assertEquals("a\uDE00", Text.prefix("a\uDE00b", 2)); // a lone second half is input's, kept
  }

  @Test
  void theLengthMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> Text.prefix("abc", 0));
  }
}
