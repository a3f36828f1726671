package io.aimon.detectors.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Page-Hinkley and ADWIN against the detection indices River documents for its examples (the
 * docstrings of river/drift/page_hinkley.py and river/drift/adwin.py; the streams drawn by
 * resources/change/make_streams.py with the same generators), then on synthetic streams with a
 * known change: detection delay, and false alarms over many stationary streams.
 */
class ChangeDetectorsRiverTest {
  private static final Path DIR = Path.of("src/test/resources/change");

  private static double[] stream(String name) throws IOException {
    return Files.readAllLines(DIR.resolve(name)).stream()
        .mapToDouble(Double::parseDouble)
        .toArray();
  }

  /** The indices (0-based, as River prints them) at which the detector flags. */
  private static List<Integer> detections(double[] values, java.util.function.Supplier<Object> d) {
    Object detector = d.get();
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      ChangePoint c =
          detector instanceof PageHinkley ph
              ? ph.add(values[i], 1000L * i)
              : ((Adwin) detector).add(values[i], 1000L * i);
      if (c != null) {
        out.add(i);
      }
    }
    return out;
  }

  @Test
  void pageHinkleyFlagsWhereRiverDocumentsIt() throws IOException {
    // River 0.11 (numpy's seed 12345): "Change detected at index 1009, input value: 5"
    assertEquals(
        List.of(1009),
        detections(stream("river-numpy-12345.txt"), PageHinkley::riverDefaults).subList(0, 1));
    // River 0.12 and later (random.Random(12345)): "Change detected at index 1006, input value: 5"
    assertEquals(
        List.of(1006),
        detections(stream("river-random-12345.txt"), PageHinkley::riverDefaults).subList(0, 1));
  }

  @Test
  void adwinFlagsWhereRiverDocumentsIt() throws IOException {
    // River 0.12 and later, starting over after a detection: "Change detected at index 1023"
    assertEquals(
        List.of(1023), detections(stream("river-random-12345.txt"), () -> new Adwin(0.002)));
    // River 0.11 kept its shrunk window and flagged again at 1055, 1087 and 1119; its first
    // detection, the change itself, is at 1023 as here
    assertEquals(1023, detections(stream("river-numpy-12345.txt"), () -> new Adwin(0.002)).get(0));
  }

  /**
   * Where each detector places River's change (value 1000): ADWIN at the boundary of its cut;
   * Page-Hinkley with River's defaults where its cumulative evidence was lowest, which with a
   * tolerated shift (0.005) far below the noise (sd 0.5) can lie long before the change, so only
   * its means are checked here (the synthetic streams check its placement).
   */
  @Test
  void eachDetectorPlacesTheChange() throws IOException {
    double[] values = stream("river-random-12345.txt");
    ChangePoint adwin = first(values, new Adwin(0.002));
    assertEquals(1_023_000, adwin.detectedAt());
    assertTrue(
        adwin.changedAt() >= 960_000 && adwin.changedAt() <= 1_000_000, "at " + adwin.changedAt());
    assertTrue(adwin.before() < 1 && adwin.after() > 3, adwin.toString());
    ChangePoint ph = first(values, PageHinkley.riverDefaults());
    assertEquals(1_006_000, ph.detectedAt());
    assertTrue(ph.before() < ph.after(), ph.toString());
  }

  private static ChangePoint first(double[] values, ChangeDetector d) {
    for (int i = 0; i < values.length; i++) {
      ChangePoint c = d.add(values[i], 1000L * i);
      if (c != null) {
        return c;
      }
    }
    throw new AssertionError("no change flagged");
  }

  /**
   * Synthetic streams, N(0, 1) then N(1, 1) from value 5,000: how many values after the change each
   * detector flags (median over 200 streams), and how many of 200 stationary streams of 10,000
   * values it flags at all. Page-Hinkley watches both directions with delta 0.005 and threshold 50;
   * ADWIN delta 0.002.
   */
  @Test
  void detectionDelaysAndFalseAlarmsOnSyntheticStreams() {
    int streams = 200;
    long[] phDelay = new long[streams];
    long[] adwinDelay = new long[streams];
    int phFalse = 0;
    int adwinFalse = 0;
    int riverFalse = 0;
    int phPlaced = 0;
    int adwinPlaced = 0;
    for (int s = 0; s < streams; s++) {
      SplittableRandom r = new SplittableRandom(1000 + s);
      double[] changed = new double[10_000];
      double[] stationary = new double[10_000];
      for (int i = 0; i < changed.length; i++) {
        changed[i] = r.nextGaussian() + (i >= 5000 ? 1 : 0);
        stationary[i] = r.nextGaussian();
      }
      phDelay[s] = delay(detections(changed, ChangeDetectorsRiverTest::bothWays), 5000);
      ChangePoint placed = first(changed, (ChangeDetector) bothWays());
      phPlaced += Math.abs(placed.changedAt() / 1000 - 5000) <= 20 ? 1 : 0;
      ChangePoint cut = first(changed, new Adwin(0.002));
      adwinPlaced += Math.abs(cut.changedAt() / 1000 - 5000) <= 64 ? 1 : 0;
      adwinDelay[s] = delay(detections(changed, () -> new Adwin(0.002)), 5000);
      phFalse += detections(stationary, ChangeDetectorsRiverTest::bothWays).isEmpty() ? 0 : 1;
      riverFalse += detections(stationary, ChangeDetectorsRiverTest::riverBoth).isEmpty() ? 0 : 1;
      adwinFalse += detections(stationary, () -> new Adwin(0.002)).isEmpty() ? 0 : 1;
    }
    java.util.Arrays.sort(phDelay);
    java.util.Arrays.sort(adwinDelay);
    System.out.printf(
        "change detection, mean shift of 1 sd at value 5,000: Page-Hinkley median delay %d values"
            + " (90th percentile %d), ADWIN %d (%d); false alarms on %d stationary streams of"
            + " 10,000 values: Page-Hinkley %d, ADWIN %d (Page-Hinkley with River's defaults %d)%n",
        phDelay[streams / 2],
        phDelay[streams * 9 / 10],
        adwinDelay[streams / 2],
        adwinDelay[streams * 9 / 10],
        streams,
        phFalse,
        adwinFalse,
        riverFalse);
    System.out.printf(
        "change placed within 20 values (Page-Hinkley) of value 5,000 in %d of %d streams, within"
            + " 64 (ADWIN, bucket boundaries) in %d%n",
        phPlaced, streams, adwinPlaced);
    assertTrue(phPlaced >= streams * 9 / 10, "Page-Hinkley placed " + phPlaced);
    assertTrue(adwinPlaced >= streams * 9 / 10, "ADWIN placed " + adwinPlaced);
    assertTrue(phDelay[streams * 9 / 10] < 200, "Page-Hinkley flags the change within 200");
    assertTrue(adwinDelay[streams * 9 / 10] < 200, "ADWIN flags the change within 200");
    assertTrue(adwinFalse <= streams / 20, "ADWIN: at most 5% false alarms, found " + adwinFalse);
    assertTrue(phFalse <= streams / 20, "Page-Hinkley: at most 5% false alarms, found " + phFalse);
  }

  private static Object bothWays() {
    return new PageHinkley(30, 0.5, 25, 0.9999, PageHinkley.Direction.BOTH);
  }

  private static Object riverBoth() {
    return new PageHinkley(30, 0.005, 50, 0.9999, PageHinkley.Direction.BOTH);
  }

  /** Values from the change to the first detection at or after it (a large number when none). */
  private static long delay(List<Integer> detections, int change) {
    return detections.stream()
        .filter(i -> i >= change)
        .findFirst()
        .map(i -> (long) i - change)
        .orElse(1_000_000L);
  }

  @Test
  void theStateStaysSmallWhateverTheNumberOfValues() {
    Adwin a = new Adwin(0.002);
    SplittableRandom r = new SplittableRandom(3);
    int most = 0;
    for (int i = 0; i < 2_000_000; i++) {
      a.add(r.nextGaussian(), i);
      most = Math.max(most, a.buckets());
    }
    assertTrue(most <= (Adwin.MAX_BUCKETS + 1) * 22, "buckets: " + most);
    System.out.printf(
        "ADWIN: at most %d buckets over 2,000,000 stationary values (window %d)%n",
        most, a.width());
  }

  /** A detector sent through its codec mid-stream flags exactly where the one that was not did. */
  @Test
  void aRestoredDetectorGoesOnAsTheOriginal() throws IOException {
    double[] values = stream("river-random-12345.txt");
    for (ChangeDetector original : List.<ChangeDetector>of(new Adwin(0.002), bothWays2())) {
      ChangeDetector copy = original;
      List<Integer> straight = new ArrayList<>();
      List<Integer> restored = new ArrayList<>();
      ChangeDetector reference = ChangeDetectorCodec.decode(ChangeDetectorCodec.encode(original));
      for (int i = 0; i < values.length; i++) {
        if (reference.add(values[i], i) != null) {
          straight.add(i);
        }
        copy = ChangeDetectorCodec.decode(ChangeDetectorCodec.encode(copy));
        if (copy.add(values[i], i) != null) {
          restored.add(i);
        }
      }
      assertEquals(straight, restored, original.getClass().getSimpleName());
      assertTrue(!straight.isEmpty());
    }
  }

  private static ChangeDetector bothWays2() {
    return new PageHinkley(30, 0.005, 50, 0.9999, PageHinkley.Direction.BOTH);
  }
}
