package io.aimon.evidence.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.config.AimonConfig;
import io.aimon.config.ConfigLoader;
import io.aimon.evidence.payload.EvidenceCodec;
import io.aimon.evidence.payload.MonitoringPlanEvidence;
import io.aimon.evidence.payload.MonitoringPlanEvidence.PlannedCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan says what the configuration monitors, how, when, who evaluates it, where it alerts. */
class MonitoringPlansTest {
  @TempDir Path tmp;

  private static final String CONFIG =
      """
      notify:
        notifiers:
          - name: oncall
            type: pagerduty
            routing_key: env:PD_KEY
          - name: team-slack
            type: slack
            webhook_url: env:SLACK_URL
        routes:
          - severities: [critical]
            notifiers: [oncall]
          - models: [churn]
            notifiers: [team-slack]
      models:
        - id: credit-risk
          version: "7"
          owner: risk-ml
          contacts: [risk-ml-oncall@example.com, "@risk-ml"]
          window: 1h
          reference:
            events: reference.jsonl
          features:
            numeric: [income]
            categorical: [region]
          fairness:
            attributes: [gender]
          checks:
            psi: {warning: PSI_WARNING, critical: 0.25}
          feature_checks:
            income:
              ks: {p_warning: 0.02, p_critical: 0.01}
        - id: churn
          reference:
            events: reference.jsonl
          features:
            numeric: [monthly_charges]
      """;

  private AimonConfig config(String psiWarning) throws Exception {
    Files.writeString(tmp.resolve("reference.jsonl"), "");
    Path file = tmp.resolve("aimon.yaml");
    Files.writeString(file, CONFIG.replace("PSI_WARNING", psiWarning));
    return ConfigLoader.load(file);
  }

  @Test
  void thePlanNamesEveryCheckItsRuleTheWindowOwnerAndRoutes() throws Exception {
    AimonConfig config = config("0.1");
    MonitoringPlanEvidence p =
        MonitoringPlans.of(config, config.models().get(0), "ab".repeat(32), "0.1.0");
    assertEquals("credit-risk", p.modelId());
    assertEquals("7", p.modelVersion());
    assertEquals("1h", p.window());
    assertEquals(List.of("income"), p.numericFeatures());
    assertEquals(List.of("gender"), p.fairnessAttributes());
    assertEquals("risk-ml", p.owner());
    assertEquals(List.of("risk-ml-oncall@example.com", "@risk-ml"), p.contacts());
    assertTrue(
        p.checks().contains(new PlannedCheck("psi", null, "warning >= 0.1, critical >= 0.25")),
        p.checks().toString());
    assertTrue(
        p.checks()
            .contains(
                new PlannedCheck(
                    "ks",
                    "income",
                    "p-value: warning < 0.02, critical < 0.01, when the statistic >= 0.1")),
        p.checks().toString());
    assertTrue(
        p.checks().stream()
            .anyMatch(c -> c.metric().equals("accuracy") && c.rule().startsWith("drop")),
        "performance against the reference: " + p.checks());
    // the champion/challenger comparison of windows several versions serve, with its rules
    assertTrue(
        p.checks()
            .contains(
                new PlannedCheck(
                    "challenger_psi",
                    null,
                    "each challenger version against the champion (the version with the most"
                        + " events of the window): warning >= 0.1, critical >= 0.25")),
        p.checks().toString());
    assertTrue(
        p.checks().stream()
            .anyMatch(
                c ->
                    c.metric().equals("challenger_accuracy")
                        && c.rule().contains("drop from the champion's value")),
        p.checks().toString());
    // only the routes that can match the model, notifiers by name and type, no secret
    assertEquals(List.of("severity critical, any metric -> oncall (pagerduty)"), p.alertRoutes());
    assertTrue(p.alertPolicy().startsWith("warning after 2 of 3 windows breach"), p.alertPolicy());
    assertTrue(
        p.checks().contains(new PlannedCheck("wasserstein", null, MonitoringPlans.NO_THRESHOLD)),
        "measured without a threshold: " + p.checks());
    assertTrue(p.checks().stream().noneMatch(c -> c.metric().equals("mae")), "regression only");
    assertEquals(config.digest(), p.configDigest());
    assertEquals(EvidenceCodec.planDigest(p), p.planDigest());
  }

