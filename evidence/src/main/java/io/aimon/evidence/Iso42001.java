package io.aimon.evidence;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The ISO/IEC 42001:2023 clauses and Annex A controls each kind of evidence serves, as data (the
 * table "ISO 42001 mapping" of DESIGN.md).
 *
 * <table>
 *   <caption>Mapping</caption>
 *   <tr><th>kind</th><th>clauses</th><th>controls</th></tr>
 *   <tr><td>{@code check}</td><td>9.1</td><td>A.6.2.6</td></tr>
 *   <tr><td>{@code coverage}</td><td>9.1</td><td>A.6.2.8, A.7.4</td></tr>
 *   <tr><td>{@code incident}</td><td>10.2</td><td>A.8.4</td></tr>
 *   <tr><td>{@code notification}</td><td>10.2</td><td>A.8.4</td></tr>
 *   <tr><td>{@code corrective_action}</td><td>10.2</td><td>none</td></tr>
 *   <tr><td>{@code state_loss}</td><td>9.1, 10.2</td><td>A.6.2.6, A.6.2.8</td></tr>
 *   <tr><td>{@code monitoring_plan}</td><td>9.1</td><td>A.6.2.6</td></tr>
 *   <tr><td>{@code deployment}</td><td>none</td><td>A.6.2.4, A.6.2.5</td></tr>
 * </table>
 *
 * <p>Every record carries the ids it was written with, so a later change to this table does not
 * change (or invalidate the hashes of) records already written.
 */
public final class Iso42001 {
  private static final Map<EvidenceKind, List<String>> CLAUSES = new EnumMap<>(EvidenceKind.class);
  private static final Map<EvidenceKind, List<String>> CONTROLS = new EnumMap<>(EvidenceKind.class);
  private static final Map<String, String> TITLES;

  static {
    CLAUSES.put(EvidenceKind.CHECK, List.of("9.1"));
    CONTROLS.put(EvidenceKind.CHECK, List.of("A.6.2.6"));
    CLAUSES.put(EvidenceKind.COVERAGE, List.of("9.1"));
    CONTROLS.put(EvidenceKind.COVERAGE, List.of("A.6.2.8", "A.7.4"));
    CLAUSES.put(EvidenceKind.INCIDENT, List.of("10.2"));
    CONTROLS.put(EvidenceKind.INCIDENT, List.of("A.8.4"));
    CLAUSES.put(EvidenceKind.NOTIFICATION, List.of("10.2"));
    CONTROLS.put(EvidenceKind.NOTIFICATION, List.of("A.8.4"));
    CLAUSES.put(EvidenceKind.CORRECTIVE_ACTION, List.of("10.2"));
    CONTROLS.put(EvidenceKind.CORRECTIVE_ACTION, List.of());
    CLAUSES.put(EvidenceKind.STATE_LOSS, List.of("9.1", "10.2"));
    CONTROLS.put(EvidenceKind.STATE_LOSS, List.of("A.6.2.6", "A.6.2.8"));
    CLAUSES.put(EvidenceKind.MONITORING_PLAN, List.of("9.1"));
    CONTROLS.put(EvidenceKind.MONITORING_PLAN, List.of("A.6.2.6"));
    CLAUSES.put(EvidenceKind.DEPLOYMENT, List.of());
    CONTROLS.put(EvidenceKind.DEPLOYMENT, List.of("A.6.2.4", "A.6.2.5"));

    Map<String, String> titles = new LinkedHashMap<>();
    titles.put("9.1", "Monitoring, measurement, analysis and evaluation");
    titles.put("10.2", "Nonconformity and corrective action");
    titles.put("A.6.2.6", "AI system operation and monitoring");
    titles.put("A.6.2.8", "AI system recording of event logs");
    titles.put("A.7.4", "Quality of data for AI systems");
    titles.put("A.8.4", "Communication of incidents");
    titles.put("A.6.2.4", "AI system verification and validation");
    titles.put("A.6.2.5", "AI system deployment");
    TITLES = Collections.unmodifiableMap(titles);
  }

  private Iso42001() {}

  /** The management-system clauses {@code kind} is evidence for, e.g. {@code ["9.1"]}. */
  public static List<String> clauses(EvidenceKind kind) {
    return CLAUSES.get(Objects.requireNonNull(kind, "kind"));
  }

  /** The Annex A controls {@code kind} is evidence for; empty for corrective actions. */
  public static List<String> controls(EvidenceKind kind) {
    return CONTROLS.get(Objects.requireNonNull(kind, "kind"));
  }

  /**
   * A short title for every clause and control id used above, clauses first, e.g. {@code "9.1" ->
   * "Monitoring, measurement, analysis and evaluation"}.
   */
  public static Map<String, String> titles() {
    return TITLES;
  }
}
