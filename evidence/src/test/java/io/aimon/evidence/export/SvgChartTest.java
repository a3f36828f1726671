package io.aimon.evidence.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.evidence.EvidenceKind;
import io.aimon.evidence.EvidenceRecord;
import io.aimon.evidence.HashChain;
import io.aimon.evidence.LayoutV1;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Charts: p-values on a log axis, levels apart and named in a legend, axes in the domain. */
class SvgChartTest {
  /** A series of {@code metric} with one window per value. */
  private static Series series(
      String metric, double[] values, Double[] pValues, double[] thresholds, String[] statuses) {
    Series s = new Series(new SeriesKey(metric, "income", null, null));
    HashChain.State state = HashChain.State.INITIAL;
    for (int w = 0; w < values.length; w++) {
      var data =
          ExportFixtures.check(
              "m", w, metric, "income", null, null, values[w], thresholds[w], statuses[w]);
      if (pValues != null) {
        data.put("p_value", pValues[w]);
      }
      EvidenceRecord r =
          LayoutV1.append(
              state,
              "m",
              EvidenceKind.CHECK,
              ExportFixtures.windowEnd(w),
              ExportFixtures.windowStart(w),
              ExportFixtures.windowEnd(w),
              data);
      state = HashChain.after(r);
      s.add(ExportRecord.of(r, r.toJson(), w));
    }
    return s;
  }

  private static String render(Series s) {
    return SvgChart.render(
        "c", s, s.points().get(0).time(), s.points().get(s.points().size() - 1).time());
  }

  private static List<Double> numbers(String svg, String regex) {
    List<Double> out = new ArrayList<>();
    Matcher m = Pattern.compile(regex).matcher(svg);
    while (m.find()) {
      out.add(Double.parseDouble(m.group(1)));
    }
    return out;
  }

  /** The y of the axis label {@code text} on the value axis. */
  private static double axisLabelY(String svg, String text) {
    List<Double> ys =
        numbers(
            svg,
            "<text class=\"axis\" x=\"60\" y=\"([0-9.]+)\" text-anchor=\"end\">"
                + Pattern.quote(text)
                + "</text>");
    assertEquals(1, ys.size(), text + " in " + svg);
    return ys.get(0);
  }

  @Test
  void pValuesAreOnALogAxisAndBreachesStandApartFromTheFloor() {
    // ks: the statistic is the value, the p-value is what is judged and charted
    Series ks =
        series(
            "ks",
            new double[] {0.02, 0.03, 0.33, 0.4},
            new Double[] {0.3, 0.2, 2.4e-82, 0.0},
            new double[] {0.05, 0.05, 0.01, 0.01},
            new String[] {"ok", "ok", "critical", "critical"});
    String svg = render(ks);
    assertTrue(svg.startsWith("<svg class=\"chart log\""), svg);
    // from 1 down to the decade below the smallest positive p-value, 1e-83
    assertTrue(svg.contains(">1</text>"), svg);
    assertTrue(svg.contains(">1e-83</text>"), svg);
    List<Double> circles =
        numbers(svg, "<circle class=\"point[^\"]*\" cx=\"[0-9.]+\" cy=\"([0-9.]+)\"");
    assertEquals(4, circles.size());
    axisLabelY(svg, "1e-83");
    List<Double> ticks = numbers(svg, "<line class=\"tick\" x1=\"64\" x2=\"610\" y1=\"([0-9.]+)\"");
    double floor = ticks.get(ticks.size() - 1);
    assertEquals(floor, circles.get(3), 0.11, "a p-value of 0 sits on the floor");
    assertTrue(
        floor - circles.get(2) > 1,
        "2.4e-82 is above the floor: " + circles.get(2) + " vs " + floor);
    assertTrue(circles.get(0) < 30, "0.3 is near the top: " + circles.get(0));
    // 0.05 (warning) and 0.01 (critical) are 0.7 decades apart: their labels are pushed apart
    List<Double> labels =
        numbers(
            svg,
            "<text class=\"threshold-label (?:warning|critical)\" x=\"[0-9.]+\" y=\"([0-9.]+)\"");
    assertEquals(2, labels.size(), svg);
    assertTrue(Math.abs(labels.get(0) - labels.get(1)) >= 12, labels.toString());
    assertTrue(svg.contains("<text class=\"threshold-label warning\""));
    assertTrue(svg.contains(">warning 0.05</text>"));
    assertTrue(svg.contains(">critical 0.01</text>"));
    assertTrue(svg.contains(">p-value</text>"), "the legend says what is drawn");
  }

  @Test
  void aPsiAxisNeverRunsBelowZero() {
    Series psi =
        series(
            "psi",
            new double[] {0.01, 0.02, 0.3},
            null,
            new double[] {0.1, 0.1, 0.25},
            new String[] {"ok", "ok", "critical"});
    String svg = render(psi);
    assertTrue(svg.startsWith("<svg class=\"chart\""), "linear");
    // lowest value 0.01 less 5% padding would be below 0: the axis stops at 0
    axisLabelY(svg, "0");
  }

  @Test
  void aRatioAxisNeverRunsAboveOne() {
    Series ratio =
        series(
            "demographic_parity_ratio",
            new double[] {0.95, 0.99, 1.0},
            null,
            new double[] {0.8, 0.8, 0.8},
            new String[] {"ok", "ok", "ok"});
    String svg = render(ratio);
    axisLabelY(svg, "1");
    assertTrue(svg.contains(">warning 0.8</text>"), svg);
    assertTrue(!svg.contains("critical threshold"), "no critical level drawn, none in the legend");
  }
}
