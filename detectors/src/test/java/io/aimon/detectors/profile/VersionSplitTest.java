package io.aimon.detectors.profile;

import static io.aimon.detectors.profile.ProfileFixtures.WINDOW_END;
import static io.aimon.detectors.profile.ProfileFixtures.WINDOW_START;
import static io.aimon.detectors.profile.ProfileFixtures.assertWindowEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.aimon.detectors.event.InferenceEvent;
import io.aimon.detectors.model.ModelSpec;
import io.aimon.detectors.version.VersionSplit;
import io.aimon.detectors.version.VersionSplitCodec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** {@link VersionSplit} of window accumulators: its numbered invariants, the whole, the codec. */
class VersionSplitTest {
  private static final ModelSpec SPEC = ProfileFixtures.spec(10_000);
  private static final ReferenceProfile REF =
      ProfileFixtures.reference(SPEC, ProfileFixtures.events(1, 2000));
  private static final Supplier<WindowAccumulator> EMPTY =
      () -> WindowAccumulator.create(SPEC, REF);

  /** n events spread over {@code versions} versions "v0".."v{k-1}", seeded. */
  private static List<InferenceEvent> events(long seed, int n, int versions) {
    List<InferenceEvent> out = new ArrayList<>();
    Random r = new Random(seed);
    for (InferenceEvent e : ProfileFixtures.events(seed, n)) {
      out.add(
          ProfileFixtures.event(
              "m1",
              "v" + r.nextInt(versions),
              e.numeric()[0],
              e.numeric()[1],
              e.categorical()[0],
              e.score(),
              e.label()));
    }
    return out;
  }

  private static VersionSplit<WindowAccumulator> of(List<InferenceEvent> events) {
    VersionSplit<WindowAccumulator> w = VersionSplit.empty();
    for (InferenceEvent e : events) {
      w.accumulatorFor(VersionSplit.versionOf(e.modelVersion(), SPEC), EMPTY).add(e);
    }
    return w;
  }

  private static long pooled(VersionSplit<WindowAccumulator> w) {
    return w.pooled() == null ? 0 : w.pooled().count();
  }

  private static WindowProfile profile(WindowAccumulator a) {
    return a.toProfile(SPEC, WINDOW_START, WINDOW_END);
  }

  @Test
  void eachVersionHasItsOwnWindowAndTheWholeIsTheirUnion() {
    List<InferenceEvent> events = events(7, 3000, 3);
    VersionSplit<WindowAccumulator> w = of(events);

    assertEquals(List.of("v0", "v1", "v2"), new ArrayList<>(w.tracked().keySet()));
    WindowAccumulator direct = EMPTY.get();
    events.forEach(direct::add);
    assertWindowEquals(profile(direct), profile(w.whole(EMPTY)));
    for (String v : w.tracked().keySet()) {
      WindowAccumulator alone = EMPTY.get();
      events.stream().filter(e -> e.modelVersion().equals(v)).forEach(alone::add);
      assertWindowEquals(profile(alone), profile(w.tracked().get(v)));
    }
    assertEquals(0, pooled(w));
  }

  @Test
  void aWindowOfOneVersionKeepsOneAccumulator() {
    VersionSplit<WindowAccumulator> w = of(events(3, 500, 1));
    assertEquals(1, w.tracked().size());
    assertSame(w.tracked().get("v0"), w.whole(EMPTY));
    assertNull(w.pooled());
  }

  /** Invariants 2 and 3: the smallest versions are tracked whatever the order; the rest pooled. */
  @Test
  void theSmallestVersionsAreTrackedWhateverTheOrderAndShardsTheyCameIn() {
    List<InferenceEvent> events = events(11, 4000, 9);
    VersionSplit<WindowAccumulator> inOrder = of(events);
    List<InferenceEvent> shuffled = new ArrayList<>(events);
    Collections.shuffle(shuffled, new Random(5));
    VersionSplit<WindowAccumulator> merged = VersionSplit.empty();
    for (int s = 0; s < 4; s++) {
      merged.merge(of(shuffled.subList(s * 1000, (s + 1) * 1000)));
    }

    List<String> first = List.of("v0", "v1", "v2", "v3");
    assertEquals(first, new ArrayList<>(inOrder.tracked().keySet()));
    assertEquals(first, new ArrayList<>(merged.tracked().keySet()));
    long pooled = events.stream().filter(e -> !first.contains(e.modelVersion())).count();
    assertEquals(pooled, pooled(inOrder));
    assertEquals(pooled, pooled(merged));
    for (String v : first) {
      assertWindowEquals(profile(inOrder.tracked().get(v)), profile(merged.tracked().get(v)));
    }
    assertWindowEquals(profile(inOrder.whole(EMPTY)), profile(merged.whole(EMPTY)));
    assertEquals(events.size(), merged.whole(EMPTY).count());
  }

  /** Invariant 4: no model_version counts as the configured one. */
  @Test
  void anEventWithoutVersionCountsAsTheConfiguredVersion() {
    InferenceEvent e = ProfileFixtures.event("m1", null, 1, 2, "k1", 0.5, "1");
    assertEquals("v0", VersionSplit.versionOf(e.modelVersion(), SPEC));
    assertEquals("v9", VersionSplit.versionOf("v9", SPEC));
  }

  @Test
  void theCodecRoundTripsAndRejectsAStateOverTheBound() {
    VersionSplit<WindowAccumulator> w = of(events(13, 2000, 6));
    VersionSplit<WindowAccumulator> back =
        VersionSplitCodec.decode(
            VersionSplitCodec.encode(w, WindowAccumulatorCodec::encode),
            WindowAccumulatorCodec::decode);
    assertEquals(w.tracked().keySet(), back.tracked().keySet());
    assertEquals(pooled(w), pooled(back));
    assertWindowEquals(profile(w.whole(EMPTY)), profile(back.whole(EMPTY)));

    byte[] bytes = VersionSplitCodec.encode(w, WindowAccumulatorCodec::encode);
    bytes[4] = (byte) (VersionSplit.MAX_TRACKED + 1);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> VersionSplitCodec.decode(bytes, WindowAccumulatorCodec::decode));
    assertEquals("version split: expected at most 4 tracked versions, found 5", e.getMessage());
  }

  @Test
  void aWindowKeptWholeIsTrackedUnderItsVersionOrPooled() {
    WindowAccumulator whole = EMPTY.get();
    events(17, 300, 1).forEach(whole::add);
    assertEquals(
        List.of("v0"), new ArrayList<>(VersionSplit.ofWhole(whole, "v0").tracked().keySet()));
    VersionSplit<WindowAccumulator> w = VersionSplit.ofWhole(whole, null);
    assertEquals(0, w.tracked().size());
    assertEquals(300, pooled(w));
    assertSame(whole, w.whole(EMPTY));
  }
}
