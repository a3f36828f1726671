package io.aimon.detectors.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HalfPairingTest {
  private final HalfPairing pairing = new HalfPairing(Duration.ofMinutes(5));

  private static PairHalf half(PairHalf.Side side, long time) {
    return new PairHalf(
        "id-1",
        "",
        side,
        time,
        new InferenceTensors(null, "m", null, List.of()),
        "{}",
        "t/0",
        time,
        2);
  }

  @Test
  void eitherHalfFirstMakesOnePair() {
    PairHalf request = half(PairHalf.Side.REQUEST, 1_000);
    PairHalf response = half(PairHalf.Side.RESPONSE, 1_040);
    PairStep waits = pairing.onHalf(null, response);
    assertSame(response, waits.waiting());
    assertTrue(!waits.paired() && waits.deadLetter() == null);
    PairStep done = pairing.onHalf(waits.waiting(), request);
    assertNull(done.waiting());
    assertSame(request, done.request());
    assertSame(response, done.response());
    assertSame(
        request, pairing.onHalf(pairing.onHalf(null, request).waiting(), response).request());
  }

  @Test
  void aSecondHalfOfTheSameSideIsADuplicateAndTheFirstStays() {
    PairHalf first = half(PairHalf.Side.REQUEST, 1_000);
    PairStep step = pairing.onHalf(first, half(PairHalf.Side.REQUEST, 1_001));
    assertSame(first, step.waiting());
    assertEquals("duplicate_inference", step.deadLetter().reason());
    assertEquals(
        "a second request with id id-1 while the first waits for its response; the first counts",
        step.deadLetter().detail());
  }

  @Test
  void aHalfAloneExpiresAsADeadLetter() {
    PairHalf request = half(PairHalf.Side.REQUEST, 1_000);
    assertEquals(1_000 + 300_000, pairing.expiresAt(request));
    PairStep step = pairing.onExpiry(request);
    assertNull(step.waiting());
    assertEquals("unmatched_half", step.deadLetter().reason());
    assertEquals(
        "request with id id-1: no response within input.pair_timeout (5m)",
        step.deadLetter().detail());
    assertEquals(
        Long.MAX_VALUE, pairing.expiresAt(half(PairHalf.Side.RESPONSE, Long.MAX_VALUE - 1)));
    assertThrows(IllegalArgumentException.class, () -> new HalfPairing(Duration.ZERO));
  }

  @Test
  void theCodecKeepsEveryField() {
    Tensor numbers =
        new Tensor(
            "input-0",
            new long[] {2, 2},
            TensorDatatype.FP32,
            new double[] {1, 2.5, Double.NaN, -4},
            null);
    Tensor mixed =
        new Tensor(
            "instances",
            new long[] {3},
            null,
            new double[] {7, Double.NaN, Double.NaN},
            new String[] {null, "Male", null});
    PairHalf h =
        new PairHalf(
            "ce-9",
            "adult",
            PairHalf.Side.RESPONSE,
            42,
            new InferenceTensors("ce-9", null, "canary", List.of(numbers, mixed)),
            "base64:AQD/",
            "seldon/3",
            17,
            3);
    PairHalf back = PairHalfCodec.decode(PairHalfCodec.encode(h));
    assertEquals(h.pairId(), back.pairId());
    assertEquals("adult", back.scope());
    assertEquals("adult\u0000ce-9", back.joinKey());
    assertEquals(h.side(), back.side());
    assertEquals(42, back.timestamp());
    assertEquals("ce-9", back.tensors().id());
    assertNull(back.tensors().modelName());
    assertEquals("canary", back.tensors().modelVersion());
    Tensor n = back.tensors().tensor("input-0");
    assertArrayEquals(new long[] {2, 2}, n.shape());
    assertEquals(TensorDatatype.FP32, n.datatype());
    assertArrayEquals(numbers.numbers(), n.numbers());
    assertNull(n.texts());
    Tensor m = back.tensors().tensor("instances");
    assertNull(m.datatype());
    assertArrayEquals(mixed.texts(), m.texts());
    assertEquals("base64:AQD/", back.excerpt());
    assertEquals("seldon/3", back.source());
    assertEquals(17, back.position());
    assertEquals(3, back.sizeBytes());
    byte[] bytes = PairHalfCodec.encode(h);
    bytes[0] = 9;
    assertThrows(IllegalArgumentException.class, () -> PairHalfCodec.decode(bytes));
    byte[] cut = java.util.Arrays.copyOf(PairHalfCodec.encode(h), 40);
    assertThrows(IllegalArgumentException.class, () -> PairHalfCodec.decode(cut));
  }
}
