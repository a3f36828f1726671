package io.aimon.evidence.export;

import static io.aimon.evidence.export.ExportFixtures.ALL;
import static io.aimon.evidence.export.ExportFixtures.CHURN;
import static io.aimon.evidence.export.ExportFixtures.CREDIT;
import static io.aimon.evidence.export.ExportFixtures.TEST_KEYS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.detectors.gate.GateVerdict;
import io.aimon.evidence.ArchiveVerifier;
import io.aimon.evidence.EvidenceKind;
import io.aimon.evidence.export.ControlCoverage.GapReason;
import io.aimon.evidence.export.ControlCoverage.Status;
import io.aimon.evidence.payload.DeploymentEvidence;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The statement of applicability flags each kind of gap with its reason in constructed archives,
 * and no gap in a clean one.
 */
class ControlCoverageTest {
  @TempDir Path tmp;

  private static AuditData collect(Path archive, AuditExport.Selection selection) {
    ArchiveVerifier.Report report = ArchiveVerifier.verify(archive, TEST_KEYS.getPublic());
    assertTrue(report.intact(), report.summary());
    return AuditData.collect(
        archive, selection, report, TEST_KEYS.getPublic(), new ProgressCounter(null, 0));
  }

  private static Map<String, ControlCoverage.Control> byId(ControlCoverage view) {
    return view.controls().stream().collect(Collectors.toMap(ControlCoverage.Control::id, c -> c));
  }

  private static ControlCoverage.Gap only(ControlCoverage.Control c) {
    assertEquals(1, c.gaps().size(), c.id() + ": " + c.gaps());
    return c.gaps().get(0);
  }

  @Test
  void aCleanArchiveHasNoGap() {
    // churn: a recorded plan, every window covered, no incident; 10.2 and A.8.4 are not
    // exercised, not gaps
    ControlCoverage view =
        collect(ExportFixtures.archive(tmp.resolve("e"), Set.of(), true), ALL)
            .models()
            .get(CHURN)
            .controls();
    assertEquals(List.of(), view.gaps());
    Map<String, ControlCoverage.Control> c = byId(view);
    for (String id : List.of("9.1", "A.6.2.6", "A.6.2.8", "A.7.4")) {
      assertEquals(Status.MET, c.get(id).status(), id);
    }
    assertEquals(
        Map.of(
            EvidenceKind.CHECK,
            56L - 40L,
            EvidenceKind.COVERAGE,
            8L,
            EvidenceKind.MONITORING_PLAN,
            1L),
        c.get("9.1").byKind());
    assertEquals(Status.NOT_EXERCISED, c.get("10.2").status());
    assertEquals(Status.NOT_EXERCISED, c.get("A.8.4").status());
    assertEquals(0, c.get("A.8.4").records());
  }

  @Test
  void missingWindowsAreAGapOfMonitoring() {
    AuditData data =
        collect(ExportFixtures.archive(tmp.resolve("e"), Set.of("churn/5", "churn/6"), true), ALL);
    Map<String, ControlCoverage.Control> c = byId(data.models().get(CHURN).controls());
    for (String id : List.of("9.1", "A.6.2.6")) {
      ControlCoverage.Gap g = only(c.get(id));
      assertEquals(GapReason.WINDOWS_MISSING, g.reason());
      assertEquals(2, g.count(), "two windows");
      assertEquals(1, g.items(), "in one run");
      assertEquals(
          "2 windows not evaluated (no coverage record): 2026-01-02T06:00:00Z to"
              + " 2026-01-02T18:00:00Z (2 windows)",
          g.text());
    }
    assertEquals(Status.MET, c.get("A.6.2.8").status(), "the windows it has are recorded");
    // over all models the gap names its model
    ControlCoverage.Gap all = only(byId(data.controls()).get("9.1"));
    assertEquals(
        List.of("churn 2026-01-02T06:00:00Z to 2026-01-02T18:00:00Z (2 windows)"), all.named());
  }

