package io.aimon.detectors.fairness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FairnessAccumulatorTest {
  private static final List<String> RACES = List.of("Black", "White", "Other");
  private static final List<String> SEXES = List.of("Female", "Male");

  private static FairnessAccumulator raceSex() {
    return FairnessAccumulator.builder()
        .attributes(List.of("race", "sex"))
        .intersection(List.of(0, 1))
        .build();
  }

  @Test
  void intersectionsJoinNamesAndValuesWithABar() {
    FairnessAccumulator acc =
        FairnessAccumulator.builder()
            .attributes(List.of("race", "sex"))
            .intersection(List.of(1, 0))
            .build();
    assertEquals(List.of("race", "sex", "sex|race"), acc.attributeNames());
    acc.add(new String[] {"Black", "Female"}, true, true);
    acc.add(new String[] {null, "Male"}, false, null);
    assertEquals(
        List.of("Female|Black", "Male|__MISSING__"), List.copyOf(acc.groups("sex|race").keySet()));
    assertEquals(GroupCounts.of(1, 0, 0, 0, 0, 0), acc.groups("race").get("__MISSING__"));
  }

  @Test
  void mergeEqualsSinglePass() {
    Random random = new Random(17);
    FairnessAccumulator single = raceSex();
    FairnessAccumulator a = raceSex();
    FairnessAccumulator b = raceSex();
    for (int i = 0; i < 5000; i++) {
      String[] values = {RACES.get(random.nextInt(3)), SEXES.get(random.nextInt(2))};
      boolean predicted = random.nextDouble() < 0.3;
      Boolean actual = random.nextInt(4) == 0 ? null : random.nextBoolean();
      single.add(values, predicted, actual);
      (random.nextBoolean() ? a : b).add(values, predicted, actual);
    }
    a.merge(b);
    assertEquals(single.n(), a.n());
    for (String attribute : single.attributeNames()) {
      assertEquals(single.groups(attribute), a.groups(attribute), attribute);
    }
    assertEquals(single.evaluate(30), a.evaluate(30));
  }

  /** Invariant 1: every attribute's groups sum to n, selected and labelled too. */
  @Test
  void groupCountsSumToTheEventsInEveryAttribute() {
    Random random = new Random(4);
    FairnessAccumulator acc = raceSex();
    long selected = 0;
    long labelled = 0;
    for (int i = 0; i < 1000; i++) {
      boolean predicted = random.nextBoolean();
      Boolean actual = random.nextInt(3) == 0 ? null : random.nextBoolean();
      selected += predicted ? 1 : 0;
      labelled += actual == null ? 0 : 1;
      acc.add(
          new String[] {RACES.get(random.nextInt(3)), SEXES.get(random.nextInt(2))},
          predicted,
          actual);
    }
    for (String attribute : acc.attributeNames()) {
      Map<String, GroupCounts> groups = acc.groups(attribute);
      assertEquals(acc.n(), groups.values().stream().mapToLong(GroupCounts::count).sum());
      assertEquals(selected, groups.values().stream().mapToLong(GroupCounts::selected).sum());
      assertEquals(labelled, groups.values().stream().mapToLong(GroupCounts::labelled).sum());
    }
  }

  /** Invariant 2: at most maxGroups named groups plus the pool, whatever the number of values. */
  @Test
  void groupsBeyondTheBoundArePooled() {
    FairnessAccumulator acc =
        FairnessAccumulator.builder().attributes(List.of("zip")).maxGroups(100).build();
    for (int i = 0; i < 50_000; i++) {
      acc.add(new String[] {"z" + i}, i % 2 == 0, null);
    }
    Map<String, GroupCounts> groups = acc.groups("zip");
    assertEquals(101, groups.size());
    assertEquals(49_900, groups.get(FairnessAccumulator.OTHER).count());
    assertEquals(24_950, groups.get(FairnessAccumulator.OTHER).selected());
    assertTrue(groups.containsKey("z0") && groups.containsKey("z99"));
    assertEquals(101, acc.groupCount());
    // The bound holds after merging too.
    FairnessAccumulator other =
        FairnessAccumulator.builder().attributes(List.of("zip")).maxGroups(100).build();
    other.add(new String[] {"new"}, true, true);
    acc.merge(other);
    assertEquals(101, acc.groups("zip").size());
    assertEquals(49_901, acc.groups("zip").get(FairnessAccumulator.OTHER).count());
  }

  @Test
  void rejectsBadConfiguration() {
    assertEquals(
        "attributes: expected distinct names (base and intersections), found \"a|b\" twice",
        assertThrows(
                IllegalArgumentException.class,
                () -> new FairnessAccumulator(List.of("a", "b", "a|b"), List.of(List.of(0, 1)), 10))
            .getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> new FairnessAccumulator(List.of("a", "b"), List.of(List.of(0)), 10));
    assertThrows(
        IllegalArgumentException.class,
        () -> new FairnessAccumulator(List.of("a", "b"), List.of(List.of(0, 2)), 10));
    assertThrows(
        IllegalArgumentException.class, () -> new FairnessAccumulator(List.of("a"), List.of(), 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> new FairnessAccumulator(List.of("a", ""), List.of(), 10));
  }

  @Test
  void rejectsValuesThatDoNotMatchTheAttributes() {
    FairnessAccumulator acc = raceSex();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> acc.add(new String[] {"Black"}, true, true));
    assertEquals("groupValues: expected 2 values [race, sex], found 1", e.getMessage());
    assertEquals(0, acc.n());
  }

  @Test
  void mergeRejectsDifferentAttributes() {
    FairnessAccumulator acc = raceSex();
    FairnessAccumulator other = FairnessAccumulator.builder().attributes(List.of("race")).build();
    assertThrows(IllegalArgumentException.class, () -> acc.merge(other));
  }
}
