package io.aimon.evidence.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The risks of {@link OscalAssessmentResults}: one per incident, its corrective action (ISO/IEC
 * 42001 clause 10.2), which the incident's finding names in {@code related-risks}.
 *
 * <ul>
 *   <li>{@code status} from {@link CorrectiveActionStatus#riskStatus()}: open, investigating
 *       (acknowledged, or a note, root cause or planned action recorded), remediating (an action
 *       applied), closed;
 *   <li>{@code statement} and props: grade in effect (and who overrode it, why), acknowledgement,
 *       root cause, effectiveness, open or closed, overdue;
 *   <li>{@code remediations}: one per planned ({@code action}, lifecycle planned) or applied
 *       ({@code action_applied}, lifecycle completed) action, with the verdict on an applied one;
 *   <li>{@code risk-log}: one entry per corrective-action record, logged by its operator (a party
 *       of the metadata, {@link #parties}), with the status it changed the risk to.
 * </ul>
 */
final class OscalRisks {
  private final Function<String, String> uuid;

  /**
   * @param uuid the document's UUID of a name (version 5, named from the export's content)
   */
  OscalRisks(Function<String, String> uuid) {
    this.uuid = uuid;
  }

  /** The UUID of the party an operator is: depends on the name only, the same in every export. */
  static String partyUuid(String actor) {
    return NameUuid.of("aimon-party|" + actor);
  }

  /** The operators named by the selected corrective-action records, as metadata parties. */
  static ArrayNode parties(AuditData data) {
    Set<String> actors = new TreeSet<>();
    for (ExportRecord r : data.records()) {
      if (r.action() != null && r.action().actor() != null) {
        actors.add(r.action().actor());
      }
    }
    ArrayNode out = JsonOutput.array();
    for (String a : actors) {
      ObjectNode p = out.addObject();
      p.put("uuid", partyUuid(a));
      p.put("type", "person");
      p.put("name", a);
      p.put("remarks", "An operator who recorded corrective actions (aimon incident ...).");
    }
    return out;
  }

  /** The UUID of the risk of an incident. */
  String riskUuid(String modelId, String incidentId) {
    return uuid.apply("risk|" + modelId + "|" + incidentId);
  }

  /** The risk of {@code inc}, an incident of {@code modelId}. */
  ObjectNode risk(String modelId, IncidentHistory inc) {
    CorrectiveActionStatus s = inc.corrective();
    ObjectNode r = JsonOutput.object();
    r.put("uuid", riskUuid(modelId, inc.incidentId()));
    String series = inc.seriesText();
    r.put(
        "title",
        "Corrective action of incident "
            + inc.incidentId()
            + (series.isEmpty() ? "" : " (" + series + ")")
            + " of model "
            + modelId);
    r.put(
        "description",
        "Nonconformity: "
            + (inc.summary() == null
                ? "incident " + inc.incidentId() + " of model " + modelId
                : inc.summary())
            + (series.isEmpty() ? "" : " (series " + series + ")")
            + ".");
    r.put("statement", statement(s));
    ArrayNode props = JsonOutput.array();
    OscalAssessmentResults.prop(props, "incident-id", inc.incidentId());
    OscalAssessmentResults.prop(props, "model-id", modelId);
    OscalAssessmentResults.prop(props, "grade", s.grade());
    OscalAssessmentResults.prop(
        props,
        "grade-source",
        s.override() != null ? "override" : s.ruleGrade() != null ? "rule" : "none");
    OscalAssessmentResults.prop(props, "rule-grade", s.ruleGrade());
    if (s.override() != null) {
      OscalAssessmentResults.prop(props, "grade-set-by", s.override().action().actor());
      OscalAssessmentResults.prop(props, "grade-reason", s.override().action().reason());
    }
    if (s.acknowledged() != null) {
      OscalAssessmentResults.prop(props, "acknowledged-by", s.acknowledged().action().actor());
      OscalAssessmentResults.prop(props, "acknowledged-at", Fmt.iso(s.acknowledged().time()));
    }
    if (s.rootCause() != null) {
      OscalAssessmentResults.prop(props, "root-cause", s.rootCause().action().text());
    }
    OscalAssessmentResults.prop(props, "effectiveness", s.effectiveness());
    OscalAssessmentResults.prop(props, "corrective-action", s.open() ? "open" : "closed");
    OscalAssessmentResults.prop(props, "overdue", Boolean.toString(s.overdue()));
    if (s.closed() != null) {
      OscalAssessmentResults.prop(props, "closed-by", s.closed().action().actor());
      OscalAssessmentResults.prop(props, "closed-at", Fmt.iso(s.closed().time()));
    }
    OscalAssessmentResults.setIfAny(r, "props", props);
    r.put("status", s.riskStatus());
    String key = modelId + "|" + inc.incidentId();
    Map<Long, String> responses = new HashMap<>();
    OscalAssessmentResults.setIfAny(r, "remediations", remediations(key, inc.actions(), responses));
    ArrayNode entries = log(key, inc.actions(), responses);
    if (!entries.isEmpty()) {
      r.putObject("risk-log").set("entries", entries);
    }
    return r;
  }

  private static String statement(CorrectiveActionStatus s) {
    StringBuilder b =
        new StringBuilder("Grade in effect: ").append(s.grade()).append(s.gradeNote()).append(". ");
    b.append(
        s.acknowledged() == null
            ? "Not acknowledged in the period. "
            : "Acknowledged " + CorrectiveActionStatus.byAt(s.acknowledged()) + ". ");
    b.append(
        s.rootCause() == null
            ? "No root cause recorded in the period. "
            : "Root cause: "
                + s.rootCause().action().text()
                + " ("
                + CorrectiveActionStatus.byAt(s.rootCause())
                + "). ");
    b.append("Effectiveness: ").append(s.effectiveness());
    if (s.applied() != null) {
      b.append(" (latest action applied ")
          .append(CorrectiveActionStatus.byAt(s.applied()))
          .append(')');
    }
    b.append(". ");
    if (s.closed() != null) {
      b.append("Closed ").append(CorrectiveActionStatus.byAt(s.closed())).append('.');
    } else {
      b.append("Open at the end of the period").append(s.overdue() ? "; overdue: major." : ".");
    }
    return b.toString();
  }

  /** A response per planned or applied action; fills {@code responses} (seq to UUID). */
  private ArrayNode remediations(
      String key, List<ExportRecord> actions, Map<Long, String> responses) {
    ArrayNode out = JsonOutput.array();
    for (int i = 0; i < actions.size(); i++) {
      ExportRecord a = actions.get(i);
      CorrectiveEvent e = a.action();
      boolean applied = e.isAction("action_applied");
      if (!applied && !e.isAction("action")) {
        continue;
      }
      String id = uuid.apply("remediation|" + key + "|" + a.seq());
      responses.put(a.seq(), id);
      ObjectNode o = out.addObject();
      o.put("uuid", id);
      o.put("lifecycle", applied ? "completed" : "planned");
      o.put(
          "title",
          (applied ? "Corrective action applied " : "Corrective action planned ")
              + CorrectiveActionStatus.byAt(a));
      o.put("description", e.text() != null ? e.text() : a.summary());
      ArrayNode props = JsonOutput.array();
      OscalAssessmentResults.prop(props, "action-id", e.actionId());
      OscalAssessmentResults.prop(props, "action-type", e.actionType());
      OscalAssessmentResults.prop(props, "actor", e.actor());
      OscalAssessmentResults.prop(props, "time", Fmt.iso(a.time()));
      if (applied) {
        OscalAssessmentResults.prop(props, "effectiveness", verdict(actions, i));
      }
      OscalAssessmentResults.setIfAny(o, "props", props);
      if (e.actor() != null) {
        ObjectNode actor = o.putArray("origins").addObject().putArray("actors").addObject();
        actor.put("type", "party");
        actor.put("actor-uuid", partyUuid(e.actor()));
      }
    }
    return out;
  }

  /**
   * The verdict on the action applied at {@code actions[applied]}: the last effectiveness before
   * the next action applied (a new attempt).
   */
  private static String verdict(List<ExportRecord> actions, int applied) {
    String v = actions.get(applied).action().effectiveness();
    for (int i = applied + 1; i < actions.size(); i++) {
      CorrectiveEvent e = actions.get(i).action();
      if (e.isAction("action_applied")) {
        break;
      }
      if (e.effectiveness() != null) {
        v = e.effectiveness();
      }
    }
    return v == null ? "pending" : v;
  }

  private ArrayNode log(String key, List<ExportRecord> actions, Map<Long, String> responses) {
    ArrayNode out = JsonOutput.array();
    String status = "open";
    for (int i = 0; i < actions.size(); i++) {
      ExportRecord a = actions.get(i);
      CorrectiveEvent e = a.action();
      ObjectNode o = out.addObject();
      o.put("uuid", uuid.apply("risk-log|" + key + "|" + a.seq()));
      o.put("title", e.event() + (e.actionType() == null ? "" : " " + e.actionType()));
      if (a.summary() != null) {
        o.put("description", a.summary());
      }
      o.put("start", Fmt.iso(Fmt.clampDate(a.time())));
      ArrayNode props = JsonOutput.array();
      OscalAssessmentResults.prop(props, "event", e.event());
      OscalAssessmentResults.prop(props, "action-type", e.actionType());
      OscalAssessmentResults.prop(props, "action-id", e.actionId());
      OscalAssessmentResults.prop(props, "actor", e.actor());
      OscalAssessmentResults.prop(props, "grade", e.grade());
      OscalAssessmentResults.prop(props, "reason", e.reason());
      OscalAssessmentResults.prop(props, "effectiveness", e.effectiveness());
      OscalAssessmentResults.prop(props, "seq", Long.toString(a.seq()));
      OscalAssessmentResults.setIfAny(o, "props", props);
      if (e.actor() != null) {
        o.putArray("logged-by").addObject().put("party-uuid", partyUuid(e.actor()));
      }
      String after = CorrectiveActionStatus.of(actions.subList(0, i + 1)).riskStatus();
      if (!after.equals(status)) {
        o.put("status-change", after);
        status = after;
      }
      String response = responses.get(a.seq());
      if (response != null) {
        o.putArray("related-responses").addObject().put("response-uuid", response);
      }
      if (e.text() != null) {
        o.put("remarks", e.text());
      }
    }
    return out;
  }
}
