package io.aimon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every metric id has the domain docs/metrics.md gives it. */
class MetricDomainTest {
  @Test
  void everyMetricIdHasADomain() throws Exception {
    List<String> unknown = new ArrayList<>();
    for (Field f : MetricIds.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        String id = (String) f.get(null);
        if (!MetricDomain.known(id)) {
          unknown.add(id);
        }
      }
    }
    assertTrue(unknown.isEmpty(), "no domain for " + unknown);
  }

  @Test
  void boundsFollowTheDefinitions() {
    assertEquals(MetricDomain.NON_NEGATIVE, MetricDomain.of("psi"));
    assertEquals(MetricDomain.UNIT, MetricDomain.of("demographic_parity_ratio"));
    assertEquals(MetricDomain.UNIT, MetricDomain.of("ks"), "the KS statistic D");
    assertEquals(new MetricDomain(Double.NEGATIVE_INFINITY, 1), MetricDomain.of("r2"));
    assertEquals(MetricDomain.UNBOUNDED, MetricDomain.of("not_a_metric"));
    assertEquals(0.0, MetricDomain.of("psi").clamp(-0.02));
    assertEquals(1.0, MetricDomain.UNIT.clamp(1.05));
    assertEquals(0.3, MetricDomain.UNIT.clamp(0.3));
    assertThrows(IllegalArgumentException.class, () -> new MetricDomain(1, 1));
  }
}
