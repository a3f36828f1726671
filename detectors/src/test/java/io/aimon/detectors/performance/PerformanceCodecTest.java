package io.aimon.detectors.performance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PerformanceCodecTest {
  /**
   * Layout v1 of {@link #smallBinary()}: a checked-in sample, so a layout change cannot go
   * unnoticed (old versions must stay readable).
   */
  static final String BINARY_V1_SAMPLE_HEX =
      "0101000000100000000000000001000000000000000100000000000000010000000000000001"
          + "3ff44bd288178ac03ca00000000000003fd8000000000000000000000000000000000026"
          + "010000000010000010000000000000000001000000013fe8000000000000000000000000"
          + "000100000036010000000010000010000000000000000002000000023fd0000000000000"
          + "00000000000000013fe00000000000000000000000000001";

  /** Layout v1 of {@link #smallRegression()}. */
  static final String REGRESSION_V1_SAMPLE_HEX =
      "010200000000000000034002aaaaaaaaaaab4012aaaaaaaaaaaa3ff80000000000000000000000"
          + "0000003ff400000000000000000000000000003fe80000000000000000000000000000";

  static BinaryClassificationAccumulator smallBinary() {
    BinaryClassificationAccumulator acc = new BinaryClassificationAccumulator(16);
    acc.add(true, true, 0.75);
    acc.add(false, true, 0.5);
    acc.add(false, false, 0.25);
    acc.add(true, false, Double.NaN);
    return acc;
  }

  static RegressionAccumulator smallRegression() {
    RegressionAccumulator acc = new RegressionAccumulator();
    acc.add(1.0, 1.5);
    acc.add(2.0, 2.0);
    acc.add(4.0, 3.0);
    return acc;
  }

  @Test
  void binaryRoundTripsInExactMode() {
    BinaryClassificationAccumulator acc = smallBinary();
    byte[] bytes = PerformanceCodec.encode(acc);
    BinaryClassificationAccumulator back = PerformanceCodec.decodeBinary(bytes);
    assertEquals(acc.result(), back.result());
    assertEquals(acc.exactLimit(), back.exactLimit());
    assertArrayEquals(bytes, PerformanceCodec.encode(back));
  }

  @Test
  void emptyAccumulatorsRoundTrip() {
    BinaryClassificationAccumulator binary = new BinaryClassificationAccumulator();
    assertEquals(
        binary.result(), PerformanceCodec.decodeBinary(PerformanceCodec.encode(binary)).result());
    RegressionAccumulator regression = new RegressionAccumulator();
    assertEquals(
        regression.result(),
        PerformanceCodec.decodeRegression(PerformanceCodec.encode(regression)).result());
  }

  @Test
  void binaryRoundTripsInSketchMode() {
    KllRandom.seed(1L);
    Random random = new Random(1);
    BinaryClassificationAccumulator acc = new BinaryClassificationAccumulator(50);
    for (int i = 0; i < 20_000; i++) {
      boolean y = random.nextBoolean();
      acc.add(y, random.nextBoolean(), Math.min(1.0, random.nextDouble() + (y ? 0.2 : 0.0)));
    }
    assertFalse(acc.isExact());
    byte[] bytes = PerformanceCodec.encode(acc);
    BinaryClassificationAccumulator back = PerformanceCodec.decodeBinary(bytes);
    assertFalse(back.isExact());
    assertEquals(acc.result(), back.result(), "a decoded sketch answers as the encoded one");
    // KLL's own bytes of a heapified sketch may differ in layout, never in what they answer.
    assertEquals(
        acc.result(), PerformanceCodec.decodeBinary(PerformanceCodec.encode(back)).result());
  }

  @Test
  void regressionRoundTrips() {
    RegressionAccumulator acc = smallRegression();
    byte[] bytes = PerformanceCodec.encode(acc);
    RegressionAccumulator back = PerformanceCodec.decodeRegression(bytes);
    assertEquals(acc.result(), back.result());
    assertEquals(acc.meanY(), back.meanY());
    assertEquals(acc.m2Y(), back.m2Y());
    assertArrayEquals(bytes, PerformanceCodec.encode(back));
  }

  @Test
  void v1SamplesStillDecode() {
    byte[] binary = HexFormat.of().parseHex(BINARY_V1_SAMPLE_HEX);
    assertEquals(smallBinary().result(), PerformanceCodec.decodeBinary(binary).result());
    assertArrayEquals(binary, PerformanceCodec.encode(smallBinary()));
    byte[] regression = HexFormat.of().parseHex(REGRESSION_V1_SAMPLE_HEX);
    assertEquals(
        smallRegression().result(), PerformanceCodec.decodeRegression(regression).result());
    assertArrayEquals(regression, PerformanceCodec.encode(smallRegression()));
  }

  @Test
  void rejectsUnknownVersions() {
    byte[] binary = PerformanceCodec.encode(smallBinary());
    binary[0] = 9;
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PerformanceCodec.decodeBinary(binary));
    assertEquals(
        "BinaryClassificationAccumulator bytes: expected version 1, found 9", e.getMessage());
    byte[] regression = PerformanceCodec.encode(smallRegression());
    regression[0] = 2;
    e =
        assertThrows(
            IllegalArgumentException.class, () -> PerformanceCodec.decodeRegression(regression));
    assertEquals("RegressionAccumulator bytes: expected version 1, found 2", e.getMessage());
  }

  @Test
  void rejectsTheOtherAccumulatorsBytes() {
    byte[] regression = PerformanceCodec.encode(smallRegression());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> PerformanceCodec.decodeBinary(regression));
    assertTrue(e.getMessage().contains("expected kind 1"), e.getMessage());
  }

  @Test
  void rejectsTruncatedAndTrailingBytes() {
    byte[] bytes = PerformanceCodec.encode(smallBinary());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> PerformanceCodec.decodeBinary(Arrays.copyOf(bytes, bytes.length - 3)));
    assertTrue(e.getMessage().startsWith("BinaryClassificationAccumulator bytes:"), e.getMessage());
    byte[] regression = PerformanceCodec.encode(smallRegression());
    byte[] longer = Arrays.copyOf(regression, regression.length + 3);
    e =
        assertThrows(
            IllegalArgumentException.class, () -> PerformanceCodec.decodeRegression(longer));
    assertTrue(e.getMessage().contains("expected end of data"), e.getMessage());
  }

  @Test
  void rejectsMoreScoredPositivesThanPositives() {
    byte[] bytes = PerformanceCodec.encode(smallBinary());
    // tp is the long at offset 6 (1 before the flip), fn at offset 30 (1): make tp 0.
    bytes[13] = 0;
    bytes[37] = 0;
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PerformanceCodec.decodeBinary(bytes));
    assertTrue(e.getMessage().contains("positives: expected at most tp + fn = 0"), e.getMessage());
  }

  @Test
  void rejectsNegativeCounts() {
    byte[] bytes = PerformanceCodec.encode(smallBinary());
    bytes[6] = (byte) 0x80; // tp < 0
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PerformanceCodec.decodeBinary(bytes));
    assertTrue(e.getMessage().contains("tp: expected >= 0"), e.getMessage());
  }
}
