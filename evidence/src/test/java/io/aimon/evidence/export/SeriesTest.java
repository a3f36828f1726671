package io.aimon.evidence.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.evidence.EvidenceKind;
import io.aimon.evidence.EvidenceRecord;
import io.aimon.evidence.HashChain;
import io.aimon.evidence.LayoutV1;
import org.junit.jupiter.api.Test;

class SeriesTest {

  private static ExportRecord check(String metric, double value, Double pValue, double threshold) {
    var data =
        ExportFixtures.check("m", 1, metric, "income", null, null, value, threshold, "critical");
    if (pValue != null) {
      data.put("p_value", pValue);
    }
    EvidenceRecord r =
        LayoutV1.append(
            HashChain.State.INITIAL,
            "m",
            EvidenceKind.CHECK,
            ExportFixtures.windowEnd(1),
            ExportFixtures.windowStart(1),
            ExportFixtures.windowEnd(1),
            data);
    return ExportRecord.of(r, r.toJson(), 0);
  }

  @Test
  void aTestJudgedByItsPValueIsChartedByItsPValue() {
    ExportRecord ks = check("ks", 0.42, 0.001, 0.01);
    assertEquals(0.001, ks.judgedNumber(), "the p-value is what the threshold applies to");
    assertEquals(0.42, ks.valueNumber(), "the statistic stays the record's value");
    Series s = new Series(new SeriesKey("ks", "income", null, null));
    s.add(ks);
    assertTrue(s.pValues());
    assertEquals(0.001, s.last().value());
  }

  @Test
  void aValueThresholdIsChartedByTheValue() {
    ExportRecord psi = check("psi", 0.4, null, 0.25);
    assertEquals(0.4, psi.judgedNumber());
    Series s = new Series(new SeriesKey("psi", "income", null, null));
    s.add(psi);
    assertFalse(s.pValues());
  }
}
