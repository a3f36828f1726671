package io.aimon.detectors.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MemberNamesTest {
  @Test
  void findsARepeatAmongTheFirstNamesAndBeyondThem() {
    MemberNames names = new MemberNames();
    for (int i = 0; i < 100; i++) {
      assertTrue(names.add("k" + i), "k" + i);
    }
    assertFalse(names.add("k0"), "among the names compared one by one");
    assertFalse(names.add("k" + (MemberNames.SCANNED - 1)));
    assertFalse(names.add("k" + MemberNames.SCANNED), "the first name in the set");
    assertFalse(names.add("k99"));
    assertTrue(names.add(new String("k100")));
    assertFalse(names.add(new String("k100")), "equal, not identical");
  }

  @Test
  void namesSharingAHashCodeAreDifferentNames() {
    assertEquals("Aa".hashCode(), "BB".hashCode());
    MemberNames names = new MemberNames();
    assertTrue(names.add("Aa"));
    assertTrue(names.add("BB"));
    assertFalse(names.add("BB"));
    // beyond the scanned names too: 2^10 names of one hash code
    names.clear();
    int added = 0;
    for (int i = 0; i < 1 << 10; i++) {
      StringBuilder s = new StringBuilder();
      for (int bit = 0; bit < 10; bit++) {
        s.append((i >> bit & 1) == 0 ? "Aa" : "BB");
      }
      assertTrue(names.add(s.toString()), s::toString);
      added++;
    }
    assertEquals(1 << 10, added);
    assertFalse(names.add("AaAaAaAaAaAaAaAaAaAa"));
  }

  @Test
  void clearStartsAnEmptyObject() {
    MemberNames names = new MemberNames();
    for (int size : new int[] {3, 40, 2000, 5}) {
      names.clear();
      for (int i = 0; i < size; i++) {
        assertTrue(names.add("n" + i));
      }
      assertFalse(names.add("n" + (size - 1)));
    }
  }
}
