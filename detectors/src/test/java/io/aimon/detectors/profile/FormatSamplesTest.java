package io.aimon.detectors.profile;

import static io.aimon.detectors.profile.ProfileFixtures.WINDOW_END;
import static io.aimon.detectors.profile.ProfileFixtures.WINDOW_START;
import static io.aimon.detectors.profile.ProfileFixtures.asBeforeV4;
import static io.aimon.detectors.profile.ProfileFixtures.assertWindowEquals;
import static io.aimon.detectors.profile.ProfileFixtures.events;
import static io.aimon.detectors.profile.ProfileFixtures.reference;
import static io.aimon.detectors.profile.ProfileFixtures.spec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.detectors.common.CapCounts;
import io.aimon.detectors.model.ModelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Checked-in samples of each stored layout version: the reference profile JSON (v1 to v4) and the
 * checkpointed window state (v1 to v5). Today's code must still read them and still write the same
 * bytes, so a layout change cannot slip in without a new version (and a reader for the old one).
 *
 * <p>To create a sample for a new version, run with {@code -Daimon.writeFormatSamples=true}.
 */
class FormatSamplesTest {
  private static final Path DIR = Path.of("src/test/resources/formats");
  private static final ModelSpec SPEC = spec(10_000);

  @Test
  void referenceProfileV2SampleDecodesAndIsWrittenIdentically() throws IOException {
    ReferenceProfile built = asBeforeV4(reference(SPEC, events(7, 500)));
    assertTrue(!built.performance().isEmpty(), "labelled reference events give a performance");
    byte[] written = ReferenceProfileCodec.toJson(built);
    Path sample = sample("reference-profile-v2.json", written);

    ReferenceProfile read = ReferenceProfileCodec.fromJson(Files.readAllBytes(sample));
    assertEquals(built.digest(), read.digest());
    assertEquals(built.performance(), read.performance());
    assertArrayEquals(Files.readAllBytes(sample), written, "layout v2 unchanged");
  }

  @Test
  void referenceProfileV3SampleDecodesAndIsWrittenIdentically() throws IOException {
    ReferenceProfile built =
        asBeforeV4(
            reference(
                ProfileFixtures.specWithAttributes(), ProfileFixtures.eventsWithGroups(7, 500)));
    byte[] written = ReferenceProfileCodec.toJson(built);
    Path sample = sample("reference-profile-v3.json", written);

    ReferenceProfile read = ReferenceProfileCodec.fromJson(Files.readAllBytes(sample));
    assertEquals(built.digest(), read.digest());
    assertEquals(java.util.Map.of("sex", 400L, "race", 0L), read.groups());
    assertArrayEquals(Files.readAllBytes(sample), written, "layout v3 unchanged");
  }

  @Test
  void referenceProfileV4SampleDecodesAndIsWrittenIdentically() throws IOException {
    ReferenceProfile built = reference(SPEC, events(7, 500));
    assertEquals(385, built.estimation().outcomes().size(), "the labelled, scored events");
    byte[] written = ReferenceProfileCodec.toJson(built);
    Path sample = sample("reference-profile-v4.json", written);

    ReferenceProfile read = ReferenceProfileCodec.fromJson(Files.readAllBytes(sample));
    assertEquals(built.digest(), read.digest());
    assertEquals(built.estimation(), read.estimation());
    assertArrayEquals(Files.readAllBytes(sample), written, "layout v4 unchanged");
  }

  @Test
  void referenceProfileV3SampleReadsWithoutEstimation() throws IOException {
    ReferenceProfile read =
        ReferenceProfileCodec.fromJson(
            Files.readAllBytes(DIR.resolve("reference-profile-v3.json")));
    assertEquals(null, read.estimation(), "v3 records no estimation");
    WindowAccumulator acc = WindowAccumulator.create(ProfileFixtures.specWithAttributes(), read);
    ProfileFixtures.eventsWithGroups(8, 50).forEach(acc::add);
    assertEquals(
        null,
        acc.toProfile(ProfileFixtures.specWithAttributes(), WINDOW_START, WINDOW_END).estimated(),
        "its windows are not estimated");
  }

