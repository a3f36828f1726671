package io.aimon.detectors.profile;

import static io.aimon.detectors.profile.ProfileFixtures.event;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.detectors.event.InferenceEvent;
import io.aimon.detectors.model.ModelSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ReferenceProfileBuilderTest {
  /** Bin edges reproduce numpy's doubles bit for bit (docs/metrics.md): delta 0. */
  private static final double EDGES_DELTA = 0.0;

  private static final ModelSpec SPEC = ProfileFixtures.spec(10_000);
  private static final String M = InferenceEvent.MISSING;

  private static ReferenceProfile build(double[] x, double[] y) {
    ReferenceProfileBuilder b = new ReferenceProfileBuilder(SPEC);
    for (int i = 0; i < x.length; i++) {
      b.add(event("m1", null, x[i], y[i], "k", Double.NaN, null));
    }
    return b.build();
  }

  private static double[] constant(int n, double v) {
    double[] a = new double[n];
    Arrays.fill(a, v);
    return a;
  }

  @Test
  void decileEdgesOfOneToTenEqualNumpy() {
    // numpy.quantile(numpy.arange(1, 11), numpy.linspace(0.1, 0.9, 9))
    double[] numpy = {1.9, 2.8, 3.7, 4.6, 5.5, 6.3999999999999995, 7.300000000000001, 8.2, 9.1};
    NumericProfile x =
        build(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, constant(10, 0)).numeric().get("x");
    assertArrayEquals(numpy, x.edges(), EDGES_DELTA);
    assertArrayEquals(new long[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, x.binCounts());
  }

  @Test
  void decileEdgesOfATiedUnsortedSampleEqualNumpyUnique() {
    // numpy.unique(numpy.quantile([1,2,2,2,3,4,5,5,9,10,11], numpy.linspace(0.1, 0.9, 9)))
    double[] numpy = {2.0, 2.0000000000000004, 3.0, 4.0, 5.0, 5.0000000000000036, 9.0, 10.0};
    double[] sample = {11, 5, 2, 9, 1, 2, 10, 3, 5, 4, 2};
    NumericProfile x = build(sample, constant(sample.length, 0)).numeric().get("x");
    assertArrayEquals(numpy, x.edges(), EDGES_DELTA);
    // right-closed bins: (-inf,2] (2,2+] (..,3] (..,4] (..,5] (5,5+] (..,9] (..,10] (10,inf)
    assertArrayEquals(new long[] {4, 0, 1, 1, 2, 0, 1, 1, 1}, x.binCounts());
  }

  @Test
  void constantFeatureHasOneEdgeAndAllValuesInTheFirstBin() {
    NumericProfile y = build(new double[] {1, 2, 3}, constant(3, 7.5)).numeric().get("y");
    assertArrayEquals(new double[] {7.5}, y.edges(), EDGES_DELTA);
    assertArrayEquals(new long[] {3, 0}, y.binCounts());
  }

  @Test
  void binCountsSumToTheNonMissingValuesAndMissingIsCounted() {
    List<InferenceEvent> events = ProfileFixtures.events(21, 1000);
    ReferenceProfileBuilder b = new ReferenceProfileBuilder(SPEC);
    events.forEach(b::add);
    ReferenceProfile p = b.build();
    long missingX = events.stream().filter(e -> Double.isNaN(e.numeric()[0])).count();
    NumericProfile x = p.numeric().get("x");
    assertEquals(1000, p.events());
    assertEquals(1000, b.events());
    assertEquals(missingX, x.missing());
    assertEquals(1000 - missingX, x.n());
    assertEquals(1000 - missingX, Arrays.stream(x.binCounts()).sum());
    assertTrue(x.exact());
    long scored = events.stream().filter(e -> !Double.isNaN(e.score())).count();
    assertEquals(scored, p.score().n());
    assertEquals(1000 - scored, p.score().missing());
    assertEquals(scored, Arrays.stream(p.score().binCounts()).sum());
  }

  @Test
  void categoricalAndLabelCountsIncludeTheMissingCategory() {
    ReferenceProfileBuilder b = new ReferenceProfileBuilder(SPEC);
    b.add(event("m1", null, 1, 1, "a", 0.1, "1"));
    b.add(event("m1", null, 2, 1, "b", 0.2, "0"));
    b.add(event("m1", null, 3, 1, "a", 0.3, null));
    b.add(event("m1", null, 4, 1, M, 0.4, "1"));
    b.add(event("m1", null, 5, 1, "a", 0.5, "1"));
    ReferenceProfile p = b.build();
    assertEquals(new TreeMap<>(Map.of("a", 3L, "b", 1L, M, 1L)), p.categorical().get("c").counts());
    assertEquals(0.2, p.categorical().get("c").missingRate(), 0.0);
    assertEquals(new TreeMap<>(Map.of("0", 1L, "1", 3L)), p.label().counts());
  }

  @Test
  void scoreAndLabelAreNullWhenNoReferenceEventHasThem() {
    ReferenceProfile p = build(new double[] {1, 2}, new double[] {3, 4});
    assertNull(p.score());
    assertNull(p.label());
  }

  @Test
  void numericFeatureWithoutValuesIsRejectedNamingTheFeature() {
    ReferenceProfileBuilder b = new ReferenceProfileBuilder(SPEC);
    b.add(event("m1", null, 1, Double.NaN, "a", 0.5, "1"));
    b.add(event("m1", null, 2, Double.NaN, "a", 0.5, "1"));
    IllegalStateException e = assertThrows(IllegalStateException.class, b::build);
    assertEquals("reference of model 'm1': numeric feature 'y' has no values", e.getMessage());
  }

  @Test
  void emptyReferenceIsRejectedNamingTheFirstNumericFeature() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> new ReferenceProfileBuilder(SPEC).build());
    assertEquals("reference of model 'm1': numeric feature 'x' has no values", e.getMessage());
  }

  @Test
  void groupCountsAreTheEventsCarryingEachAttribute() {
    ReferenceProfile p =
        ProfileFixtures.reference(
            ProfileFixtures.specWithAttributes(), ProfileFixtures.eventsWithGroups(3, 50));
    // sex is missing on every fifth event, race on every event
    assertEquals(Map.of("sex", 40L, "race", 0L), p.groups());
    assertTrue(build(new double[] {1}, new double[] {2}).groups().isEmpty(), "no attributes");
  }

  @Test
  void keysAreTheValuesAProfileRecordsPerFeatureAndAttribute() {
    ReferenceProfileBuilder b = new ReferenceProfileBuilder(ProfileFixtures.specWithAttributes());
    b.add(withGroups(event("m1", null, 1, Double.NaN, M, Double.NaN, null), "Male", M));
    b.add(withGroups(event("m1", null, 2, Double.NaN, "k", Double.NaN, null), M, M));
    b.add(withGroups(event("m1", null, Double.NaN, 3, M, Double.NaN, null), "Female", M));
    io.aimon.config.ReferenceKeys keys = b.build().keys();
    assertEquals(3, keys.events());
    // x: 2 non-missing values, y: 1, c: 1 value other than __MISSING__
    assertEquals(Map.of("x", 2L, "y", 1L, "c", 1L), keys.features());
    assertEquals(Map.of("sex", 2L, "race", 0L), keys.groups());
    assertTrue(!keys.exhaustive(), "a profile records only its own names");
  }

  private static InferenceEvent withGroups(InferenceEvent e, String... groups) {
    return new InferenceEvent(
        e.inferenceId(),
        e.modelId(),
        e.modelVersion(),
        e.timestamp(),
        e.numeric(),
        e.categorical(),
        e.prediction(),
        e.score(),
        e.label(),
        groups,
        e.latencyMs(),
        e.typeMismatches(),
        e.source(),
        e.position());
  }
}
