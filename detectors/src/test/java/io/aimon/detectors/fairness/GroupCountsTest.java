package io.aimon.detectors.fairness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GroupCountsTest {
  @Test
  void unlabelledEventsCountInCountAndSelectedOnly() {
    GroupCounts g = new GroupCounts();
    g.add(true, null);
    g.add(false, null);
    g.add(true, true);
    g.add(true, false);
    g.add(false, false);
    g.add(false, true);
    assertEquals(GroupCounts.of(6, 3, 1, 1, 1, 1), g);
    assertEquals(4, g.labelled());
  }

  @Test
  void mergeAddsCounts() {
    GroupCounts a = GroupCounts.of(5, 2, 1, 1, 2, 1);
    a.merge(GroupCounts.of(3, 1, 0, 0, 1, 0));
    assertEquals(GroupCounts.of(8, 3, 1, 1, 3, 1), a);
  }

  @Test
  void ofRejectsCountsThatBreakTheInvariants() {
    assertThrows(IllegalArgumentException.class, () -> GroupCounts.of(-1, 0, 0, 0, 0, 0));
    // more labelled than events
    assertThrows(IllegalArgumentException.class, () -> GroupCounts.of(1, 0, 0, 0, 1, 1));
    // selected labelled exceeds selected
    assertThrows(IllegalArgumentException.class, () -> GroupCounts.of(3, 1, 1, 1, 0, 0));
    // selected unlabelled exceeds unlabelled
    assertThrows(IllegalArgumentException.class, () -> GroupCounts.of(2, 2, 0, 0, 1, 0));
  }
}