  @Test
  void checksJudgedByNoRecordedPlanAreAGapOf91() {
    // the fixture without plans: its checks name none, as written before aimon recorded plans
    AuditData data = collect(ExportFixtures.archive(tmp.resolve("e")), ALL);
    ControlCoverage.Gap g = only(byId(data.models().get(CHURN).controls()).get("9.1"));
    assertEquals(GapReason.NO_MONITORING_PLAN, g.reason());
    assertEquals(16, g.count(), "every check of churn");
    assertEquals(
        "16 checks judged by no recorded monitoring plan (what is monitored, how, when and by"
            + " whom is not in the evidence): 16 checks naming no plan (written before aimon"
            + " recorded plans)",
        g.text());
    // with the plans recorded, no gap
    AuditData planned = collect(ExportFixtures.archive(tmp.resolve("p"), Set.of(), true), ALL);
    assertEquals(Status.MET, byId(planned.models().get(CHURN).controls()).get("9.1").status());
    assertEquals(1, planned.models().get(CHURN).plansInForce().size());
  }

  @Test
  void aCheckNamingAPlanWithoutARecordIsAGapOf91() {
    // churn's checks of the last window name a plan the archive has no record of
    Path dir = ExportFixtures.archive(tmp.resolve("e"), Set.of(), true, "ee".repeat(32));
    AuditData data = collect(dir, ALL);
    ControlCoverage.Gap g = only(byId(data.models().get(CHURN).controls()).get("9.1"));
    assertEquals(GapReason.NO_MONITORING_PLAN, g.reason());
    assertEquals(2, g.count(), "churn's two checks of the last window");
    assertEquals(List.of("2 checks naming plan eeeeeeeeeeee..., which has no record"), g.named());
    assertEquals(Status.MET, byId(data.models().get(CREDIT).controls()).get("9.1").status());
  }

  @Test
  void anIncidentNeverCommunicatedIsAGapOfA84() {
    AuditData data = collect(NotificationFixtures.archive(tmp.resolve("e")), ALL);
    ControlCoverage.Control a84 = byId(data.models().get(CREDIT).controls()).get("A.8.4");
    assertEquals(Status.GAP, a84.status());
    ControlCoverage.Gap g = only(a84);
    assertEquals(GapReason.INCIDENT_NOT_COMMUNICATED, g.reason());
    // of three incidents, two had a delivery delivered; one has no notification record at all
    assertEquals(1, g.count());
    assertEquals(
        List.of(
            "demographic_parity_ratio (warning): demographic_parity_ratio is 0.85 (warning) in"
                + " window 5 [inc-dpr-gender]"),
        g.named());
    assertTrue(a84.byKind().get(EvidenceKind.NOTIFICATION) > 0, "records alone do not meet it");
  }

  @Test
  void anOverdueCorrectiveActionIsAGapOf102() {
    AuditData data = collect(CorrectiveActionFixtures.archive(tmp.resolve("e")), ALL);
    ControlCoverage.Control c102 = byId(data.models().get(CREDIT).controls()).get("10.2");
    ControlCoverage.Gap g = only(c102);
    assertEquals(GapReason.CORRECTIVE_ACTION_OVERDUE, g.reason());
    assertEquals(1, g.count());
    assertTrue(
        g.named().get(0).contains("[" + CorrectiveActionFixtures.INC_FAILED + "]"), g.text());
    assertTrue(g.named().get(0).startsWith("accuracy (critical)"), g.text());
    assertEquals(Status.MET, byId(data.models().get(CHURN).controls()).get("10.2").status());
  }

  @Test
  void aControlWithoutRecordsIsAGapSayingWhatWouldServeIt() {
    // check records only: nothing records the windows' coverage
    AuditData data = collect(ExportFixtures.wideArchive(tmp.resolve("e"), 3, 1), ALL);
    Map<String, ControlCoverage.Control> c = byId(data.models().get("wide").controls());
    assertEquals(Status.MET, c.get("A.6.2.6").status());
    for (String id : List.of("A.6.2.8", "A.7.4")) {
      ControlCoverage.Gap g = only(c.get(id));
      assertEquals(GapReason.NO_EVIDENCE, g.reason());
      assertEquals("no record of the period serves it (expected: coverage)", g.text());
    }
  }

