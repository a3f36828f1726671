package io.aimon.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The mapping table of DESIGN.md ("ISO 42001 mapping") and the kind codes. */
class Iso42001Test {
  @Test
  void mappingIsTheDesignTable() {
    assertEquals(List.of("9.1"), Iso42001.clauses(EvidenceKind.CHECK));
    assertEquals(List.of("A.6.2.6"), Iso42001.controls(EvidenceKind.CHECK));
    assertEquals(List.of("9.1"), Iso42001.clauses(EvidenceKind.COVERAGE));
    assertEquals(List.of("A.6.2.8", "A.7.4"), Iso42001.controls(EvidenceKind.COVERAGE));
    assertEquals(List.of("10.2"), Iso42001.clauses(EvidenceKind.INCIDENT));
    assertEquals(List.of("A.8.4"), Iso42001.controls(EvidenceKind.INCIDENT));
    assertEquals(List.of("10.2"), Iso42001.clauses(EvidenceKind.NOTIFICATION));
    assertEquals(List.of("A.8.4"), Iso42001.controls(EvidenceKind.NOTIFICATION));
    assertEquals(List.of("10.2"), Iso42001.clauses(EvidenceKind.CORRECTIVE_ACTION));
    assertEquals(List.of(), Iso42001.controls(EvidenceKind.CORRECTIVE_ACTION));
  }

  @Test
  void everyIdUsedHasATitle() {
    Set<String> used = new LinkedHashSet<>();
    for (EvidenceKind k : EvidenceKind.values()) {
      used.addAll(Iso42001.clauses(k));
    }
    for (EvidenceKind k : EvidenceKind.values()) {
      used.addAll(Iso42001.controls(k));
    }
    assertEquals(new ArrayList<>(used), new ArrayList<>(Iso42001.titles().keySet()));
    assertEquals("Monitoring, measurement, analysis and evaluation", Iso42001.titles().get("9.1"));
    assertEquals("Nonconformity and corrective action", Iso42001.titles().get("10.2"));
    assertEquals("AI system operation and monitoring", Iso42001.titles().get("A.6.2.6"));
    assertEquals("AI system recording of event logs", Iso42001.titles().get("A.6.2.8"));
    assertEquals("Quality of data for AI systems", Iso42001.titles().get("A.7.4"));
    assertEquals("Communication of incidents", Iso42001.titles().get("A.8.4"));
  }

  @Test
  void tablesAreImmutable() {
    assertThrows(
        UnsupportedOperationException.class, () -> Iso42001.clauses(EvidenceKind.CHECK).add("x"));
    assertThrows(UnsupportedOperationException.class, () -> Iso42001.titles().put("x", "y"));
  }

  @Test
  void kindCodesAreStableAndRead() {
    assertEquals("check", EvidenceKind.CHECK.code());
    assertEquals("coverage", EvidenceKind.COVERAGE.code());
    assertEquals("incident", EvidenceKind.INCIDENT.code());
    assertEquals("notification", EvidenceKind.NOTIFICATION.code());
    assertEquals("corrective_action", EvidenceKind.CORRECTIVE_ACTION.code());
    for (EvidenceKind k : EvidenceKind.values()) {
      assertEquals(k, EvidenceKind.ofCode(k.code()));
    }
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> EvidenceKind.ofCode("CHECK"));
    assertEquals(
        "kind: expected one of check, coverage, incident, notification, corrective_action, state_loss, monitoring_plan, deployment, found"
            + " 'CHECK'",
        e.getMessage());
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> EvidenceKind.ofCode(null))
            .getMessage()
            .endsWith("found null"));
  }
}
