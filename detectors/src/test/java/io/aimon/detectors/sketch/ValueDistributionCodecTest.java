package io.aimon.detectors.sketch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.detectors.common.EmpiricalCdf;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ValueDistributionCodecTest {
  @BeforeEach
  void seedKll() {
    KllRandom.seed(42);
  }

  private static void assertSameDistribution(ValueDistribution expected, ValueDistribution actual) {
    assertEquals(expected.isExact(), actual.isExact());
    assertEquals(expected.exactLimit(), actual.exactLimit());
    assertEquals(expected.sketchK(), actual.sketchK());
    assertEquals(expected.n(), actual.n());
    assertEquals(expected.min(), actual.min());
    assertEquals(expected.max(), actual.max());
    assertEquals(expected.retainedItems(), actual.retainedItems());
    EmpiricalCdf e = expected.toCdf();
    EmpiricalCdf a = actual.toCdf();
    assertArrayEquals(e.values(), a.values());
    assertArrayEquals(e.counts(), a.counts());
  }

  @Test
  void exactModeRoundTrips() {
    ValueDistribution d = ValueDistribution.create(100, 512);
    for (double x : new double[] {3, -1.5, 3, 1e300, -1e-300, 0, 3}) {
      d.add(x);
    }
    byte[] bytes = ValueDistributionCodec.encode(d);
    assertEquals(ValueDistributionCodec.VERSION_1, bytes[0]);
    assertEquals(22 + 16 * 5, bytes.length);
    ValueDistribution back = ValueDistributionCodec.decode(bytes);
    assertTrue(back.isExact());
    assertSameDistribution(d, back);
    assertArrayEquals(bytes, ValueDistributionCodec.encode(back));
    back.add(7); // a decoded distribution keeps working
    assertEquals(8, back.n());
  }

  @Test
  void emptyDistributionRoundTrips() {
    ValueDistribution d = ValueDistribution.create(0, 8);
    ValueDistribution back = ValueDistributionCodec.decode(ValueDistributionCodec.encode(d));
    assertSameDistribution(d, back);
    assertTrue(Double.isNaN(back.min()));
  }

  @Test
  void sketchModeRoundTrips() {
    Random r = new Random(5);
    ValueDistribution d = ValueDistribution.create(50, 200);
    for (int i = 0; i < 100_000; i++) {
      d.add(Math.exp(r.nextGaussian()));
    }
    assertFalse(d.isExact());
    byte[] bytes = ValueDistributionCodec.encode(d);
    ValueDistribution back = ValueDistributionCodec.decode(bytes);
    assertFalse(back.isExact());
    assertSameDistribution(d, back);
    // KLL's compact bytes of a heapified sketch differ from the original's in a flag (level 0
    // sorted), so the layout is stable from the first round trip on.
    byte[] again = ValueDistributionCodec.encode(back);
    assertArrayEquals(again, ValueDistributionCodec.encode(ValueDistributionCodec.decode(again)));
    back.merge(d);
    assertEquals(200_000, back.n());
  }

  @Test
  void exactModeBytesAreDeterministicWhateverTheOrder() {
    Random r = new Random(9);
    double[] xs = new double[3000];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = r.nextInt(400) / 8.0;
    }
    ValueDistribution one = ValueDistribution.create(1000, 64);
    for (double x : xs) {
      one.add(x);
    }
    double[] shuffled = xs.clone();
    Arrays.sort(shuffled);
    ValueDistribution a = ValueDistribution.create(1000, 64);
    ValueDistribution b = ValueDistribution.create(1000, 64);
    for (int i = shuffled.length - 1; i >= 0; i--) {
      (i % 2 == 0 ? a : b).add(shuffled[i]);
    }
    a.merge(b);
    assertArrayEquals(ValueDistributionCodec.encode(one), ValueDistributionCodec.encode(a));
  }

  @Test
  void unknownVersionIsRejected() {
    byte[] bytes = ValueDistributionCodec.encode(ValueDistribution.create(10, 8));
    bytes[0] = 2;
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ValueDistributionCodec.decode(bytes));
    assertEquals("ValueDistribution bytes: expected version 1, found 2", e.getMessage());
  }

  @Test
  void corruptBytesAreRejected() {
    ValueDistribution d = ValueDistribution.create(10, 8);
    d.add(1);
    d.add(2);
    byte[] good = ValueDistributionCodec.encode(d);
    byte[] badMode = good.clone();
    badMode[1] = 7;
    assertThrows(IllegalArgumentException.class, () -> ValueDistributionCodec.decode(badMode));
    byte[] truncated = Arrays.copyOf(good, good.length - 1);
    assertThrows(IllegalArgumentException.class, () -> ValueDistributionCodec.decode(truncated));
    byte[] trailing = Arrays.copyOf(good, good.length + 1);
    assertThrows(IllegalArgumentException.class, () -> ValueDistributionCodec.decode(trailing));
    byte[] badN = good.clone();
    badN[17] = 9; // n = 9, counts sum to 2
    assertThrows(IllegalArgumentException.class, () -> ValueDistributionCodec.decode(badN));
    byte[] badK = good.clone();
    badK[9] = 1; // k = 1
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ValueDistributionCodec.decode(badK));
    assertTrue(e.getMessage().contains("sketchK"), e.getMessage());
  }
}
