package io.aimon.detectors.profile;

import static io.aimon.detectors.profile.ProfileFixtures.WINDOW_END;
import static io.aimon.detectors.profile.ProfileFixtures.WINDOW_START;
import static io.aimon.detectors.profile.ProfileFixtures.assertWindowEquals;
import static io.aimon.detectors.profile.ProfileFixtures.events;
import static io.aimon.detectors.profile.ProfileFixtures.reference;
import static io.aimon.detectors.profile.ProfileFixtures.spec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.detectors.model.ModelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Checked-in samples of each stored layout, version 1: the reference profile JSON and the
 * checkpointed window state. Today's code must still read them and still write the same bytes, so a
 * layout change cannot slip in without a new version (and a reader for the old one).
 *
 * <p>To create a sample for a new version, run with {@code -Daimon.writeFormatSamples=true}.
 */
class FormatSamplesTest {
  private static final Path DIR = Path.of("src/test/resources/formats");
  private static final ModelSpec SPEC = spec(10_000);

  @Test
  void referenceProfileV1SampleDecodesAndIsWrittenIdentically() throws IOException {
    ReferenceProfile built = reference(SPEC, events(7, 500));
    byte[] written = ReferenceProfileCodec.toJson(built);
    Path sample = sample("reference-profile-v1.json", written);

    ReferenceProfile read = ReferenceProfileCodec.fromJson(Files.readAllBytes(sample));
    assertEquals(built.digest(), read.digest());
    assertEquals(500, read.events());
    assertArrayEquals(Files.readAllBytes(sample), written, "layout v1 unchanged");
  }

  @Test
  void windowStateV1SampleDecodesAndIsWrittenIdentically() throws IOException {
    ReferenceProfile ref = reference(SPEC, events(7, 500));
    WindowAccumulator acc = WindowAccumulator.create(SPEC, ref);
    events(8, 300).forEach(acc::add);
    byte[] written = WindowAccumulatorCodec.encode(acc);
    Path sample =
        sample(
            "window-state-v1.base64", Base64.getMimeEncoder().encodeToString(written).getBytes());

    byte[] stored = Base64.getMimeDecoder().decode(Files.readAllBytes(sample));
    WindowAccumulator read = WindowAccumulatorCodec.decode(stored);
    assertEquals(300, read.count());
    assertWindowEquals(
        acc.toProfile(SPEC, WINDOW_START, WINDOW_END),
        read.toProfile(SPEC, WINDOW_START, WINDOW_END));
    assertArrayEquals(stored, written, "layout v1 unchanged");
  }

  private static Path sample(String name, byte[] current) throws IOException {
    Path file = DIR.resolve(name);
    if (Boolean.getBoolean("aimon.writeFormatSamples")) {
      Files.write(file, current);
    }
    assertTrue(
        Files.exists(file),
        "missing sample " + file + "; create it with -Daimon.writeFormatSamples=true");
    return file;
  }
}