  @Test
  void referenceProfileV2SampleReadsWithoutGroupCounts() throws IOException {
    ReferenceProfile read =
        ReferenceProfileCodec.fromJson(
            Files.readAllBytes(DIR.resolve("reference-profile-v2.json")));
    assertTrue(read.groups().isEmpty(), "v2 records no group counts");
    assertTrue(!read.keys().exhaustive());
    assertEquals(500, read.keys().events());
  }

  @Test
  void referenceProfileV1SampleStillDecodesWithItsDigest() throws IOException {
    // written by layout v1, before the reference performance existed
    byte[] stored = Files.readAllBytes(DIR.resolve("reference-profile-v1.json"));
    ReferenceProfile read = ReferenceProfileCodec.fromJson(stored);
    assertEquals(500, read.events());
    assertTrue(read.performance().isEmpty());
    assertArrayEquals(stored, ReferenceProfileCodec.toJson(read), "a v1 profile is written as v1");
  }

  @Test
  void windowStateV5SampleDecodesAndIsWrittenIdentically() throws IOException {
    WindowAccumulator acc = sampleWindowV5();
    byte[] written = WindowAccumulatorCodec.encode(acc);
    Path sample =
        sample(
            "window-state-v5.base64", Base64.getMimeEncoder().encodeToString(written).getBytes());

    byte[] stored = Base64.getMimeDecoder().decode(Files.readAllBytes(sample));
    assertEquals(5, stored[0], "layout version byte");
    WindowAccumulator read = WindowAccumulatorCodec.decode(stored);
    assertEquals(303, read.count());
    WindowProfile profile = read.toProfile(SPEC, WINDOW_START, WINDOW_END);
    assertWindowEquals(acc.toProfile(SPEC, WINDOW_START, WINDOW_END), profile);
    assertEquals(
        new LlmProfile(
            2,
            1,
            new CategoricalProfile(new java.util.TreeMap<>(java.util.Map.of("length", 1L))),
            CapCounts.NONE,
            1,
            120,
            40),
        profile.llm());
    assertArrayEquals(stored, written, "layout v5 unchanged");
  }

  @Test
  void windowStateV4SampleStillDecodes() throws IOException {
    // written by layout v4, before LLM calls were counted
    byte[] stored =
        Base64.getMimeDecoder().decode(Files.readAllBytes(DIR.resolve("window-state-v4.base64")));
    assertEquals(4, stored[0], "layout version byte");
    WindowAccumulator read = WindowAccumulatorCodec.decode(stored);
    assertEquals(301, read.count());
    WindowProfile profile = read.toProfile(SPEC, WINDOW_START, WINDOW_END);
    assertWindowEquals(sampleWindowV3().toProfile(SPEC, WINDOW_START, WINDOW_END), profile);
    assertEquals(274, profile.estimated().n(), "every scored event estimated");
    assertEquals(null, profile.llm(), "v4 counts no LLM calls");
  }

  @Test
  void windowStateV3SampleStillDecodes() throws IOException {
    // written by layout v3, before the estimated performance existed
    byte[] stored =
        Base64.getMimeDecoder().decode(Files.readAllBytes(DIR.resolve("window-state-v3.base64")));
    assertEquals(3, stored[0], "layout version byte");
    WindowAccumulator read = WindowAccumulatorCodec.decode(stored);
    assertEquals(301, read.count());
    WindowProfile profile = read.toProfile(SPEC, WINDOW_START, WINDOW_END);
    assertWindowEquals(
        ProfileFixtures.asBeforeV4(sampleWindowV3().toProfile(SPEC, WINDOW_START, WINDOW_END)),
        profile);
    assertEquals(new CapCounts(0, 1), profile.quality().capsOf("c"), "one 300-byte category");
    assertEquals(new CapCounts(0, 1), profile.quality().versions(), "one 300-byte version");
  }

