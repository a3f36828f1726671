package io.aimon.evidence.export;

import io.aimon.evidence.ArchiveVerifier;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code report.html}: one self-contained page (inline CSS and SVG only: no script, font, image or
 * style sheet is fetched) for a management review (ISO/IEC 42001 clause 9.3 input).
 *
 * <p>It opens with an executive summary: the period, the models monitored, windows covered vs
 * expected and whether they are contiguous, check results by status, incidents by severity and
 * state, how the incidents were communicated (notifications), nonconformities by grade and the
 * state of their corrective actions, the clauses and controls with evidence, and the trend against
 * the previous period of equal length when the archive holds it. Then the archive's verification,
 * and a section per model ({@link ModelSection}). Every text from the archive is escaped.
 *
 * <p>It prints on A4: in print ({@code @media print}) tables take the page's width and every cell
 * may wrap anywhere (ids and hashes included; headers at word ends), so no table is wider than the
 * page.
 */
final class HtmlReport {
  /** Problems listed in the page; verification.txt lists them all. */
  static final int MAX_PROBLEMS = 50;

  private static final String CSS =
      """
      body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;
      margin:0 auto;max-width:1100px;padding:1.5em;color:#1d2733;line-height:1.4}
      h1{font-size:1.6em;margin-bottom:.2em}h2{border-bottom:2px solid #d5dbe3;padding-bottom:.2em;
      margin-top:1.8em}h3{margin-top:1.4em}
      table{border-collapse:collapse;margin:.5em 0 1em}th,td{border:1px solid #d5dbe3;
      padding:.25em .6em;text-align:left;vertical-align:top}th{background:#f1f4f8}
      td.num{text-align:right;font-variant-numeric:tabular-nums}
      table.kv th{width:13em}.muted{color:#5b6776}.members{color:#5b6776;font-size:.88em}.note{color:#5b6776;font-size:.92em}
      .status{font-weight:600}.status.ok,.status.met,.status.resolved,.status.verified{color:#2e7d32}
      .status.warning{color:#b55d00}.status.critical,.status.gap,.status.open,
      .status.not-verified{color:#c62828}.status.insufficient-data{color:#5b6776}
      .status.closed,.status.verified-effective{color:#2e7d32}.status.overdue,.status.ineffective,
      .status.major{color:#c62828}.status.pending,.status.minor{color:#b55d00}
      .status.observation,.status.ungraded,.status.none,.status.not-exercised{color:#5b6776}
      td.gap-reasons ul{margin:0;padding-left:1.1em}
      .status.delivered,span.delivered{color:#2e7d32}.status.failed-permanent,
      .status.failed-exhausted,.status.dropped,span.failed{color:#c62828}
      tr.failed td{background:#fdecea}caption{text-align:left;font-weight:600;padding:.2em 0}
      tr.gap td{background:#fdecea}.up{color:#c62828}.down{color:#2e7d32}
      .banner{padding:.6em 1em;border-radius:4px;margin:1em 0}
      .banner.verified{background:#e8f5e9}.banner.not-verified{background:#fdecea}
      figure{margin:1em 0}figcaption{font-size:.95em;margin-bottom:.2em}
      svg.chart{background:#fff;max-width:100%;height:auto}
      svg.chart .frame{fill:none;stroke:#c3cad4}svg.chart .series{fill:none;stroke:#1f5fa8;
      stroke-width:1.6}svg.chart .threshold{stroke-dasharray:5 4;fill:none;stroke-width:1.2}svg.chart .threshold-label,svg.chart .axis{font-size:11px;fill:#5b6776}
      svg.chart .point{fill:#1f5fa8}svg.chart .breach.warning{fill:#ef8a00}
      svg.chart .breach.critical{fill:#c62828}svg.chart .threshold.warning{stroke:#ef8a00}
      svg.chart .threshold.critical{stroke:#c62828}svg.chart .threshold-label.warning{fill:#b55d00}
      svg.chart .threshold-label.critical{fill:#c62828}svg.chart .tick{stroke:#eef1f5}
      details{margin:.3em 0}code{font-size:.92em}td{overflow-wrap:anywhere}
      @page{size:A4;margin:12mm}
      @media print{body{max-width:none;padding:0;font-size:8.5pt}table{width:100%}
      th,td{padding:.15em .3em}table.kv th{width:9em}h2{break-after:avoid}
      tr,figure{break-inside:avoid}svg.chart{width:100%;height:auto}.banner{border:1px solid #d5dbe3}}
      """;

  private HtmlReport() {}

