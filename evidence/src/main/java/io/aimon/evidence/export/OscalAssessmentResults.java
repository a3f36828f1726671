package io.aimon.evidence.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aimon.evidence.ArchiveVerifier;
import io.aimon.evidence.Iso42001;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code oscal-assessment-results.json}: the export as an OSCAL 1.0.6 assessment-results document
 * (it validates against NIST's JSON schema {@code oscal_assessment-results_schema.json} v1.0.6).
 *
 * <p>One result for the period, holding:
 *
 * <ul>
 *   <li>{@code local-definitions.components}: one component per model (the subject of its
 *       observations; its UUID depends on the model id only, so it is the same in every export).
 *   <li>{@code reviewed-controls}: every ISO/IEC 42001 clause and control id of the control
 *       coverage ({@link ControlCoverage}: those of {@link Iso42001#titles()}, then ids only older
 *       records carry), as OSCAL tokens ({@link #controlId}).
 *   <li>{@code observations}: per model and metric, the check results (method TEST) with counts by
 *       status and each series' last value vs threshold; per model, the window coverage; per
 *       incident with notification records, how it was communicated (ISO/IEC 42001 A.8.4, method
 *       EXAMINE: notifiers, deliveries delivered and failed); one for the archive's verification
 *       (method EXAMINE).
 *   <li>{@code risks}: one per incident, its corrective action (ISO/IEC 42001 clause 10.2) with its
 *       status, remediations and risk log ({@link OscalRisks}); the operators who recorded actions
 *       are the metadata's {@code parties}.
 *   <li>{@code findings}: one per incident, targeting its control ({@code a.8.4}), {@code
 *       not-satisfied} while open at the end of the period, {@code satisfied} once resolved (an
 *       incident with corrective-action records only: once closed), naming its risk in {@code
 *       related-risks}, and in {@code related-observations} its metric's observation and the
 *       observation of how it was communicated; props say whether it was notified and how many
 *       deliveries failed, remarks list its events, deliveries and corrective actions. Then one per
 *       clause and control, the statement of applicability: met, not exercised, or a gap with a
 *       {@code gap-reason} prop per reason ({@link #controlFindings}).
 * </ul>
 *
 * <p>The assessment plan is aimon's monitoring plans (the {@code monitoring_plan} records), which
 * have no OSCAL form: {@code import-ap} points at a back-matter resource naming those in force; the
 * bundle's data files are back-matter resources with their SHA-256. UUIDs are version 5, named from
 * the export's content (selection, records' and manifests' hashes), so the same export gives the
 * same document.
 */
final class OscalAssessmentResults {
  static final String OSCAL_VERSION = "1.0.6";

  /** Namespace of aimon's own props. */
  static final String NS = "urn:aimon:evidence";

  private final AuditData data;
  private final Map<String, String> fileHashes;
  private final String docKey;

  private OscalAssessmentResults(AuditData data, Map<String, String> fileHashes) {
    this.data = data;
    this.fileHashes = fileHashes;
    AuditExport.Selection s = data.selection();
    this.docKey =
        "aimon-audit-export|"
            + s.from()
            + "|"
            + s.to()
            + "|"
            + (s.modelId() == null ? "*" : s.modelId())
            + "|"
            + fileHashes;
  }

  /**
   * The document.
   *
   * @param fileHashes SHA-256 of the bundle's data files written before it, by file name, in order
   */
  static ObjectNode build(AuditData data, Map<String, String> fileHashes) {
    return new OscalAssessmentResults(data, new LinkedHashMap<>(fileHashes)).document();
  }

  /**
   * An ISO/IEC 42001 clause or control id as an OSCAL token ({@code
   * ^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$}): lower case ({@code A.8.4} is {@code a.8.4}); ids starting
   * with a digit get the prefix {@code clause-} ({@code 9.1} is {@code clause-9.1}); other
   * characters become {@code -}.
   */
  static String controlId(String id) {
    String s = id.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}._-]", "-");
    if (s.isEmpty() || !(Character.isLetter(s.charAt(0)) || s.charAt(0) == '_')) {
      s = "clause-" + s;
    }
    return s;
  }

  private String uuid(String name) {
    return NameUuid.of(docKey + "|" + name);
  }

  /** The UUID of a model's component: depends on the model id only, the same in every export. */
  static String componentUuid(String modelId) {
    return NameUuid.of("aimon-model|" + modelId);
  }

  private ObjectNode document() {
    ObjectNode root = JsonOutput.object();
    ObjectNode ar = root.putObject("assessment-results");
    ar.put("uuid", uuid("assessment-results"));
    ar.set("metadata", metadata());
    ObjectNode ap = ar.putObject("import-ap");
    ap.put("href", "#" + uuid("resource|assessment-plan"));
    ap.put(
        "remarks",
        "aimon's monitoring configuration (models, metrics, thresholds, windows) is the assessment"
            + " plan; it has no OSCAL form. Each check record carries the digest of the"
            + " configuration and of the reference it was evaluated with.");
    ar.putArray("results").add(result());
    ar.set("back-matter", backMatter());
    return root;
  }

  private ObjectNode metadata() {
    ObjectNode m = JsonOutput.object();
    AuditExport.Selection s = data.selection();
    m.put(
        "title",
        "aimon monitoring evidence "
            + Fmt.iso(data.periodStart())
            + " to "
            + Fmt.iso(data.periodEnd())
            + (s.modelId() == null ? "" : " for model " + s.modelId()));
    m.put("last-modified", Fmt.iso(Fmt.clampDate(data.lastRecordTime())));
    m.put("version", "1");
    m.put("oscal-version", OSCAL_VERSION);
    ArrayNode props = JsonOutput.array();
    prop(props, "selection-from", Fmt.iso(Fmt.clampDate(s.from())));
    prop(props, "selection-to", Fmt.iso(Fmt.clampDate(s.to())));
    if (s.modelId() != null) {
      prop(props, "selection-model-id", s.modelId());
    }
    prop(props, "records", Long.toString(data.records().size()));
    setIfAny(m, "props", props);
    setIfAny(m, "parties", OscalRisks.parties(data));
    m.put(
        "remarks",
        "Exported by aimon from its hash-chained, Ed25519-signed evidence archive (ISO/IEC"
            + " 42001 clauses 9.1 and 10.2, Annex A controls A.6.2.6, A.6.2.8, A.7.4, A.8.4)."
            + " UUIDs are name-based (version 5), so the same export gives the same document.");
    return m;
  }

  private ObjectNode result() {
    ObjectNode r = JsonOutput.object();
    r.put("uuid", uuid("result"));
    List<ModelAudit> models = data.modelsWithRecords();
    OscalObservations obs = new OscalObservations(data, this::uuid);
    r.put(
        "title",
        "Continuous monitoring of "
            + Fmt.plural(data.modelsWithRecords().size(), "AI model")
            + ", "
            + Fmt.iso(data.periodStart())
            + " to "
            + Fmt.iso(data.periodEnd()));
    r.put(
        "description",
        "Automated monitoring by aimon: every evaluated check result (drift, performance, fairness,"
            + " data quality), window coverage, incident lifecycle event, delivery of an incident"
            + " event to a notifier and corrective action of the period, from the evidence"
            + " archive. "
            + verificationSentence());
    r.put("start", Fmt.iso(data.periodStart()));
    r.put("end", Fmt.iso(data.periodEnd()));
    ArrayNode props = JsonOutput.array();
    prop(props, "archive-verified", Boolean.toString(data.verification().intact()));
    prop(
        props,
        "archive-problems",
        Integer.toString(data.verification().integrityProblems().size()));
    prop(
        props,
        "archive-coverage-gaps",
        Integer.toString(data.verification().coverageGaps().size()));
    setIfAny(r, "props", props);
    if (!models.isEmpty()) {
      ArrayNode components = JsonOutput.array();
      for (ModelAudit m : models) {
        ObjectNode c = components.addObject();
        c.put("uuid", componentUuid(m.modelId()));
        c.put("type", "software");
        c.put("title", m.modelId());
        c.put("description", "AI model " + m.modelId() + ", monitored in production by aimon.");
        ArrayNode cp = JsonOutput.array();
        prop(cp, "model-id", m.modelId());
        setIfAny(c, "props", cp);
        c.putObject("status").put("state", "operational");
      }
      r.putObject("local-definitions").set("components", components);
    }
    r.set("reviewed-controls", reviewedControls());
    ArrayNode observations = JsonOutput.array();
    ArrayNode risks = JsonOutput.array();
    ArrayNode findings = JsonOutput.array();
    for (ModelAudit m : models) {
      obs.addModel(m, observations);
    }
    observations.add(obs.verification());
    OscalRisks risk = new OscalRisks(this::uuid);
    for (ModelAudit m : models) {
      for (IncidentHistory inc : m.incidents().values()) {
        risks.add(risk.risk(m.modelId(), inc));
      }
      findings(m, obs, risk, findings);
    }
    controlFindings(findings);
    setIfAny(r, "observations", observations);
    setIfAny(r, "risks", risks);
    setIfAny(r, "findings", findings);
    r.put("remarks", "Archive verification at export: " + data.verification().summary());
    return r;
  }

  private String verificationSentence() {
    ArchiveVerifier.Report v = data.verification();
    int gaps = v.coverageGaps().size();
    String coverage =
        gaps == 0
            ? ""
            : " "
                + Fmt.plural(gaps, "coverage gap")
                + " (windows not evaluated, not an integrity problem; see verification.json).";
    return (v.intact()
            ? "The whole archive verified at export: every hash chain, manifest and signature held."
            : "The archive did NOT verify at export: "
                + Fmt.plural(v.integrityProblems().size(), "problem")
                + " (see verification.json).")
        + coverage;
  }

  private ObjectNode reviewedControls() {
    Set<String> ids = new LinkedHashSet<>();
    data.controls().controls().forEach(c -> ids.add(c.id()));
    ObjectNode rc = JsonOutput.object();
    ArrayNode include = JsonOutput.array();
    ids.forEach(id -> include.addObject().put("control-id", controlId(id)));
    rc.putArray("control-selections").addObject().set("include-controls", include);
    rc.put(
        "remarks",
        "ISO/IEC 42001:2023 clauses and Annex A controls aimon's evidence serves (the findings"
            + " say which were met, not exercised or a gap); ids are lower case, clause numbers"
            + " prefixed with clause-.");
    return rc;
  }

  /**
   * One finding per incident of {@code m} with an event or corrective-action record in the period,
   * naming its risk.
   */
  private void findings(ModelAudit m, OscalObservations obs, OscalRisks risks, ArrayNode out) {
    String model = m.modelId();
    Map<String, List<Series>> byMetric = OscalObservations.byMetric(m);
    for (IncidentHistory inc : m.incidents().values()) {
      CorrectiveActionStatus ca = inc.corrective();
      boolean lifecycle = !inc.events().isEmpty();
      // without lifecycle events in the period, the corrective action's closure decides
      boolean satisfied = lifecycle ? inc.resolved() : !ca.open();
      ObjectNode f = out.addObject();
      f.put("uuid", uuid("finding|" + model + "|" + inc.incidentId()));
      String series = inc.seriesText().isEmpty() ? "" : " " + inc.seriesText();
      f.put(
          "title",
          "Incident " + inc.incidentId() + " (" + inc.severity() + ") of model " + model + series);
      String summary = inc.summary();
      f.put(
          "description",
          summary == null ? "Incident " + inc.incidentId() + " of model " + model + "." : summary);
      ArrayNode props = JsonOutput.array();
      prop(props, "incident-id", inc.incidentId());
      prop(props, "model-id", model);
      prop(props, "severity", inc.severity());
      prop(
          props,
          "state",
          lifecycle ? (inc.resolved() ? "resolved" : "open") : "no event in the period");
      ExportRecord opened = inc.first("opened");
      if (opened != null) {
        prop(props, "opened", Fmt.iso(opened.time()));
      }
      ExportRecord resolved = inc.last("resolved");
      if (resolved != null && inc.resolved()) {
        prop(props, "resolved", Fmt.iso(resolved.time()));
      }
      IncidentCommunication comm = inc.communication();
      prop(props, "communication", comm.notified() ? "notified" : "not notified");
      prop(props, "deliveries-failed", Integer.toString(comm.failures().size()));
      prop(props, "grade", ca.grade());
      prop(props, "corrective-action", ca.open() ? "open" : "closed");
      setIfAny(f, "props", props);
      ObjectNode target = f.putObject("target");
      target.put("type", "objective-id");
      List<String> controls = inc.controls();
      target.put("target-id", controlId(controls.isEmpty() ? "A.8.4" : controls.get(0)));
      ObjectNode status = target.putObject("status");
      status.put("state", satisfied ? "satisfied" : "not-satisfied");
      status.put("reason", satisfied ? "pass" : "fail");
      status.put(
          "remarks",
          lifecycle
              ? (inc.resolved()
                  ? "The incident was resolved within the period."
                  : "The incident was still open at the end of the period.")
              : (satisfied
                  ? "No lifecycle event in the period; its corrective action was closed."
                  : "No lifecycle event in the period; its corrective action was still open."));
      ArrayNode related = JsonOutput.array();
      if (inc.series() != null && byMetric.containsKey(inc.series().metric())) {
        related.addObject().put("observation-uuid", obs.metricUuid(model, inc.series().metric()));
      }
      if (comm.recorded()) {
        related.addObject().put("observation-uuid", obs.communicationUuid(model, inc.incidentId()));
      }
      setIfAny(f, "related-observations", related);
      f.putArray("related-risks")
          .addObject()
          .put("risk-uuid", risks.riskUuid(model, inc.incidentId()));
      StringBuilder remarks = new StringBuilder("Lifecycle:");
      for (ExportRecord e : inc.events()) {
        remarks
            .append('\n')
            .append(Fmt.iso(e.time()))
            .append(' ')
            .append(e.lifecycleStep())
            .append(e.severity() == null ? "" : " " + e.severity())
            .append(e.summary() == null ? "" : ": " + e.summary().replace('\n', ' '));
      }
      for (ExportRecord n : inc.notifications()) {
        remarks.append('\n').append(OscalObservations.deliveryLine(n));
      }
      if (lifecycle && !comm.recorded()) {
        remarks
            .append("\nNot notified: no notification record in the period; ")
            .append(IncidentCommunication.NO_RECORD_REASON)
            .append('.');
      }
      for (ExportRecord a : inc.actions()) {
        remarks
            .append('\n')
            .append(Fmt.iso(a.time()))
            .append(" corrective action ")
            .append(a.action().event())
            .append(a.summary() == null ? "" : ": " + a.summary().replace('\n', ' '));
      }
      f.put("remarks", remarks.toString());
    }
  }

  /**
   * One finding per clause and control over all models (the statement of applicability, {@link
   * ControlCoverage}): {@code satisfied} (reason {@code pass}) when met, {@code not-satisfied}
   * (reason {@code fail}) with a {@code gap-reason} prop per gap and the gaps in its remarks, and
   * {@code satisfied} with reason {@code other} when not exercised (no incident called for it).
   */
  private void controlFindings(ArrayNode out) {
    for (ControlCoverage.Control c : data.controls().controls()) {
      ObjectNode f = out.addObject();
      f.put("uuid", uuid("control|" + c.id()));
      f.put("title", "ISO/IEC 42001 " + c.id() + " " + c.title() + ": " + c.status().text());
      f.put(
          "description",
          switch (c.status()) {
            case MET -> Fmt.plural(c.records(), "record") + " of the period serve it; no gap.";
            case NOT_EXERCISED ->
                "Not exercised: only incidents call for it and the period had none.";
            case GAP -> Fmt.plural(c.gaps().size(), "gap") + " in the period; see the remarks.";
          });
      ArrayNode props = JsonOutput.array();
      prop(props, "control-id", c.id());
      prop(props, "control-status", c.status().text());
      prop(props, "records", Long.toString(c.records()));
      c.byKind().forEach((k, n) -> prop(props, "records-" + k.code().replace('_', '-'), n + ""));
      c.gaps().forEach(g -> prop(props, "gap-reason", g.reason().code()));
      setIfAny(f, "props", props);
      ObjectNode target = f.putObject("target");
      target.put("type", "objective-id");
      target.put("target-id", controlId(c.id()));
      ObjectNode status = target.putObject("status");
      boolean gap = c.status() == ControlCoverage.Status.GAP;
      status.put("state", gap ? "not-satisfied" : "satisfied");
      status.put(
          "reason", gap ? "fail" : c.status() == ControlCoverage.Status.MET ? "pass" : "other");
      StringBuilder remarks = new StringBuilder();
      for (ControlCoverage.Gap g : c.gaps()) {
        remarks.append(remarks.length() == 0 ? "" : "\n").append(g.reason().code()).append(": ");
        remarks.append(g.text());
      }
      if (remarks.length() > 0) {
        f.put("remarks", remarks.toString());
      }
    }
  }

  /**
   * The assessment plan in words: the monitoring plan records in force in the period (they are in
   * records.jsonl), by model and digest, with their owners.
   */
  private String planDescription() {
    StringBuilder b =
        new StringBuilder(
            "The models, features, checks with their threshold rules, windows, owners and alert"
                + " routes aimon monitors, as the signed monitoring_plan records of each chain"
                + " state them (in records.jsonl); every check record names the plan it was judged"
                + " by (plan_digest), the configuration (config_digest) and the reference profile"
                + " (reference_digest).");
    List<String> inForce = new java.util.ArrayList<>();
    for (ModelAudit m : data.models().values()) {
      for (ExportRecord r : m.plansInForce()) {
        inForce.add(
            m.modelId()
                + " plan "
                + (r.planDigest() == null ? "(no digest)" : r.planDigest().substring(0, 12))
                + " recorded "
                + Fmt.iso(r.time()));
      }
    }
    b.append(
        inForce.isEmpty()
            ? " No monitoring plan was recorded for the models of this export."
            : " In force in the period: " + String.join("; ", inForce) + ".");
    return b.toString();
  }

  private ObjectNode backMatter() {
    ObjectNode bm = JsonOutput.object();
    ArrayNode resources = bm.putArray("resources");
    ObjectNode plan = resources.addObject();
    plan.put("uuid", uuid("resource|assessment-plan"));
    plan.put("title", "aimon monitoring plans (the assessment plan)");
    plan.put("description", planDescription());
    for (Map.Entry<String, String> e : fileHashes.entrySet()) {
      ObjectNode res = resources.addObject();
      res.put("uuid", uuid("resource|" + e.getKey()));
      res.put("title", e.getKey());
      res.put("description", AuditExport.describe(e.getKey()));
      ObjectNode link = res.putArray("rlinks").addObject();
      link.put("href", e.getKey());
      link.put("media-type", AuditExport.mediaType(e.getKey()));
      ObjectNode hash = link.putArray("hashes").addObject();
      hash.put("algorithm", "SHA-256");
      hash.put("value", e.getValue());
    }
    return bm;
  }

  /** Adds a prop in aimon's namespace; values are folded to one line, empty ones left out. */
  static void prop(ArrayNode props, String name, String value) {
    if (value == null) {
      return;
    }
    String v = value.replaceAll("\\s+", " ").strip();
    if (v.isEmpty()) {
      return;
    }
    ObjectNode p = props.addObject();
    p.put("name", name);
    p.put("ns", NS);
    p.put("value", v);
  }

  /** Sets {@code field} to {@code array} unless it is empty (OSCAL arrays have minItems 1). */
  static void setIfAny(ObjectNode o, String field, ArrayNode array) {
    if (!array.isEmpty()) {
      o.set(field, array);
    }
  }
}
