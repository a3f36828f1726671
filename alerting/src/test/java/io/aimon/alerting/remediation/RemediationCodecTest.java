package io.aimon.alerting.remediation;

import static io.aimon.alerting.remediation.RemediationFixtures.OPENED;
import static io.aimon.alerting.remediation.RemediationFixtures.opened;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.alerting.incident.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Round trips, and the checked-in sample of layout 1 ({@code formats/remediation-v1.hex}): today's
 * code must still read it and still write the same bytes. To create a sample for a new version, run
 * with {@code -Daimon.writeFormatSamples=true}.
 */
class RemediationCodecTest {

  private static final Path DIR = Path.of("src/test/resources/formats");

  /** The state stored in the checked-in sample: every nullable field set. */
  static final Remediation SAMPLE_V1 =
      new Remediation(
          "0d4e8a4c-7f53-5b1e-9a57-5b4d1b0f0c11",
          "credit-risk",
          "credit-risk/psi/feature=income",
          Severity.CRITICAL,
          OPENED,
          OPENED + 7_200_000L,
          "bob",
          OPENED + 60_000L,
          2,
          3,
          "upstream unit change (€ → $)",
          OPENED + 1_800_000L,
          2,
          Effectiveness.PENDING,
          NonconformityGrade.MINOR,
          NonconformityGrade.MAJOR,
          "customer impact",
          OPENED + 9_000_000L);

  static Stream<Remediation> states() {
    return Stream.of(
        opened(Severity.WARNING),
        opened(Severity.CRITICAL),
        RemediationTest.valid(),
        new Remediation(
            "i",
            "m",
            "s",
            Severity.CRITICAL,
            -5,
            null,
            null,
            null,
            0,
            0,
            "x".repeat(70_000),
            1L,
            100,
            Effectiveness.VERIFIED_EFFECTIVE,
            NonconformityGrade.MAJOR,
            null,
            null,
            null),
        SAMPLE_V1);
  }

  @ParameterizedTest
  @MethodSource("states")
  void decodeOfEncodeIsTheSameState(Remediation r) {
    byte[] bytes = RemediationCodec.encode(r);

    assertEquals(RemediationCodec.VERSION, bytes[0]);
    assertEquals(r, RemediationCodec.decode(bytes));
  }

  @Test
  void checkedInVersionOneSampleDecodesAndIsWrittenIdentically() throws IOException {
    String written = HexFormat.of().formatHex(RemediationCodec.encode(SAMPLE_V1));
    Path file = DIR.resolve("remediation-v1.hex");
    if (Boolean.getBoolean("aimon.writeFormatSamples")) {
      Files.writeString(file, written + "\n", StandardCharsets.US_ASCII);
    }
    assertTrue(
        Files.exists(file),
        "missing sample " + file + "; create it with -Daimon.writeFormatSamples=true");

    String stored = Files.readString(file, StandardCharsets.US_ASCII).strip();
    assertEquals(SAMPLE_V1, RemediationCodec.decode(HexFormat.of().parseHex(stored)));
    assertEquals(stored, written, "layout v1 unchanged");
  }

  @Test
  void unknownVersionIsRejected() {
    byte[] bytes = RemediationCodec.encode(SAMPLE_V1);
    bytes[0] = 9;

    assertEquals(
        "Remediation: expected encoding version 1, found 9",
        assertThrows(IllegalArgumentException.class, () -> RemediationCodec.decode(bytes))
            .getMessage());
  }

  @Test
  void truncatedTrailingAndEmptyBytesAreRejected() {
    byte[] bytes = RemediationCodec.encode(SAMPLE_V1);

    assertEquals(
        "Remediation: truncated bytes",
        assertThrows(
                IllegalArgumentException.class,
                () -> RemediationCodec.decode(Arrays.copyOf(bytes, bytes.length - 1)))
            .getMessage());
    assertEquals(
        "Remediation: expected the end of the bytes, found 1 more",
        assertThrows(
                IllegalArgumentException.class,
                () -> RemediationCodec.decode(Arrays.copyOf(bytes, bytes.length + 1)))
            .getMessage());
    assertEquals(
        "Remediation: expected a version byte, found no bytes",
        assertThrows(IllegalArgumentException.class, () -> RemediationCodec.decode(new byte[0]))
            .getMessage());
  }

  @Test
  void badCodesAndBrokenInvariantsAreRejected() {
    byte[] bytes = RemediationCodec.encode(opened(Severity.WARNING));
    // layout: version, 3 strings, then the severity byte
    int pos = 1;
    for (int k = 0; k < 3; k++) {
      int len =
          ((bytes[pos] & 0xff) << 24)
              | ((bytes[pos + 1] & 0xff) << 16)
              | ((bytes[pos + 2] & 0xff) << 8)
              | (bytes[pos + 3] & 0xff);
      pos += 4 + len;
    }
    byte[] badSeverity = bytes.clone();
    badSeverity[pos] = 7;
    assertEquals(
        "Remediation: expected severity 1 or 2, found 7",
        assertThrows(IllegalArgumentException.class, () -> RemediationCodec.decode(badSeverity))
            .getMessage());

    byte[] critical = bytes.clone();
    critical[pos] = 2; // critical with grade observation: invariant 7
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RemediationCodec.decode(critical));
    assertTrue(e.getMessage().startsWith("invariant 7:"), e.getMessage());
  }
}
