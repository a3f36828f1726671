package io.aimon.detectors.performance;

import java.lang.reflect.Field;
import java.util.Random;
import org.apache.datasketches.kll.KllSketch;

/**
 * Test-only access to datasketches-java 6.2.0's JVM-wide KLL compaction coin ({@code
 * KllSketch.random}, package-private, unseeded), so the sketched-AUC test is reproducible. Seeding
 * is reflective because DataSketches offers no API for it; it only makes a test reproducible while
 * no other thread updates a KLL sketch.
 */
final class KllRandom {
  private KllRandom() {}

  /** Reseeds KLL's shared coin. */
  static void seed(long seed) {
    try {
      Field f = KllSketch.class.getDeclaredField("random");
      f.setAccessible(true);
      ((Random) f.get(null)).setSeed(seed);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "KllSketch.random: expected a static java.util.Random field", e);
    }
  }
}
