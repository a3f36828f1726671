package io.aimon.jobs.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Synthetic inference events and their labels for two demo models, with a switchable drift phase.
 * Deterministic for a seed. Labels follow the model's score (a calibrated model) except in the
 * drift phase, where {@code credit-risk}'s outcomes stop following its score for 40% of events (a
 * performance drop) and its scores for {@code gender=F} are halved (the selection rate of one group
 * falls). Also in the drift phase, {@code credit-risk}'s income rises and its region mix shifts;
 * {@code churn}'s monthly charges rise and its contract mix shifts. Other features stay put.
 *
 * <p>{@code credit-risk}'s debt ratio moves with age (correlation {@link #DEBT_AGE_CORRELATION}).
 * With {@link #withCorrelationShift}, in the recovery phase it moves against it (the opposite
 * correlation) while the marginal distributions of both stay exactly as they were: a change of how
 * features move together that per-feature drift checks cannot see and the multivariate
 * reconstruction error does.
 *
 * <p>With {@link #withCanary}, a share {@link #CANARY_SHARE} of {@code churn}'s events is served by
 * the canary version {@link #CANARY_VERSION}, whose customers are newer (tenure around 12 months
 * against 30): a canary that drifts from the stable version in every phase, and is never gated.
 */
public final class DemoGenerator {
  /** The demo's phases. */
  public enum Phase {
    NORMAL,
    DRIFT,
    RECOVERY
  }

  public static final String CREDIT = "credit-risk";
  public static final String CHURN = "churn";
  public static final List<String> MODELS = List.of(CREDIT, CHURN);

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String[] REGIONS = {"north", "south", "east", "west"};
  private static final double[] REGION_NORMAL = {0.4, 0.3, 0.2, 0.1};
  private static final double[] REGION_DRIFT = {0.15, 0.15, 0.2, 0.5};
  private static final String[] CHANNELS = {"web", "branch", "partner"};
  private static final double[] CHANNEL_MIX = {0.6, 0.3, 0.1};
  private static final String[] PLANS = {"basic", "standard", "premium"};
  private static final double[] PLAN_MIX = {0.5, 0.35, 0.15};
  private static final String[] CONTRACTS = {"monthly", "annual", "two_year"};
  private static final double[] CONTRACT_NORMAL = {0.55, 0.3, 0.15};
  private static final double[] CONTRACT_DRIFT = {0.85, 0.1, 0.05};

  /** The canary version of {@code churn}. */
  public static final String CANARY_VERSION = "8";

  /** The share of {@code churn}'s events the canary serves: 0.25. */
  public static final double CANARY_SHARE = 0.25;

  /** The correlation of {@code credit-risk}'s debt ratio with age (before clipping): 0.8. */
  public static final double DEBT_AGE_CORRELATION = 0.8;

  private final SplittableRandom random;
  private long sequence;
  private boolean canary;
  private boolean correlationShift;

  public DemoGenerator(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** This generator, with {@code churn}'s canary serving {@link #CANARY_SHARE} of its events. */
  public DemoGenerator withCanary() {
    this.canary = true;
    return this;
  }

  /**
   * This generator, with {@code credit-risk}'s debt ratio moving against age in the recovery phase.
   */
  public DemoGenerator withCorrelationShift() {
    this.correlationShift = true;
    return this;
  }

  /**
   * One inference event (without its label) and, separately, its label event.
   *
   * @param event the inference event as a JSON line
   * @param label the label event as a JSON line, stamped labelDelayMillis after the event
   */
  public record Generated(String event, String label) {}

  /** One inference event of the model with its label inline, as a JSON line. */
  public String event(String model, long timestampMillis, Phase phase) {
    return generate(model, timestampMillis, phase, 0, true).event();
  }

  /** One inference event of the model and its label event, observed labelDelayMillis later. */
  public Generated generate(
      String model, long timestampMillis, Phase phase, long labelDelayMillis, boolean inline) {
    boolean drift = phase == Phase.DRIFT;
    ObjectNode e = MAPPER.createObjectNode();
    e.put("inference_id", model + "-" + (++sequence));
    e.put("model_id", model);
    e.put("timestamp", Instant.ofEpochMilli(timestampMillis).toString());
    ObjectNode f = e.putObject("features");
    double z;
    String gender = "";
    if (model.equals(CREDIT)) {
      e.put("model_version", "3");
      double income = Math.exp(10.8 + 0.45 * random.nextGaussian() + (drift ? 0.5 : 0));
      double debtNoise = random.nextGaussian();
      double ageZ = random.nextGaussian();
      double rho =
          correlationShift && phase == Phase.RECOVERY
              ? -DEBT_AGE_CORRELATION
              : DEBT_AGE_CORRELATION;
      // the same N(0, 1) marginal whatever rho: rho * ageZ + sqrt(1 - rho^2) * noise
      double debtZ = rho * ageZ + Math.sqrt(1 - rho * rho) * debtNoise;
      double debt = Math.min(1, Math.max(0, 0.35 + 0.12 * debtZ));
      double age = Math.round(Math.max(18, 41 + 12 * ageZ));
      f.put("income", Math.round(income));
      f.put("debt_ratio", Math.round(debt * 1000) / 1000.0);
      f.put("age", (long) age);
      f.put("region", pick(REGIONS, drift ? REGION_DRIFT : REGION_NORMAL));
      f.put("channel", pick(CHANNELS, CHANNEL_MIX));
      gender = random.nextBoolean() ? "F" : "M";
      e.putObject("groups").put("gender", gender);
      z = 0.0 + 3.0 * (debt - 0.35) - 0.8 * (Math.log(income) - 10.8) + 0.2 * random.nextGaussian();
    } else {
      boolean isCanary = canary && random.nextDouble() < CANARY_SHARE;
      e.put("model_version", isCanary ? CANARY_VERSION : "7");
      double tenure =
          Math.round(
              Math.max(0, (isCanary ? 12 : 30) + (isCanary ? 8 : 20) * random.nextGaussian()));
      double charges = Math.max(10, 65 + 20 * random.nextGaussian()) * (drift ? 1.35 : 1.0);
      f.put("tenure_months", (long) tenure);
      f.put("monthly_charges", Math.round(charges * 100) / 100.0);
      f.put("plan", pick(PLANS, PLAN_MIX));
      String contract = pick(CONTRACTS, drift ? CONTRACT_DRIFT : CONTRACT_NORMAL);
      f.put("contract", contract);
      z =
          -0.5
              - 0.04 * (tenure - 30)
              + 0.03 * (charges - 65)
              + (contract.equals("monthly") ? 0.6 : -0.4);
    }
    double truth = 1 / (1 + Math.exp(-z));
    boolean creditDrift = drift && model.equals(CREDIT);
    double score = creditDrift && gender.equals("F") ? truth / 2 : truth;
    int label = random.nextDouble() < truth ? 1 : 0;
    if (creditDrift && random.nextDouble() < 0.4) {
      label = 1 - label;
    }
    e.put("score", Math.round(score * 1e6) / 1e6);
    e.put("prediction", score >= 0.5 ? 1 : 0);
    e.put("latency_ms", Math.round(5 + 20 * random.nextDouble()));
    if (inline) {
      e.put("label", label);
    }
    ObjectNode l = MAPPER.createObjectNode();
    l.put("inference_id", e.get("inference_id").asText());
    l.put("model_id", model);
    l.put("label", label);
    l.put("timestamp", Instant.ofEpochMilli(timestampMillis + labelDelayMillis).toString());
    return new Generated(e.toString(), l.toString());
  }

  /** A malformed record of one of several kinds, to show the dead-letter output at work. */
  public String badRecord(long timestampMillis) {
    String ts = Instant.ofEpochMilli(timestampMillis).toString();
    return switch ((int) (sequence++ % 4)) {
      case 0 -> "{\"inference_id\":\"broken\",\"model_id\":\"" + CREDIT + "\",";
      case 1 ->
          "{\"inference_id\":\"x\",\"model_id\":\"fraud-v1\",\"timestamp\":\""
              + ts
              + "\",\"features\":{},\"prediction\":1}";
      case 2 ->
          "{\"inference_id\":\"y\",\"model_id\":\""
              + CHURN
              + "\",\"timestamp\":\"yesterday\","
              + "\"features\":{},\"prediction\":0}";
      default ->
          "{\"inference_id\":\"z\",\"model_id\":\""
              + CHURN
              + "\",\"timestamp\":\""
              + ts
              + "\",\"features\":{},\"prediction\":0,\"score\":\"high\"}";
    };
  }

  private String pick(String[] values, double[] weights) {
    double u = random.nextDouble();
    double acc = 0;
    for (int i = 0; i < values.length; i++) {
      acc += weights[i];
      if (u < acc) {
        return values[i];
      }
    }
    return values[values.length - 1];
  }

  /** The demo config for a broker, with reference files in the same directory. */
  public static String config(String bootstrapServers, String alertmanagerUrl) {
    return """
        # aimon demo config, written by `aimon demo`
        kafka:
          bootstrap_servers: "%s"
          group_id: aimon-demo
        job:
          checkpoint_interval: 2s
          out_of_orderness: 1s
          idleness: 5s
        notify:
          resend_interval: 20s        # demo only: Alertmanager's default resolve timeout is 5m
          notifiers:
            - name: alertmanager
              type: alertmanager
              url: "%s"
        models:
          - id: credit-risk
            version: "3"
            owner: demo-risk-team
            contacts: [risk-oncall@example.com]
            window: 10s
            min_samples: 100
            reference:
              events: reference-credit-risk.jsonl.gz
            features:
              numeric: [income, debt_ratio, age]
              categorical: [region, channel]
            fairness:
              attributes: [gender]
            labels:
              max_delay: 20s
            checks:
              demographic_parity_ratio: {warning: 0.8, critical: 0.7}
            change_detection:
              series: [income, error]   # ADWIN flags the income shift and the jump in errors
              severity: critical        # a flagged change pages at once
          - id: churn
            version: "7"
            owner: demo-retention-team
            contacts: [retention-oncall@example.com]
            window: 10s
            min_samples: 30             # the canary serves about 50 events a window
            reference:
              events: reference-churn.jsonl.gz
            features:
              numeric: [tenure_months, monthly_charges]
              categorical: [plan, contract]
            labels:
              max_delay: 20s
        """
        .formatted(bootstrapServers, alertmanagerUrl);
  }
}