  static void write(AuditData data, List<String> files, Writer w) throws IOException {
    AuditExport.Selection sel = data.selection();
    String scope = sel.modelId() == null ? "all models" : "model " + sel.modelId();
    w.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    w.write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    w.write(
        "<title>"
            + Html.esc("aimon evidence report " + period(data) + ", " + scope)
            + "</title>\n<style>\n"
            + CSS
            + "</style>\n</head>\n<body>\n");
    w.write("<header>\n<h1>AI monitoring evidence report</h1>\n");
    w.write(
        "<p class=\"muted\">aimon audit export of "
            + Html.esc(scope)
            + ", records with a time from "
            + Html.esc(Fmt.iso(Fmt.clampDate(sel.from())))
            + " (inclusive) to "
            + Html.esc(Fmt.iso(Fmt.clampDate(sel.to())))
            + " (exclusive). ISO/IEC 42001:2023 clauses 9.1 and 10.2, Annex A controls A.6.2.6,"
            + " A.6.2.8, A.7.4, A.8.4.</p>\n</header>\n");
    ExecutiveSummary.write(data, w);
    verification(data, w);
    int index = 0;
    for (ModelAudit m : data.models().values()) {
      ModelSection.write(m, ++index, data, w);
    }
    w.write("<footer>\n<h2>About this bundle</h2>\n<p>Files: ");
    w.write(
        files.stream()
            .map(f -> "<code>" + Html.esc(f) + "</code>")
            .collect(Collectors.joining(", ")));
    w.write(
        ", <code>report.html</code>. <code>records.jsonl</code> holds the selected records exactly"
            + " as archived, in model and seq order; each carries its SHA-256 hash and the hash of"
            + " the record before it, and the Ed25519-signed manifests in"
            + " <code>manifests.jsonl</code> list those hashes, so the records can be checked"
            + " without aimon. <code>verification.txt</code> is the verification of the whole"
            + " archive at export; <code>oscal-assessment-results.json</code> the same evidence"
            + " as OSCAL 1.0.6 assessment results.</p>\n</footer>\n</body>\n</html>\n");
  }

  static String period(AuditData data) {
    return Fmt.iso(data.periodStart()) + " to " + Fmt.iso(data.periodEnd());
  }

  private static void verification(AuditData data, Writer w) throws IOException {
    ArchiveVerifier.Report v = data.verification();
    w.write("<section id=\"verification\">\n<h2>Evidence integrity</h2>\n");
    w.write(
        "<div class=\"banner "
            + (v.intact() ? "verified" : "not-verified")
            + "\">"
            + (v.intact()
                ? "The whole archive verified when it was exported: every record hash, hash chain,"
                    + " manifest and signature held."
                : "The archive did <strong>not</strong> verify when it was exported: "
                    + Html.esc(Fmt.plural(v.integrityProblems().size(), "problem"))
                    + ". The exported records may have been altered, or evidence is missing.")
            + "</div>\n");
    w.write(
        "<p>"
            + Html.esc(v.summary())
            + ". Manifest signing key ids: "
            + Html.esc(String.join(", ", VerificationFiles.allKeyIds(data)))
            + (data.trustedKeyId() == null
                ? Html.esc(
                    ". No trusted key was given: signatures were checked against the keys the manifests embed, which shows the archive is intact but not who signed it.")
                : Html.esc(". Trusted key: " + data.trustedKeyId() + "."))
            + "</p>\n");
    problems(w, v.integrityProblems(), "problems", null);
    problems(
        w,
        v.coverageGaps(),
        "coverage-gaps",
        "Coverage gaps (not integrity problems): windows between covered ones that the job did"
            + " not evaluate, so no evidence was written for them.");
    w.write("</section>\n");
  }

  /** A list of problems (at most {@link #MAX_PROBLEMS}), after an optional note; none: nothing. */
  private static void problems(
      Writer w, List<ArchiveVerifier.Problem> list, String cssClass, String note)
      throws IOException {
    if (list.isEmpty()) {
      return;
    }
    if (note != null) {
      w.write("<p class=\"note\">" + Html.esc(note) + "</p>\n");
    }
    w.write("<ul class=\"" + cssClass + "\">\n");
    for (ArchiveVerifier.Problem p : list.subList(0, Math.min(MAX_PROBLEMS, list.size()))) {
      w.write(
          "<li><strong>"
              + Html.esc(p.kind().name())
              + "</strong> "
              + Html.esc(p.message())
              + "</li>\n");
    }
    w.write("</ul>\n");
    if (list.size() > MAX_PROBLEMS) {
      w.write(
          "<p class=\"note\">" + (list.size() - MAX_PROBLEMS) + " more in verification.txt.</p>\n");
    }
  }
}
