package io.aimon.detectors.event;

import static io.aimon.detectors.event.EventFixtures.FEB_1_10_00_UTC;
import static io.aimon.detectors.event.EventFixtures.SPEC;
import static io.aimon.detectors.event.EventFixtures.decoder;
import static io.aimon.detectors.event.EventFixtures.raw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.config.ReferenceKeys;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link KeyTally}, fed by the decoder: the keys reference events really carry. */
class KeyTallyTest {

  private static String event(String id, String features, String groups) {
    return "{\"inference_id\":\""
        + id
        + "\",\"model_id\":\"m1\",\"timestamp\":0,\"prediction\":1,\"features\":"
        + features
        + (groups == null ? "" : ",\"groups\":" + groups)
        + "}";
  }

  private static KeyTally tally(String... records) {
    KeyTally keys = KeyTally.of(SPEC);
    EventDecoder decoder = decoder();
    for (String r : records) {
      decoder.decodeInference(raw(r), FEB_1_10_00_UTC, keys);
    }
    return keys;
  }

  @Test
  void configuredNamesComeFirstThenOtherKeysByNameCountingNonNullValues() {
    KeyTally keys =
        tally(
            event("a", "{\"age\":30,\"hours_per_week\":40,\"zip\":null}", "{\"gender\":\"F\"}"),
            event("b", "{\"age\":null,\"hours_per_week\":\"x\",\"bonus\":1}", null),
            event("c", "{\"workclass\":\"Private\"}", "{\"race\":\"White\",\"gender\":\"M\"}"));
    assertEquals(3, keys.events());
    Map<String, Long> features = new LinkedHashMap<>();
    features.put("age", 1L);
    features.put("income", 0L);
    features.put("workclass", 1L);
    features.put("sex", 0L);
    features.put("bonus", 1L);
    features.put("hours_per_week", 2L);
    assertEquals(features, keys.features());
    assertEquals(List.copyOf(features.keySet()), List.copyOf(keys.features().keySet()));
    assertEquals(Map.of("sex", 0L, "race", 1L, "gender", 2L), keys.groups());
    assertEquals(List.of("sex", "race", "gender"), List.copyOf(keys.groups().keySet()));

    ReferenceKeys seen = keys.toReferenceKeys();
    assertTrue(seen.exhaustive());
    assertEquals(3, seen.events());
    assertEquals(keys.groups(), seen.groups());
  }

  @Test
  void rejectedRecordsAreNotCounted() {
    KeyTally keys =
        tally(
            event("a", "{\"age\":30}", "{\"gender\":\"F\"}"),
            "{\"inference_id\":\"b\",\"model_id\":\"other\",\"timestamp\":0,\"prediction\":1,"
                + "\"features\":{\"age\":1}}",
            "{not json");
    assertEquals(1, keys.events());
    assertEquals(1L, keys.features().get("age"));
  }

  @Test
  void otherKeysAreBoundedInCountAndLengthConfiguredOnesNever() {
    KeyTally keys = new KeyTally(List.of("late"), List.of());
    EventDecoder decoder = new EventDecoder(Map.of(SPEC.id(), SPEC), 1 << 20); // room for many keys
    StringBuilder many = new StringBuilder("{");
    for (int i = 0; i < KeyTally.MAX_OTHER_KEYS + 5; i++) {
      many.append("\"k").append(String.format("%05d", i)).append("\":1,");
    }
    many.append("\"").append("x".repeat(KeyTally.MAX_KEY_CHARS + 1)).append("\":1,");
    many.append("\"late\":1}");
    decoder.decodeInference(raw(event("a", many.toString(), null)), FEB_1_10_00_UTC, keys);
    decoder.decodeInference(raw(event("b", many.toString(), null)), FEB_1_10_00_UTC, keys);

    Map<String, Long> features = keys.features();
    assertEquals(1 + KeyTally.MAX_OTHER_KEYS, features.size());
    assertEquals(2L, features.get("late"), "a configured name is counted past the bound");
    assertEquals(2L, features.get("k00000"));
    assertFalse(features.containsKey("k01000"), "keys beyond the bound are not kept");
    assertEquals(2 * 6, keys.uncounted(), "5 keys beyond the bound and 1 too long, twice");
    for (long c : features.values()) {
      assertTrue(c <= keys.events());
    }
  }
}
