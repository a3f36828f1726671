package io.aimon.detectors.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast path of ISO-8601 timestamps against {@link Instant#parse}, the rule it shortcuts. */
class JsonFieldsTest {
  @Test
  void theFastPathGivesWhatInstantParseGivesWhereverItAnswers() {
    Random random = new Random(42);
    int fast = 0;
    for (int i = 0; i < 200_000; i++) {
      long millis = (long) (random.nextDouble() * JsonFields.MAX_TIMESTAMP);
      String text = Instant.ofEpochMilli(millis).toString(); // Z, 0, 3 (or 6, 9) fraction digits
      text = withFraction(text, random.nextInt(10), random);
      String mutated = random.nextInt(4) == 0 ? mutate(text, random) : text;
      long expected;
      try {
        expected = Instant.parse(mutated).toEpochMilli();
      } catch (DateTimeException e) {
        expected = -1;
      }
      long actual = JsonFields.utcSeconds(mutated);
      if (actual != -1) {
        assertEquals(expected, actual, mutated);
        fast++;
      }
      if (mutated.equals(text)) {
        assertEquals(expected, actual, "the usual form takes the fast path: " + text);
      }
    }
    assertTrue(fast > 140_000, "fast path taken " + fast + " times");
  }

  @Test
  void formsTheFastPathLeavesToTheFullParser() {
    for (String text :
        List.of(
            "2024-02-30T00:00:00Z", // no such day
            "2023-02-29T00:00:00Z", // not a leap year
            "2024-02-01T24:00:00Z",
            "2024-02-01T23:59:60Z", // a leap second: Instant.parse decides
            "2024-02-01t00:00:00z",
            "2024-02-01T00:00:00+00:00",
            "2024-02-01T00:00:00.Z",
            "2024-02-01T00:00:00.1234567890Z",
            "+2024-02-01T00:00:00Z",
            "2024-2-01T00:00:00Z",
            "2024-02-01T00:00Z",
            "2024-02-01 00:00:00Z")) {
      assertEquals(-1, JsonFields.utcSeconds(text), text);
    }
    assertEquals(
        Instant.parse("2024-02-29T23:59:59.999999999Z").toEpochMilli(),
        JsonFields.utcSeconds("2024-02-29T23:59:59.999999999Z"));
    assertEquals(0, JsonFields.utcSeconds("1970-01-01T00:00:00Z"));
    assertEquals(JsonFields.MAX_TIMESTAMP, JsonFields.utcSeconds("9999-12-31T23:59:59.999Z"));
  }

  /** {@code text} (as Instant prints it) with {@code digits} fraction digits. */
  private static String withFraction(String text, int digits, Random random) {
    String base = text.substring(0, 19);
    String fraction = text.length() > 20 ? text.substring(20, text.length() - 1) : "";
    StringBuilder f = new StringBuilder(fraction);
    while (f.length() < digits) {
      f.append((char) ('0' + random.nextInt(10)));
    }
    f.setLength(digits);
    return base + (digits == 0 ? "" : "." + f) + "Z";
  }

  /** One character replaced, removed or added. */
  private static String mutate(String text, Random random) {
    String alphabet = "0123456789-:.TZtz+ 9";
    int at = random.nextInt(text.length());
    char c = alphabet.charAt(random.nextInt(alphabet.length()));
    return switch (random.nextInt(3)) {
      case 0 -> text.substring(0, at) + c + text.substring(at + 1);
      case 1 -> text.substring(0, at) + text.substring(at + 1);
      default -> text.substring(0, at) + c + text.substring(at);
    };
  }
}
