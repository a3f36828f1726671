package io.aimon.detectors.event;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The exact hash set against java.util.HashSet, growth and rebuilding included. */
class IdHashSetTest {
  @Test
  void holdsWhatAHashSetHolds() {
    Random random = new Random(7);
    IdHashSet set = new IdHashSet();
    Set<Long> reference = new HashSet<>();
    for (int i = 0; i < 50_000; i++) {
      long h = random.nextInt(4) == 0 ? random.nextInt(100) : random.nextLong();
      assertEquals(reference.add(h), set.add(h), "add " + h);
    }
    assertTrue(set.add(0L) == reference.add(0L));
    assertEquals(reference.size(), set.size());
    for (long h : reference) {
      assertTrue(set.contains(h), "contains " + h);
    }
    for (int i = 0; i < 10_000; i++) {
      long h = random.nextLong();
      assertEquals(reference.contains(h), set.contains(h));
    }
    // more than twice as many slots as hashes, a power of two
    assertTrue(set.sizeBytes() / 8 > 2L * set.size());
    assertEquals(0, Long.bitCount(set.sizeBytes() / 8) - 1);
    IdHashSet rebuilt = IdHashSet.of(set.hashes());
    assertArrayEquals(set.hashes(), rebuilt.hashes(), "the same hashes, ascending");
    assertFalse(new IdHashSet().contains(0L));
    assertEquals(IdHashSet.MIN_SLOTS * 8L, new IdHashSet().sizeBytes());
  }
}
