package io.aimon.jobs.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.detectors.event.InferenceEvent;
import io.aimon.detectors.model.ModelSpec;
import io.aimon.detectors.profile.ReferenceProfile;
import io.aimon.detectors.profile.ReferenceProfileBuilder;
import io.aimon.detectors.profile.WindowAccumulator;
import io.aimon.detectors.profile.WindowAccumulatorCodec;
import io.aimon.detectors.version.VersionSplit;
import io.aimon.jobs.SerializerRoundTrip;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Window state through checkpoints: per-version windows (layout 3) and states of earlier builds.
 */
class WindowStateSerializerTest {
  private static final ModelSpec SPEC =
      new ModelSpec(
          "m",
          null,
          60_000,
          10,
          List.of("x"),
          List.of("c"),
          false,
          false,
          "1",
          List.of(),
          100,
          Map.of());
  private static final ReferenceProfile REF = reference();

  private static ReferenceProfile reference() {
    ReferenceProfileBuilder b = new ReferenceProfileBuilder(SPEC);
    for (int i = 0; i < 200; i++) {
      b.add(event(i, "1"));
    }
    return b.build();
  }

  private static InferenceEvent event(int i, String version) {
    return new InferenceEvent(
        "i-" + i,
        "m",
        version,
        1000L + i,
        new double[] {i % 17},
        new String[] {"k" + i % 3},
        "0",
        Double.NaN,
        null,
        new String[0],
        Double.NaN,
        new int[0],
        "in",
        i);
  }

  private static WindowState state(String... versions) {
    WindowState s = new WindowState();
    for (int i = 0; i < 300; i++) {
      InferenceEvent e = event(i, versions[i % versions.length]);
      s.windows
          .accumulatorFor(
              VersionSplit.versionOf(e.modelVersion(), SPEC),
              () -> WindowAccumulator.create(SPEC, REF))
          .add(e);
      s.sources.add(e.source(), e.position());
    }
    return s;
  }

  @Test
  void perVersionWindowsSurviveACheckpoint() throws Exception {
    WindowState s = state("7", "8", "9");
    WindowState back = SerializerRoundTrip.of(WindowStateSerializer.INSTANCE, List.of(s)).get(0);
    assertEquals(List.of("7", "8", "9"), List.copyOf(back.windows.tracked().keySet()));
    for (String v : List.of("7", "8", "9")) {
      assertEquals(100, back.windows.tracked().get(v).count());
    }
    assertEquals(300, back.windows.whole(() -> WindowAccumulator.create(SPEC, REF)).count());
    assertEquals(s.sources.ranges(Map.of()).toString(), back.sources.ranges(Map.of()).toString());
  }

  @Test
  void aWindowKeptWholeByAnEarlierBuildIsRestoredUnderItsVersion() throws Exception {
    WindowAccumulator whole = WindowAccumulator.create(SPEC, REF);
    for (int i = 0; i < 50; i++) {
      whole.add(event(i, "7"));
    }
    byte[] accumulator = WindowAccumulatorCodec.encode(whole);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(WindowStateSerializer.LAYOUT_2);
      out.writeInt(accumulator.length);
      out.write(accumulator);
      new SourceRanges().write(out);
    }
    WindowState layout2 = WindowStateSerializer.INSTANCE.decode(bytes.toByteArray());
    assertEquals(List.of("7"), List.copyOf(layout2.windows.tracked().keySet()));
    assertEquals(50, layout2.windows.tracked().get("7").count());
    assertNull(layout2.windows.pooled());

    WindowState layout1 = WindowStateSerializer.INSTANCE.decode(accumulator);
    assertEquals(50, layout1.windows.whole(() -> WindowAccumulator.create(SPEC, REF)).count());
    assertTrue(WindowStateSerializer.INSTANCE.decode(new byte[0]).isEmpty());
  }
}
