package io.aimon.evidence.export;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where one ISO/IEC 42001 clause or Annex A control stands in an exported period, over all its
 * models, as the report's control coverage says it: what a GRC platform keeps as that control's
 * evidence ({@code aimon evidence push}).
 *
 * @param id e.g. {@code A.6.2.6}
 * @param title e.g. {@code AI system operation and monitoring}
 * @param status {@code met}, {@code gap} or {@code not exercised}
 * @param byKind records of the period serving it, by kind code
 * @param gaps each gap in words, with its reason code first, e.g. {@code windows_missing: 2 windows
 *     not evaluated ...}
 */
public record ControlStatement(
    String id, String title, String status, Map<String, Long> byKind, List<String> gaps) {
  public ControlStatement {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(status, "status");
    byKind = Map.copyOf(byKind);
    gaps = List.copyOf(gaps);
  }

  /** Records of the period serving it. */
  public long records() {
    return byKind.values().stream().mapToLong(Long::longValue).sum();
  }

  static List<ControlStatement> of(ControlCoverage coverage) {
    return coverage.controls().stream()
        .map(
            c -> {
              java.util.Map<String, Long> kinds = new java.util.TreeMap<>();
              c.byKind().forEach((k, n) -> kinds.put(k.code(), n));
              return new ControlStatement(
                  c.id(),
                  c.title(),
                  c.status().text(),
                  kinds,
                  c.gaps().stream().map(g -> g.reason().code() + ": " + g.text()).toList());
            })
        .toList();
  }
}
