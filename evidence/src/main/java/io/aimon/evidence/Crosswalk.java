package io.aimon.evidence;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The EU AI Act articles and NIST AI RMF 1.0 subcategories each kind of evidence serves, beside the
 * ISO/IEC 42001 clauses and controls of {@link Iso42001}, as data. Records carry only their ISO ids
 * (fixed when written); the crosswalk is applied from a record's kind when it is exported, so it
 * can grow without touching the archive.
 *
 * <table>
 *   <caption>Crosswalk</caption>
 *   <tr><th>kind</th><th>EU AI Act</th><th>NIST AI RMF</th></tr>
 *   <tr><td>{@code check}</td><td>Art. 12, Art. 72</td><td>MEASURE 2.4, MEASURE 2.11</td></tr>
 *   <tr><td>{@code coverage}</td><td>Art. 12, Art. 72</td><td>MEASURE 2.4</td></tr>
 *   <tr><td>{@code incident}</td><td>Art. 72, Art. 73</td><td>MANAGE 4.1</td></tr>
 *   <tr><td>{@code notification}</td><td>Art. 72</td><td>MANAGE 4.1</td></tr>
 *   <tr><td>{@code corrective_action}</td><td>Art. 72, Art. 73</td><td>MANAGE 4.1</td></tr>
 *   <tr><td>{@code state_loss}</td><td>Art. 12</td><td>MEASURE 2.4</td></tr>
 *   <tr><td>{@code monitoring_plan}</td><td>Art. 72</td><td>MANAGE 4.1</td></tr>
 *   <tr><td>{@code deployment}</td><td>Art. 12</td><td>MEASURE 2.3</td></tr>
 * </table>
 *
 * <p>MEASURE 2.11 (fairness and bias evaluated) is served by the fairness checks among the check
 * records; the crosswalk maps kinds, so it names every check.
 */
public final class Crosswalk {
  /** A framework mapped to. */
  public enum Framework {
    EU_AI_ACT("EU AI Act (Regulation (EU) 2024/1689)"),
    NIST_AI_RMF("NIST AI RMF 1.0 (NIST AI 100-1)");

    private final String title;

    Framework(String title) {
      this.title = title;
    }

    public String title() {
      return title;
    }
  }

  /**
   * One article or subcategory.
   *
   * @param framework its framework
   * @param id e.g. {@code Art. 72}, {@code MEASURE 2.4}
   * @param title what it asks, in short
   */
  public record Ref(Framework framework, String id, String title) {
    public Ref {
      Objects.requireNonNull(framework, "framework");
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(title, "title");
    }
  }

  public static final Ref ART_12 =
      new Ref(Framework.EU_AI_ACT, "Art. 12", "Record-keeping: automatic logging of events");
  public static final Ref ART_72 =
      new Ref(
          Framework.EU_AI_ACT,
          "Art. 72",
          "Post-market monitoring by providers and the post-market monitoring plan");
  public static final Ref ART_73 =
      new Ref(Framework.EU_AI_ACT, "Art. 73", "Reporting of serious incidents");
  public static final Ref MEASURE_2_3 =
      new Ref(
          Framework.NIST_AI_RMF,
          "MEASURE 2.3",
          "Performance criteria are measured and demonstrated for conditions similar to deployment");
  public static final Ref MEASURE_2_4 =
      new Ref(
          Framework.NIST_AI_RMF,
          "MEASURE 2.4",
          "The functionality and behavior of the AI system are monitored in production");
  public static final Ref MEASURE_2_11 =
      new Ref(
          Framework.NIST_AI_RMF,
          "MEASURE 2.11",
          "Fairness and bias are evaluated and the results documented");
  public static final Ref MANAGE_4_1 =
      new Ref(
          Framework.NIST_AI_RMF,
          "MANAGE 4.1",
          "Post-deployment monitoring plans are implemented, incident response included");

  private static final Map<EvidenceKind, List<Ref>> REFS = new EnumMap<>(EvidenceKind.class);

  static {
    REFS.put(EvidenceKind.CHECK, List.of(ART_12, ART_72, MEASURE_2_4, MEASURE_2_11));
    REFS.put(EvidenceKind.COVERAGE, List.of(ART_12, ART_72, MEASURE_2_4));
    REFS.put(EvidenceKind.INCIDENT, List.of(ART_72, ART_73, MANAGE_4_1));
    REFS.put(EvidenceKind.NOTIFICATION, List.of(ART_72, MANAGE_4_1));
    REFS.put(EvidenceKind.CORRECTIVE_ACTION, List.of(ART_72, ART_73, MANAGE_4_1));
    REFS.put(EvidenceKind.STATE_LOSS, List.of(ART_12, MEASURE_2_4));
    REFS.put(EvidenceKind.MONITORING_PLAN, List.of(ART_72, MANAGE_4_1));
    REFS.put(EvidenceKind.DEPLOYMENT, List.of(ART_12, MEASURE_2_3));
  }

  private Crosswalk() {}

  /** The articles and subcategories {@code kind} serves, EU AI Act first. */
  public static List<Ref> of(EvidenceKind kind) {
    return REFS.get(Objects.requireNonNull(kind, "kind"));
  }

  /** The ids {@code kind} serves in {@code framework}, e.g. {@code [Art. 12, Art. 72]}. */
  public static List<String> ids(EvidenceKind kind, Framework framework) {
    List<String> out = new ArrayList<>();
    for (Ref r : of(kind)) {
      if (r.framework() == framework) {
        out.add(r.id());
      }
    }
    return out;
  }

  /** Every article and subcategory of the crosswalk, once, by framework then id. */
  public static List<Ref> all() {
    Map<String, Ref> out = new LinkedHashMap<>();
    for (Ref r :
        List.of(ART_12, ART_72, ART_73, MEASURE_2_3, MEASURE_2_4, MEASURE_2_11, MANAGE_4_1)) {
      out.put(r.id(), r);
    }
    return Collections.unmodifiableList(new ArrayList<>(out.values()));
  }
}