  /**
   * One model, one window with a plan, a check and its coverage, and the deployment of {@code
   * version} with {@code gate} (null: none).
   */
  private Path deploymentArchive(String name, DeploymentEvidence.GateRef gate) {
    Map<Path, List<String>> files = new java.util.LinkedHashMap<>();
    ExportFixtures.Chain c = new ExportFixtures.Chain(CHURN);
    long start = ExportFixtures.windowStart(0);
    long end = ExportFixtures.windowEnd(0);
    com.fasterxml.jackson.databind.node.ObjectNode plan =
        new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
    plan.put("plan_digest", ExportFixtures.planDigest(CHURN));
    plan.put("model_id", CHURN);
    plan.put("summary", "monitoring plan of " + CHURN);
    c.add(EvidenceKind.MONITORING_PLAN, end, null, null, plan);
    com.fasterxml.jackson.databind.node.ObjectNode check =
        ExportFixtures.check(CHURN, 0, "psi", "tenure", null, null, 0.01, 0.25, "ok");
    check.put("plan_digest", ExportFixtures.planDigest(CHURN));
    c.add(EvidenceKind.CHECK, end, start, end, check);
    com.fasterxml.jackson.databind.node.ObjectNode cov =
        new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
    cov.put("window_start", java.time.Instant.ofEpochMilli(start).toString());
    cov.put("window_end", java.time.Instant.ofEpochMilli(end).toString());
    cov.put("events", 1000);
    cov.put("checks", 1);
    cov.put("breaches", 0);
    c.add(EvidenceKind.COVERAGE, end, start, end, cov);
    c.add(end, start, end, DeploymentEvidence.of("7", start, end, 1000, gate));
    c.seal(files, start, end);
    Path dir = tmp.resolve(name);
    ExportFixtures.write(dir, files);
    return dir;
  }

  @Test
  void aVersionDeployedWithoutAPassingGateIsAGapOfA624AndA625() {
    String digest = "ab".repeat(32);
    for (DeploymentEvidence.GateRef gate :
        java.util.Arrays.asList(
            null, new DeploymentEvidence.GateRef(GateVerdict.FAIL, digest, 0L, digest, digest))) {
      AuditData data = collect(deploymentArchive(gate == null ? "none" : "failed", gate), ALL);
      Map<String, ControlCoverage.Control> c = byId(data.models().get(CHURN).controls());
      for (String id : List.of("A.6.2.4", "A.6.2.5")) {
        ControlCoverage.Gap g = only(c.get(id));
        assertEquals(GapReason.VERSION_WITHOUT_GATE, g.reason());
        assertEquals(
            "1 version deployed without a passing pre-deployment gate: version 7 (first seen in"
                + " the window from 2026-01-01T00:00:00Z): "
                + (gate == null ? "no gate record" : "its latest gate record is fail"),
            g.text());
        assertEquals(Map.of(EvidenceKind.DEPLOYMENT, 1L), c.get(id).byKind());
      }
      assertEquals(Status.MET, c.get("9.1").status());
    }
    // a passing gate meets both
    AuditData gated =
        collect(
            deploymentArchive(
                "passed",
                new DeploymentEvidence.GateRef(GateVerdict.PASS, digest, 0L, digest, digest)),
            ALL);
    Map<String, ControlCoverage.Control> c = byId(gated.models().get(CHURN).controls());
    assertEquals(Status.MET, c.get("A.6.2.4").status());
    assertEquals(Status.MET, c.get("A.6.2.5").status());
    // no version first seen in the period: not exercised, not a gap
    Map<String, ControlCoverage.Control> clean =
        byId(
            collect(ExportFixtures.archive(tmp.resolve("clean"), Set.of(), true), ALL)
                .models()
                .get(CHURN)
                .controls());
    assertEquals(Status.NOT_EXERCISED, clean.get("A.6.2.4").status());
    assertEquals(Status.NOT_EXERCISED, clean.get("A.6.2.5").status());
  }

  @Test
  void namedItemsAreBoundedAndCounted() {
    ControlCoverage.Gap g =
        new ControlCoverage.Gap(GapReason.INCIDENT_NOT_COMMUNICATED, 25, 25, List.of("a", "b"));
    assertEquals(
        "25 incidents never communicated (no notification delivered): a; b; and 23 more", g.text());
  }
}
