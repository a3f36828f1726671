package io.aimon.detectors.profile;

import static io.aimon.detectors.profile.ProfileFixtures.WINDOW_END;
import static io.aimon.detectors.profile.ProfileFixtures.WINDOW_START;
import static io.aimon.detectors.profile.ProfileFixtures.assertWindowEquals;
import static io.aimon.detectors.profile.ProfileFixtures.events;
import static io.aimon.detectors.profile.ProfileFixtures.reference;
import static io.aimon.detectors.profile.ProfileFixtures.spec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.detectors.event.InferenceEvent;
import io.aimon.detectors.model.ModelSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowAccumulatorCodecTest {
  private static final ModelSpec SPEC = spec(10_000);
  private static final ReferenceProfile REF = reference(SPEC, events(1, 400));

  private static WindowAccumulator accumulate(ModelSpec spec, List<InferenceEvent> events) {
    WindowAccumulator a = WindowAccumulator.create(spec, REF);
    events.forEach(a::add);
    return a;
  }

  @Test
  void exactWindowRoundTripsToAnEqualProfile() {
    WindowAccumulator a = accumulate(SPEC, events(2, 300));
    WindowProfile before = a.toProfile(SPEC, WINDOW_START, WINDOW_END);
    WindowAccumulator back = WindowAccumulatorCodec.decode(WindowAccumulatorCodec.encode(a));
    WindowProfile after = back.toProfile(SPEC, WINDOW_START, WINDOW_END);
    assertWindowEquals(before, after);
    assertEquals(300, back.count());
    assertEquals("m1", back.modelId());
    assertEquals("v1,v2", after.modelVersion());
    assertTrue(after.numeric().get("x").exact());
    assertTrue(after.numeric().get("x").missing() > 0);
    assertTrue(after.categorical().get("c").counts().containsKey(InferenceEvent.MISSING));
  }

  @Test
  void sketchedWindowRoundTripsToAnEqualProfile() {
    ModelSpec small = spec(20);
    WindowAccumulator a = accumulate(small, events(3, 5000));
    WindowProfile before = a.toProfile(small, WINDOW_START, WINDOW_END);
    assertFalse(before.numeric().get("x").exact());
    WindowProfile after =
        WindowAccumulatorCodec.decode(WindowAccumulatorCodec.encode(a))
            .toProfile(small, WINDOW_START, WINDOW_END);
    assertWindowEquals(before, after);
  }

  @Test
  void reEncodingADecodedWindowGivesTheSameBytes() {
    byte[] bytes = WindowAccumulatorCodec.encode(accumulate(SPEC, events(4, 200)));
    assertEquals(WindowAccumulatorCodec.VERSION, bytes[0]);
    assertArrayEquals(bytes, WindowAccumulatorCodec.encode(WindowAccumulatorCodec.decode(bytes)));
  }

  @Test
  void emptyWindowRoundTrips() {
    WindowAccumulator empty = WindowAccumulator.create(SPEC, REF);
    WindowAccumulator back = WindowAccumulatorCodec.decode(WindowAccumulatorCodec.encode(empty));
    WindowProfile p = back.toProfile(SPEC, WINDOW_START, WINDOW_END);
    assertEquals(0, p.events());
    assertEquals("v0", p.modelVersion());
    assertEquals(0, p.numeric().get("x").n());
    assertEquals(0, p.categorical().get("c").n());
    assertEquals(0, p.label().n());
  }

  @Test
  void windowWithoutScoreAndLabelRoundTrips() {
    ModelSpec noScore =
        new ModelSpec(
            "m1",
            null,
            3_600_000L,
            10,
            List.of("x", "y"),
            List.of("c"),
            false,
            false,
            "1",
            List.of(),
            10_000,
            java.util.Map.of());
    WindowAccumulator a = WindowAccumulator.create(noScore, REF);
    events(5, 50).forEach(a::add);
    WindowProfile p =
        WindowAccumulatorCodec.decode(WindowAccumulatorCodec.encode(a))
            .toProfile(noScore, WINDOW_START, WINDOW_END);
    assertNull(p.score());
    assertNull(p.label());
    assertWindowEquals(a.toProfile(noScore, WINDOW_START, WINDOW_END), p);
  }

  @Test
  void decodedWindowKeepsAccumulatingAndMerging() {
    List<InferenceEvent> all = events(6, 300);
    WindowAccumulator whole = accumulate(SPEC, all);
    WindowAccumulator first =
        WindowAccumulatorCodec.decode(
            WindowAccumulatorCodec.encode(accumulate(SPEC, all.subList(0, 100))));
    // a decoded window is given its reference with each event (its transform is not state)
    all.subList(100, 200).forEach(e -> first.add(e, REF));
    assertThrows(IllegalStateException.class, () -> first.add(all.get(0)));
    WindowAccumulator last =
        WindowAccumulatorCodec.decode(
            WindowAccumulatorCodec.encode(accumulate(SPEC, all.subList(200, 300))));
    first.merge(last);
    assertEquals(300, first.count());
    assertWindowEquals(
        whole.toProfile(SPEC, WINDOW_START, WINDOW_END),
        first.toProfile(SPEC, WINDOW_START, WINDOW_END));
  }

  @Test
  void decodeRejectsAnUnknownLayoutVersionNamingIt() {
    byte[] bytes = WindowAccumulatorCodec.encode(accumulate(SPEC, events(7, 10)));
    bytes[0] = 7;
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> WindowAccumulatorCodec.decode(bytes));
    assertEquals("window state: expected layout version 1 to 5, found 7", e.getMessage());
  }
}
