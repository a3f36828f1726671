package io.aimon.detectors.event;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Every field of an inference event survives its binary form, nulls and odd values included. */
class InferenceEventCodecTest {
  @Test
  void everyFieldRoundTrips() throws IOException {
    InferenceEvent full =
        new InferenceEvent(
            "id-é-€-𝄞",
            "credit-risk",
            "2.1",
            1_706_745_600_123L,
            new double[] {1.5, Double.NaN, -0.0, Double.MIN_VALUE},
            new String[] {"a", InferenceEvent.MISSING, "x".repeat(70_000)},
            "1",
            0.73,
            "0",
            new String[] {"female", "中文"},
            12.5,
            new int[] {1, 4},
            "inference/3",
            42L,
            new LlmCall(120, LlmCall.UNKNOWN, "content_filter", true));
    InferenceEvent sparse =
        new InferenceEvent(
            "i",
            "m",
            null,
            0L,
            new double[0],
            new String[0],
            "true",
            Double.NaN,
            null,
            new String[0],
            Double.NaN,
            new int[0],
            null,
            1L);
    for (InferenceEvent e : new InferenceEvent[] {full, sparse}) {
      InferenceEvent back = roundTrip(e);
      assertEquals(e.inferenceId(), back.inferenceId());
      assertEquals(e.modelId(), back.modelId());
      assertEquals(e.modelVersion(), back.modelVersion());
      assertEquals(e.timestamp(), back.timestamp());
      assertEquals(bits(e.numeric()).length, back.numeric().length);
      assertArrayEquals(bits(e.numeric()), bits(back.numeric()));
      assertArrayEquals(e.categorical(), back.categorical());
      assertEquals(e.prediction(), back.prediction());
      assertEquals(Double.doubleToRawLongBits(e.score()), Double.doubleToRawLongBits(back.score()));
      assertEquals(e.label(), back.label());
      assertArrayEquals(e.groups(), back.groups());
      assertEquals(
          Double.doubleToRawLongBits(e.latencyMs()), Double.doubleToRawLongBits(back.latencyMs()));
      assertArrayEquals(e.typeMismatches(), back.typeMismatches());
      assertEquals(e.source(), back.source());
      assertEquals(e.position(), back.position());
      assertEquals(e.llm(), back.llm());
    }
  }

  @Test
  void anotherLayoutIsRefused() {
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                InferenceEventCodec.read(
                    new DataInputStream(new ByteArrayInputStream(new byte[] {9}))));
    assertEquals("inference event layout 9: expected 1 to 2", e.getMessage());
  }

  private static InferenceEvent roundTrip(InferenceEvent e) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      InferenceEventCodec.write(e, out);
    }
    return InferenceEventCodec.read(
        new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
  }

  private static long[] bits(double[] values) {
    long[] out = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Double.doubleToRawLongBits(values[i]);
    }
    return out;
  }
}
