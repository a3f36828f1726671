package io.aimon.detectors.fairness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.detectors.common.BoundedText;
import io.aimon.detectors.common.CapCounts;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
    assertEquals(new CapCounts(49_901, 0), acc.caps("zip"), "every pooled event is counted");
  }

  /** Invariants 2 and 4: names are bounded in bytes, and what was capped or cut is counted. */
  @Test
  void uniqueLongValuesAreTruncatedPooledAndCounted() {
    FairnessAccumulator acc =
        FairnessAccumulator.builder()
            .attributes(List.of("client", "sex"))
            .intersection(List.of(0, 1))
            .build();
    String long300 = "c".repeat(300);
    for (int i = 0; i < 1300; i++) {
      acc.add(new String[] {long300 + i, i % 2 == 0 ? "F" : "M"}, i % 3 == 0, i % 5 == 0);
    }
    Map<String, GroupCounts> client = acc.groups("client");
    assertEquals(FairnessAccumulator.DEFAULT_MAX_GROUPS + 1, client.size());
    assertEquals(300, client.get(FairnessAccumulator.OTHER).count());
    for (String name : client.keySet()) {
      assertTrue(name.getBytes(StandardCharsets.UTF_8).length <= BoundedText.MAX_BYTES, name);
    }
    assertEquals(new CapCounts(300, 1300), acc.caps("client"));
    assertEquals(CapCounts.NONE, acc.caps("sex"));
    assertEquals(new CapCounts(300, 1300), acc.caps("client|sex"), "names built of cut values");
    assertTrue(
        acc.groups("client|sex").keySet().stream()
            .allMatch(n -> n.getBytes(StandardCharsets.UTF_8).length <= BoundedText.MAX_BYTES));
    assertEquals(new CapCounts(300, 1300), acc.evaluate(30).get("client").caps());
  }

  @Test
  void aLiteralOtherValueIsPooledButNotCapped() {
    FairnessAccumulator acc = FairnessAccumulator.builder().attributes(List.of("a")).build();
    acc.add(new String[] {FairnessAccumulator.OTHER}, true, null);
    assertEquals(1, acc.groups("a").get(FairnessAccumulator.OTHER).count());
    assertEquals(CapCounts.NONE, acc.caps("a"));
  }

  @Test
  void capCountsAreExactAcrossMergesAndTheCodec() {
    FairnessAccumulator whole =
        FairnessAccumulator.builder().attributes(List.of("zip")).maxGroups(100).build();
    FairnessAccumulator a =
        FairnessAccumulator.builder().attributes(List.of("zip")).maxGroups(100).build();
    FairnessAccumulator b =
        FairnessAccumulator.builder().attributes(List.of("zip")).maxGroups(100).build();
    for (int i = 0; i < 300; i++) {
      String[] v = {(i % 4 == 0 ? "long-".repeat(60) : "z") + i};
      whole.add(v, true, null);
      (i < 150 ? a : b).add(v, true, null);
    }
    a = FairnessAccumulatorCodec.decode(FairnessAccumulatorCodec.encode(a));
    a.merge(FairnessAccumulatorCodec.decode(FairnessAccumulatorCodec.encode(b)));
    assertEquals(new CapCounts(200, 75), whole.caps("zip"));
    assertEquals(whole.caps("zip"), a.caps("zip"));
    assertEquals(
        whole.groups("zip").get(FairnessAccumulator.OTHER),
        a.groups("zip").get(FairnessAccumulator.OTHER));
    assertEquals(FairnessAccumulatorCodec.VERSION, FairnessAccumulatorCodec.encode(a)[0]);
  }

  @Test
  void aVersionOneStateStillDecodesWithNothingCapped() throws IOException {
    // layout v1, written by hand: attribute "sex", no intersections, max 1000, n 3, groups F (2),
    // M (1)
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(1);
      out.writeInt(1);
      writeString(out, "sex");
      out.writeInt(0);
      out.writeInt(1000);
      out.writeLong(3);
      out.writeInt(2);
      writeString(out, "F");
      for (long c : new long[] {2, 1, 1, 0, 0, 0}) {
        out.writeLong(c);
      }
      writeString(out, "M");
      for (long c : new long[] {1, 0, 0, 0, 1, 0}) {
        out.writeLong(c);
      }
    }
    FairnessAccumulator read = FairnessAccumulatorCodec.decode(bytes.toByteArray());
    assertEquals(3, read.n());
    assertEquals(GroupCounts.of(2, 1, 1, 0, 0, 0), read.groups("sex").get("F"));
    assertEquals(CapCounts.NONE, read.caps("sex"));
    byte[] again = FairnessAccumulatorCodec.encode(read);
    assertEquals(2, again[0], "written again as v2");
    assertEquals(read.groups("sex"), FairnessAccumulatorCodec.decode(again).groups("sex"));
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
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