  @Test
  void anLlmModelsPlanNamesItsErrorRateCostAndFinishReasonChecks() throws Exception {
    Files.writeString(tmp.resolve("reference.jsonl"), "");
    Path file = tmp.resolve("aimon.yaml");
    Files.writeString(
        file,
        """
        input:
          format: otlp
        models:
          - id: gpt-4o-mini
            reference:
              events: reference.jsonl
            features:
              numeric: [prompt_tokens]
            checks:
              cost: {warning: 50, critical: 100}
            llm:
              finish_reasons:
                length: {warning: 0.1, critical: 0.2}
              price:
                prompt_per_million_tokens: 0.15
                completion_per_million_tokens: 0.6
        """);
    AimonConfig config = ConfigLoader.load(file);
    List<PlannedCheck> checks =
        MonitoringPlans.of(config, config.models().get(0), "ab".repeat(32), "0.1.0").checks();
    assertTrue(
        checks.contains(new PlannedCheck("error_rate", null, "warning >= 0.05, critical >= 0.1")),
        checks.toString());
    assertTrue(
        checks.contains(
            new PlannedCheck(
                "cost",
                null,
                "(prompt tokens x 0.15 + completion tokens x 0.6) / 1e6 USD per window, "
                    + "warning >= 50, critical >= 100")),
        checks.toString());
    assertTrue(
        checks.contains(
            new PlannedCheck(
                "finish_reason_rate",
                null,
                "share of calls that ended with 'length': warning >= 0.1, critical >= 0.2")),
        checks.toString());
    AimonConfig tabular = config("0.1");
    assertTrue(
        MonitoringPlans.of(tabular, tabular.models().get(0), "ab".repeat(32), "0.1.0")
            .checks()
            .stream()
            .noneMatch(c -> c.metric().equals("error_rate")),
        "events that are no LLM calls have no error_rate");
  }

  @Test
  void theDigestIsTheSameForTheSameConfigAndChangesWithEveryChange() throws Exception {
    AimonConfig a = config("0.1");
    String digest = MonitoringPlans.of(a, a.models().get(0), "ab".repeat(32), "0.1.0").planDigest();
    assertEquals(
        digest,
        MonitoringPlans.of(config("0.1"), a.models().get(0), "ab".repeat(32), "0.1.0")
            .planDigest());
    AimonConfig b = config("0.12");
    assertNotEquals(
        digest,
        MonitoringPlans.of(b, b.models().get(0), "ab".repeat(32), "0.1.0").planDigest(),
        "a changed threshold");
    // the plan names the config file it comes from: any change of the file is a new plan
    Files.writeString(
        tmp.resolve("aimon.yaml"), "# a comment\n" + Files.readString(tmp.resolve("aimon.yaml")));
    AimonConfig commented = ConfigLoader.load(tmp.resolve("aimon.yaml"));
    MonitoringPlanEvidence p =
        MonitoringPlans.of(commented, commented.models().get(0), "ab".repeat(32), "0.1.0");
    assertEquals(commented.digest(), p.configDigest());
    assertNotEquals(digest, p.planDigest());
    assertNotEquals(
        digest,
        MonitoringPlans.of(a, a.models().get(0), "cd".repeat(32), "0.1.0").planDigest(),
        "another reference");
  }

  @Test
  void thePlanRoundTripsThroughTheCodec() throws Exception {
    AimonConfig config = config("0.1");
    MonitoringPlanEvidence p =
        MonitoringPlans.of(config, config.models().get(1), "cd".repeat(32), "0.1.0");
    assertEquals(p, EvidenceCodec.decode(EvidenceCodec.VERSION, p.kind(), EvidenceCodec.encode(p)));
    assertEquals(
        List.of(
            "severity critical, any metric -> oncall (pagerduty)",
            "any severity, any metric -> team-slack (slack)"),
        p.alertRoutes());
    assertTrue(
        p.checks().stream().noneMatch(c -> c.metric().startsWith("demographic")),
        "no fairness checks without fairness attributes");
    assertEquals(null, p.owner());
  }
}
