package io.aimon.detectors.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SubjectTest {
  @Test
  void aNullFeatureIsTheModel() {
    assertSame(Subject.MODEL, Subject.feature(null));
    assertEquals(new Subject("income", null, null), Subject.feature("income"));
  }

  @Test
  void aGroupNeedsItsAttributeAndNoFeature() {
    assertEquals(new Subject(null, "sex", "F"), Subject.group("sex", "F"));
    assertThrows(IllegalArgumentException.class, () -> new Subject(null, null, "F"));
    assertThrows(IllegalArgumentException.class, () -> new Subject("age", "sex", null));
  }
}