  @Test
  void windowStateV2SampleStillDecodes() throws IOException {
    // written by layout v2, before version counts and cap counts existed; its fairness block is
    // fairness layout v1
    byte[] stored =
        Base64.getMimeDecoder().decode(Files.readAllBytes(DIR.resolve("window-state-v2.base64")));
    assertEquals(2, stored[0], "layout version byte");
    WindowAccumulator read = WindowAccumulatorCodec.decode(stored);
    assertEquals(300, read.count());
    WindowProfile fresh = sampleWindow().toProfile(SPEC, WINDOW_START, WINDOW_END);
    WindowProfile old = read.toProfile(SPEC, WINDOW_START, WINDOW_END);
    assertEquals(fresh.modelVersion(), old.modelVersion());
    assertEquals(fresh.selection().keySet(), old.selection().keySet());
    fresh
        .selection()
        .forEach((a, f) -> assertEquals(f.groups(), old.selection().get(a).groups(), a));
    assertEquals(CapCounts.NONE, old.quality().capsOf("c"));
    assertEquals(CapCounts.NONE, old.quality().versions());
    // re-encoded, it is a current state with counts 0 and reads as the same profile
    WindowAccumulator again = WindowAccumulatorCodec.decode(WindowAccumulatorCodec.encode(read));
    assertWindowEquals(old, again.toProfile(SPEC, WINDOW_START, WINDOW_END));
  }

  @Test
  void windowStateV1SampleStillDecodes() throws IOException {
    // written by layout v1, before out-of-range, type-mismatch and latency counts existed
    byte[] stored =
        Base64.getMimeDecoder().decode(Files.readAllBytes(DIR.resolve("window-state-v1.base64")));
    assertEquals(1, stored[0], "layout version byte");
    WindowProfile read =
        WindowAccumulatorCodec.decode(stored).toProfile(SPEC, WINDOW_START, WINDOW_END);
    WindowProfile fresh = sampleWindow().toProfile(SPEC, WINDOW_START, WINDOW_END);
    assertEquals(300, read.events());
    fresh
        .numeric()
        .forEach((f, p) -> ProfileFixtures.assertNumericEquals(p, read.numeric().get(f), f));
    assertEquals(fresh.categorical(), read.categorical());
    assertEquals(0L, read.quality().outOfRange().get("x"));
    assertTrue(read.quality().latency().isEmpty());
  }

  private static WindowAccumulator sampleWindow() {
    ReferenceProfile ref = reference(SPEC, events(7, 500));
    WindowAccumulator acc = WindowAccumulator.create(SPEC, ref);
    events(8, 300).forEach(acc::add);
    return acc;
  }

  /** The v3 sample: the v2 sample's window plus one event whose category is 300 bytes long. */
  private static WindowAccumulator sampleWindowV3() {
    WindowAccumulator acc = sampleWindow();
    acc.add(ProfileFixtures.event("m1", "v".repeat(300), 50, 3, "c".repeat(300), 0.5, "1"));
    return acc;
  }

  /** The v5 sample: the v3 sample's window plus two LLM calls, one of them failed. */
  private static WindowAccumulator sampleWindowV5() {
    WindowAccumulator acc = sampleWindowV3();
    for (io.aimon.detectors.event.LlmCall call :
        java.util.List.of(
            new io.aimon.detectors.event.LlmCall(120, 40, "length", false),
            new io.aimon.detectors.event.LlmCall(
                90, io.aimon.detectors.event.LlmCall.UNKNOWN, null, true))) {
      acc.add(ProfileFixtures.event("m1", null, 1, 3, "a", 0.5, "1").withLlm(call));
    }
    return acc;
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
