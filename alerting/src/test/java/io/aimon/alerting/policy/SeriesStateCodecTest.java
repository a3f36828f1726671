package io.aimon.alerting.policy;

import static io.aimon.detectors.check.CheckStatus.CRITICAL;
import static io.aimon.detectors.check.CheckStatus.OK;
import static io.aimon.detectors.check.CheckStatus.WARNING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.aimon.alerting.incident.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SeriesStateCodecTest {

  /** The state stored in the checked-in sample {@code series-state-v1.hex}. */
  static final SeriesState SAMPLE_V1 =
      new SeriesState(
          List.of(WARNING, CRITICAL, OK),
          List.of("aaaa", "bbbb"),
          1_795_890_000_000L,
          1,
          new OpenIncident(
              "0d4e8a4c-7f53-5b1e-9a57-5b4d1b0f0c11",
              "0123456789abcdef0123456789abcdef",
              Severity.CRITICAL,
              1_795_889_990_000L,
              1_795_890_000_000L,
              List.of("aaaa", "bbbb"),
              2),
          SeriesState.NONE);

  static Stream<SeriesState> states() {
    return Stream.of(
        SeriesState.INITIAL,
        new SeriesState(List.of(), List.of(), 0, 0, null, SeriesState.NONE),
        new SeriesState(List.of(OK, OK), List.of(), -5000, 2, null, 1_000_000),
        new SeriesState(List.of(OK), List.of(), 10, 1, null, Long.MAX_VALUE),
        SAMPLE_V1);
  }

  @ParameterizedTest
  @MethodSource("states")
  void decodeOfEncodeIsTheSameState(SeriesState state) {
    byte[] bytes = SeriesStateCodec.encode(state);

    assertEquals(SeriesStateCodec.VERSION, bytes[0]);
    assertEquals(state, SeriesStateCodec.decode(bytes));
  }

  @Test
  void checkedInVersionOneSampleStillDecodes() throws IOException {
    byte[] bytes;
    try (InputStream in = getClass().getResourceAsStream("/series-state-v1.hex")) {
      bytes =
          HexFormat.of().parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
    }

    assertEquals(SAMPLE_V1, SeriesStateCodec.decode(bytes));
    assertEquals(
        HexFormat.of().formatHex(bytes),
        HexFormat.of().formatHex(SeriesStateCodec.encode(SAMPLE_V1)));
  }

  @Test
  void unknownVersionIsRejected() {
    byte[] bytes = SeriesStateCodec.encode(SeriesState.INITIAL);
    bytes[0] = 9;

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SeriesStateCodec.decode(bytes));
    assertEquals("SeriesState: expected encoding version 1, found 9", e.getMessage());
  }

  @Test
  void truncatedAndTrailingBytesAreRejected() {
    byte[] bytes = SeriesStateCodec.encode(SAMPLE_V1);

    assertEquals(
        "SeriesState: truncated bytes",
        assertThrows(
                IllegalArgumentException.class,
                () -> SeriesStateCodec.decode(Arrays.copyOf(bytes, bytes.length - 1)))
            .getMessage());
    assertEquals(
        "SeriesState: expected the end of the bytes, found 1 more",
        assertThrows(
                IllegalArgumentException.class,
                () -> SeriesStateCodec.decode(Arrays.copyOf(bytes, bytes.length + 1)))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> SeriesStateCodec.decode(new byte[0]));
  }

  @Test
  void bytesBreakingAnInvariantAreRejected() {
    byte[] bytes = SeriesStateCodec.encode(SAMPLE_V1);
    bytes[9] = 0; // okRun 1 -> 0 while the last status is ok: invariant 3

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SeriesStateCodec.decode(bytes));
    assertEquals(true, e.getMessage().startsWith("invariant 3:"), e.getMessage());
  }
}
