package io.aimon.detectors.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.config.Digests;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The 256-byte bound on kept values: kept, or cut on a code point with a digest suffix. */
class BoundedTextTest {
  private static int utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  @Test
  void aValueWithinTheBoundIsKeptAsTheSameInstance() {
    String country = "United-States";
    assertSame(country, BoundedText.of(country));
    String exactly = "a".repeat(256);
    assertSame(exactly, BoundedText.of(exactly));
    String multibyte = "é".repeat(128); // 256 bytes in 128 chars
    assertSame(multibyte, BoundedText.of(multibyte));
    assertNull(BoundedText.of(null));
  }

  @Test
  void aLongValueIsItsPrefixAMarkAndSixteenHexDigitsOfItsSha256() {
    String value = "x".repeat(10_000);
    String kept = BoundedText.of(value);
    assertEquals("x".repeat(239) + "~e4ee97ec252749d2", kept, "python: sha256(b'x'*10000)[:8]");
    assertEquals(256, utf8(kept));
    String justOver = "a".repeat(257);
    assertEquals(
        "a".repeat(239) + "~" + Digests.sha256Prefix(justOver, 8), BoundedText.of(justOver));
  }

  @Test
  void theCutNeverSplitsACharacter() {
    // 2-byte é: 239 bytes hold 119 of them (238 bytes); 4-byte emoji (a surrogate pair): 59 (236)
    String accents = "é".repeat(200);
    String keptAccents = BoundedText.of(accents);
    assertEquals("é".repeat(119) + "~", keptAccents.substring(0, 120));
    String emoji = "\uD83D\uDE00".repeat(100);
    String keptEmoji = BoundedText.of(emoji);
    String prefix = keptEmoji.substring(0, keptEmoji.indexOf('~'));
    assertEquals(59, prefix.codePointCount(0, prefix.length()));
    assertFalse(Character.isHighSurrogate(prefix.charAt(prefix.length() - 1)));
    assertTrue(utf8(keptEmoji) <= BoundedText.MAX_BYTES);
    // a 3-byte character straddling byte 239: a before it shifts the boundary
    String straddle = "ab" + "€".repeat(100);
    String p = BoundedText.of(straddle);
    assertEquals("ab" + "€".repeat(79) + "~", p.substring(0, 82), "2 + 79 * 3 = 239 bytes");
  }

  @Test
  void distinctLongValuesWithTheSamePrefixStayDistinct() {
    Set<String> kept = new HashSet<>();
    String common = "k".repeat(10_000);
    for (int i = 0; i < 10_000; i++) {
      kept.add(BoundedText.of(common + i));
    }
    assertEquals(10_000, kept.size());
    for (String k : kept) {
      assertEquals(256, utf8(k));
      assertTrue(k.startsWith("k".repeat(239) + "~"));
    }
    assertEquals(BoundedText.of(common + 7), BoundedText.of(common + 7), "deterministic");
    assertNotEquals(BoundedText.of(common + 7), BoundedText.of(common + 8));
  }

  @Test
  void fitsCountsUtf8BytesNotChars() {
    assertTrue(BoundedText.fits("z".repeat(256)));
    assertFalse(BoundedText.fits("z".repeat(257)));
    assertTrue(BoundedText.fits("\uD83D\uDE00".repeat(64)), "64 emoji = 256 bytes");
    assertFalse(BoundedText.fits("\uD83D\uDE00".repeat(64) + "z"));
    assertFalse(BoundedText.fits("\uD800".repeat(86)), "a lone surrogate counts 3 bytes");
  }
}
