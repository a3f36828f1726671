package io.aimon.detectors.profile;

import static io.aimon.detectors.profile.ProfileFixtures.WINDOW_END;
import static io.aimon.detectors.profile.ProfileFixtures.WINDOW_START;
import static io.aimon.detectors.profile.ProfileFixtures.event;
import static io.aimon.detectors.profile.ProfileFixtures.events;
import static io.aimon.detectors.profile.ProfileFixtures.reference;
import static io.aimon.detectors.profile.ProfileFixtures.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.detectors.common.BoundedText;
import io.aimon.detectors.common.CapCounts;
import io.aimon.detectors.event.InferenceEvent;
import io.aimon.detectors.model.ModelSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WindowAccumulatorTest {
  private static final ModelSpec SMALL_EXACT = spec(1000);
  private static final ReferenceProfile REF = reference(SMALL_EXACT, events(1, 400));

  @Test
  void manyDistinctValuesSwitchTheWindowToABoundedSketch() {
    WindowAccumulator a = WindowAccumulator.create(SMALL_EXACT, REF);
    int n = 200_000;
    for (int i = 0; i < n; i++) {
      a.add(event("m1", null, i * 0.001, 3, "k1", 0.5, "1"));
    }
    WindowProfile p = a.toProfile(SMALL_EXACT, WINDOW_START, WINDOW_END);
    NumericProfile x = p.numeric().get("x");
    assertFalse(x.exact());
    assertEquals(n, x.n());
    assertEquals(n, Arrays.stream(x.binCounts()).sum());
    assertEquals(0, x.missing());
    assertTrue(x.values().size() < 20_000, () -> "retained " + x.values().size());
    assertEquals(0.0, x.values().value(0), 0.0);
    assertEquals((n - 1) * 0.001, x.values().value(x.values().size() - 1), 0.0);
    NumericProfile y = p.numeric().get("y");
    assertTrue(y.exact());
    assertEquals(1, y.values().size());
    assertEquals(n, p.events());
    assertEquals(n, a.count());
  }

  @Test
  void windowBelowTheExactLimitStaysExact() {
    WindowAccumulator a = WindowAccumulator.create(SMALL_EXACT, REF);
    for (int i = 0; i < 1000; i++) {
      a.add(event("m1", null, i, 3, "k1", 0.5, "1"));
    }
    assertTrue(a.toProfile(SMALL_EXACT, WINDOW_START, WINDOW_END).numeric().get("x").exact());
    a.add(event("m1", null, 1000, 3, "k1", 0.5, "1"));
    assertFalse(a.toProfile(SMALL_EXACT, WINDOW_START, WINDOW_END).numeric().get("x").exact());
  }

  @Test
  void categoriesBeyondTheLimitArePooledIntoOther() {
    WindowAccumulator a = WindowAccumulator.create(SMALL_EXACT, REF);
    for (int i = 0; i < 1500; i++) {
      a.add(event("m1", null, 1, 1, "cat" + i, 0.5, "1"));
    }
    a.add(event("m1", null, 1, 1, "cat0", 0.5, "1"));
    CategoricalProfile c =
        a.toProfile(SMALL_EXACT, WINDOW_START, WINDOW_END).categorical().get("c");
    assertEquals(CategoricalProfile.MAX_CATEGORIES + 1, c.counts().size());
    assertEquals(500L, c.counts().get(CategoricalProfile.OTHER));
    assertEquals(2L, c.counts().get("cat0"));
    assertEquals(1501, c.n());
    assertEquals(
        new CapCounts(500, 0),
        a.toProfile(SMALL_EXACT, WINDOW_START, WINDOW_END).quality().capsOf("c"));
  }

  @Test
  void mergedCategoriesStayBounded() {
    WindowAccumulator a = WindowAccumulator.create(SMALL_EXACT, REF);
    WindowAccumulator b = WindowAccumulator.create(SMALL_EXACT, REF);
    for (int i = 0; i < 800; i++) {
      a.add(event("m1", null, 1, 1, "a" + i, 0.5, "1"));
      b.add(event("m1", null, 1, 1, "b" + i, 0.5, "1"));
    }
    a.merge(b);
    CategoricalProfile c =
        a.toProfile(SMALL_EXACT, WINDOW_START, WINDOW_END).categorical().get("c");
    assertEquals(CategoricalProfile.MAX_CATEGORIES + 1, c.counts().size());
    assertEquals(600L, c.counts().get(CategoricalProfile.OTHER));
    assertEquals(1600, c.n());
    assertEquals(1600, a.count());
    assertEquals(
        new CapCounts(600, 0),
        a.toProfile(SMALL_EXACT, WINDOW_START, WINDOW_END).quality().capsOf("c"),
        "b's 600 categories beyond a's 200 free places were capped in the merge");
  }

  @Test
  void longCategoriesAreKeptTruncatedSoTheStateStaysSmall() {
    WindowAccumulator a = WindowAccumulator.create(SMALL_EXACT, REF);
    String tenKb = "o".repeat(10_000);
    for (int i = 0; i < 1300; i++) {
      a.add(event("m1", null, 1, 1, tenKb + i, 0.5, "1"));
    }
    WindowProfile p = a.toProfile(SMALL_EXACT, WINDOW_START, WINDOW_END);
    CategoricalProfile c = p.categorical().get("c");
    assertEquals(CategoricalProfile.MAX_CATEGORIES + 1, c.counts().size());
    assertEquals(300L, c.counts().get(CategoricalProfile.OTHER));
    for (String k : c.counts().keySet()) {
      assertTrue(k.getBytes(StandardCharsets.UTF_8).length <= BoundedText.MAX_BYTES, k);
    }
    assertEquals(new CapCounts(300, 1300), p.quality().capsOf("c"));
    assertEquals(Map.of(WindowProfile.CAPPED_CATEGORIES, new CapCounts(300, 1300)), p.capTotals());
    int bytes = WindowAccumulatorCodec.encode(a).length;
    // 1,001 keys of at most 256 bytes plus counts; the raw values would take 13 MB
    assertTrue(bytes < 300_000, bytes + " bytes of window state");
  }

  @Test
  void aLiteralOtherValueIsPooledButNotCapped() {
    WindowAccumulator a = WindowAccumulator.create(SMALL_EXACT, REF);
    a.add(event("m1", null, 1, 1, CategoricalProfile.OTHER, 0.5, "1"));
    a.add(event("m1", null, 1, 1, "k", 0.5, "1"));
    WindowProfile p = a.toProfile(SMALL_EXACT, WINDOW_START, WINDOW_END);
    assertEquals(1L, p.categorical().get("c").counts().get(CategoricalProfile.OTHER));
    assertEquals(CapCounts.NONE, p.quality().capsOf("c"));
    assertEquals(Map.of(), p.capTotals());
  }

  @Test
  void capCountsAreExactAcrossMergesAndTheCodec() {
    List<String> categories = new ArrayList<>();
    for (int i = 0; i < 1400; i++) {
      categories.add((i % 3 == 0 ? "l".repeat(300) : "s") + i);
    }
    WindowAccumulator whole = WindowAccumulator.create(SMALL_EXACT, REF);
    WindowAccumulator first = WindowAccumulator.create(SMALL_EXACT, REF);
    WindowAccumulator second = WindowAccumulator.create(SMALL_EXACT, REF);
    for (int i = 0; i < categories.size(); i++) {
      InferenceEvent e = event("m1", "v" + (i % 20), 1, 1, categories.get(i), 0.5, "1");
      whole.add(e);
      (i < 700 ? first : second).add(e);
    }
    first = WindowAccumulatorCodec.decode(WindowAccumulatorCodec.encode(first));
    first.merge(WindowAccumulatorCodec.decode(WindowAccumulatorCodec.encode(second)));
    WindowProfile one = whole.toProfile(SMALL_EXACT, WINDOW_START, WINDOW_END);
    WindowProfile merged = first.toProfile(SMALL_EXACT, WINDOW_START, WINDOW_END);
    // 1,400 distinct categories, 467 of them 300 bytes long; 20 versions, 16 remembered
    assertEquals(new CapCounts(400, 467), one.quality().capsOf("c"));
    assertEquals(one.quality().capsOf("c"), merged.quality().capsOf("c"));
    assertEquals(new CapCounts(280, 0), one.quality().versions(), "4 versions x 70 events");
    assertEquals(one.quality().versions(), merged.quality().versions());
    assertEquals(
        one.categorical().get("c").counts().get(CategoricalProfile.OTHER),
        merged.categorical().get("c").counts().get(CategoricalProfile.OTHER));
  }

  @Test
  void longVersionsAreTruncatedAndTheJoinedVersionIsBounded() {
    WindowAccumulator a = WindowAccumulator.create(SMALL_EXACT, REF);
    for (int i = 0; i < 30; i++) {
      a.add(event("m1", "release-" + "9".repeat(300) + i, 1, 1, "k", 0.5, "1"));
    }
    WindowProfile p = a.toProfile(SMALL_EXACT, WINDOW_START, WINDOW_END);
    assertEquals(new CapCounts(14, 30), p.quality().versions());
    assertTrue(p.modelVersion().getBytes(StandardCharsets.UTF_8).length <= BoundedText.MAX_BYTES);
    assertTrue(p.modelVersion().startsWith("release-999"), p.modelVersion());
    assertEquals(Map.of(WindowProfile.CAPPED_VERSIONS, new CapCounts(14, 30)), p.capTotals());
  }

  @Test
  void eventOfAnotherModelIsRejected() {
    WindowAccumulator a = WindowAccumulator.create(SMALL_EXACT, REF);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> a.add(event("m2", null, 1, 1, "k", 0.5, "1")));
    assertEquals("event of model 'm2' added to a window of 'm1'", e.getMessage());
    assertEquals(0, a.count());
  }

  @Test
  void versionsAreJoinedSortedAndBounded() {
    WindowAccumulator a = WindowAccumulator.create(SMALL_EXACT, REF);
    assertEquals("v0", a.toProfile(SMALL_EXACT, WINDOW_START, WINDOW_END).modelVersion());
    for (int i = 40; i > 0; i--) {
      a.add(event("m1", String.format("v%02d", i), 1, 1, "k", 0.5, "1"));
    }
    WindowProfile p = a.toProfile(SMALL_EXACT, WINDOW_START, WINDOW_END);
    String versions = p.modelVersion();
    assertEquals(WindowAccumulator.MAX_VERSIONS, versions.split(",").length);
    assertTrue(versions.startsWith("v25,v26,"), versions);
    assertEquals(new CapCounts(24, 0), p.quality().versions(), "v01..v24 came after 16 others");
  }

  @Test
  void missingNumericValuesAreCountedNotBinned() {
    WindowAccumulator a = WindowAccumulator.create(SMALL_EXACT, REF);
    a.add(event("m1", null, Double.NaN, 1, "k", Double.NaN, null));
    a.add(event("m1", null, 2, 1, "k", 0.5, "1"));
    WindowProfile p = a.toProfile(SMALL_EXACT, WINDOW_START, WINDOW_END);
    assertEquals(1, p.numeric().get("x").missing());
    assertEquals(1, p.numeric().get("x").n());
    assertEquals(0.5, p.numeric().get("x").missingRate(), 0.0);
    assertEquals(1, p.score().missing());
    assertEquals(1, p.label().n());
  }
}
