package io.aimon.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/metrics.md defines every metric id and lists every default threshold. */
class MetricsDocumentedTest {
  private static final Path DOC = Path.of("..", "docs", "metrics.md");

  @Test
  void everyMetricIdIsDefined() throws Exception {
    String doc = Files.readString(DOC);
    List<String> missing = new ArrayList<>();
    for (Field f : MetricIds.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        String id = (String) f.get(null);
        if (!doc.contains("`" + id + "`")) {
          missing.add(id);
        }
      }
    }
    assertTrue(missing.isEmpty(), "docs/metrics.md does not define " + missing);
  }

  @Test
  void everyDefaultThresholdIsInTheDefaultsTable() throws Exception {
    String doc = Files.readString(DOC);
    String table = doc.substring(doc.indexOf("## Default thresholds"));
    List<String> missing = new ArrayList<>();
    for (String metric : DefaultThresholds.all().keySet()) {
      if (!table.contains("`" + metric + "`")) {
        missing.add(metric);
      }
    }
    assertTrue(missing.isEmpty(), "the defaults table of docs/metrics.md lacks " + missing);
  }
}
