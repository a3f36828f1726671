package io.aimon.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every kind of record maps to the EU AI Act and the NIST AI RMF; the table is the class comment.
 */
class CrosswalkTest {
  @Test
  void everyKindMapsToBothFrameworks() {
    Set<Crosswalk.Ref> used = new HashSet<>();
    for (EvidenceKind k : EvidenceKind.values()) {
      assertFalse(Crosswalk.ids(k, Crosswalk.Framework.EU_AI_ACT).isEmpty(), k + ": EU AI Act");
      assertFalse(Crosswalk.ids(k, Crosswalk.Framework.NIST_AI_RMF).isEmpty(), k + ": NIST AI RMF");
      used.addAll(Crosswalk.of(k));
    }
    assertEquals(Set.copyOf(Crosswalk.all()), used, "every article and subcategory is served");
  }

  @Test
  void mappingIsTheDocumentedTable() {
    assertEquals(
        List.of("Art. 12", "Art. 72"),
        Crosswalk.ids(EvidenceKind.CHECK, Crosswalk.Framework.EU_AI_ACT));
    assertEquals(
        List.of("MEASURE 2.4", "MEASURE 2.11"),
        Crosswalk.ids(EvidenceKind.CHECK, Crosswalk.Framework.NIST_AI_RMF));
    assertEquals(
        List.of("Art. 72"),
        Crosswalk.ids(EvidenceKind.MONITORING_PLAN, Crosswalk.Framework.EU_AI_ACT));
    assertEquals(
        List.of("MANAGE 4.1"),
        Crosswalk.ids(EvidenceKind.INCIDENT, Crosswalk.Framework.NIST_AI_RMF));
    assertTrue(Crosswalk.all().stream().allMatch(r -> !r.title().isBlank()));
  }
}
