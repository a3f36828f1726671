package io.aimon.evidence.export;

import io.aimon.evidence.ArchiveVerifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * The audit export: the evidence of a period, for all models or one, from an evidence archive, as a
 * bundle an auditor reads and checks without aimon.
 *
 * <pre>{@code
 * long from = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
 * long to = Instant.parse("2026-04-01T00:00:00Z").toEpochMilli();
 * ExportSummary s = AuditExport.export(Path.of("evidence"), new AuditExport.Selection(from, to, null),
 *     Path.of("audit-2026-Q1.zip"), Ed25519Keys.readPublic(Path.of("aimon-evidence.pub")),
 *     (done, total) -> bar.stepTo(done));
 * System.out.println(s.records() + " records, verified " + s.verified());
 * }</pre>
 *
 * <p>The bundle, a directory or a zip file, holds:
 *
 * <table>
 *   <caption>Bundle files</caption>
 *   <tr><th>file</th><th>what</th></tr>
 *   <tr><td>{@value #RECORDS_JSONL}</td><td>the selected records exactly as archived, in model
 *       then seq order</td></tr>
 *   <tr><td>{@value #RECORDS_CSV}</td><td>one row per selected record (RFC 4180; columns in
 *       {@link RecordsCsv})</td></tr>
 *   <tr><td>{@value #MANIFESTS_JSONL}</td><td>the signed manifests listing the hash of at least
 *       one selected record, as archived, each followed by its RFC 3161 time stamps</td></tr>
 *   <tr><td>{@value #VERIFICATION_TXT}, {@value #VERIFICATION_JSON}</td><td>{@link
 *       ArchiveVerifier#verify} of the whole archive at export: every problem, the models, the
 *       signing key ids</td></tr>
 *   <tr><td>{@value #OSCAL_JSON}</td><td>OSCAL 1.0.6 assessment results: observations per model
 *       and metric and of each incident's notifications, a finding and a risk (its corrective
 *       action) per incident</td></tr>
 *   <tr><td>{@value #REPORT_HTML}</td><td>a self-contained page for a management review:
 *       executive summary, coverage, charts, incidents with their notifications and corrective
 *       actions, the ISO/IEC 42001 clause mapping</td></tr>
 * </table>
 *
 * <p>The export is deterministic: the same archive, selection and trusted key give byte-identical
 * files, and a byte-identical zip (entries carry the period's end as their time). It never changes
 * the archive. It holds the selected records' lines in memory (about their size on disk), not the
 * rest of the archive.
 */
public final class AuditExport {
  public static final String RECORDS_JSONL = "records.jsonl";
  public static final String RECORDS_CSV = "records.csv";
  public static final String MANIFESTS_JSONL = "manifests.jsonl";
  public static final String VERIFICATION_TXT = "verification.txt";
  public static final String VERIFICATION_JSON = "verification.json";
  public static final String OSCAL_JSON = "oscal-assessment-results.json";
  public static final String REPORT_HTML = "report.html";

  private AuditExport() {}

  /**
   * What to export: the records whose {@code time} (a window's end for checks and coverage, the
   * event time for incidents and their notifications) lies in {@code [from, to)}, of one model or
   * all.
   *
   * @param from epoch ms, inclusive
   * @param to epoch ms, exclusive, after {@code from}
   * @param modelId the model, or null for every model of the archive
   */
  public record Selection(long from, long to, String modelId) {
    public Selection {
      if (to <= from) {
        throw new IllegalArgumentException("to: expected after from (" + from + "), found " + to);
      }
      if (modelId != null && modelId.isBlank()) {
        throw new IllegalArgumentException(
            "modelId: expected a model id or null (all models), found a blank string");
      }
    }

    /** Whether a record of {@code modelId} with this {@code time} is selected. */
    public boolean includes(String modelId, long time) {
      return time >= from && time < to && (this.modelId == null || this.modelId.equals(modelId));
    }
  }

  /**
   * Exports the selection of the archive at {@code archiveDir} into {@code out}.
   *
   * @param archiveDir the evidence archive: {@code *.jsonl} files under it, recursively
   * @param selection what to export
   * @param out a directory (created if missing; bundle files in it are replaced, others left
   *     alone), or a zip file when its name ends with {@code .zip} (replaced); outside the archive
   * @param trusted the public key the manifests must be signed with, or null to check each manifest
   *     against the key it embeds (integrity, not origin)
   * @param progress receives (done, total) counts of archive lines, or null: total is twice the
   *     archive's lines (records and manifests); the first half advances as lines are read after
   *     the verification, the second as the selected lines are written ({@code done} jumps over the
   *     lines not selected), ending at (total, total)
   * @return what was written
   * @throws IllegalArgumentException when {@code archiveDir} is not a directory of {@code *.jsonl}
   *     files, {@code selection.modelId()} is not a model of the archive, or {@code out} is inside
   *     the archive, a file where a directory is wanted or a directory where a zip is wanted
   * @throws UncheckedIOException when reading the archive or writing the bundle fails
   */
  public static ExportSummary export(
      Path archiveDir,
      Selection selection,
      Path out,
      PublicKey trusted,
      BiConsumer<Long, Long> progress) {
    return export(archiveDir, selection, out, trusted, null, progress);
  }

  /**
   * As above, checking the manifests' RFC 3161 time stamps against {@code trustedTsa}, the
   * certificate of the TSA trusted to stamp them (null: the certificate each token carries, the TSA
   * unproven).
   */
  public static ExportSummary export(
      Path archiveDir,
      Selection selection,
      Path out,
      PublicKey trusted,
      X509Certificate trustedTsa,
      BiConsumer<Long, Long> progress) {
    Objects.requireNonNull(archiveDir, "archiveDir");
    Objects.requireNonNull(selection, "selection");
    Objects.requireNonNull(out, "out");
    Path archive = archiveDir.toAbsolutePath().normalize();
    if (out.toAbsolutePath().normalize().startsWith(archive)) {
      throw new IllegalArgumentException(
          out + ": expected a place outside the archive " + archiveDir + ", found one inside it");
    }
    ArchiveVerifier.Report report = ArchiveVerifier.verify(archiveDir, trusted, trustedTsa);
    if (selection.modelId() != null && !report.models().containsKey(selection.modelId())) {
      throw new IllegalArgumentException(
          "modelId: expected one of the archive's models "
              + report.models().keySet()
              + ", found '"
              + selection.modelId()
              + "'");
    }
    long lines =
        report.models().values().stream().mapToLong(m -> m.records() + m.manifests()).sum()
            + report.problems().stream()
                .filter(p -> p.kind() == ArchiveVerifier.Kind.UNREADABLE)
                .count();
    ProgressCounter counter = new ProgressCounter(progress, 2 * lines);
    counter.report();
    AuditData data = AuditData.collect(archiveDir, selection, report, trusted, counter);
    counter.advanceTo(lines);
    counter.advanceTo(2 * lines - data.records().size() - data.manifestCount());
    try {
      return write(data, out, counter);
    } catch (IOException e) {
      throw new UncheckedIOException(out + ": cannot write the export: " + e, e);
    }
  }

  private static ExportSummary write(AuditData data, Path out, ProgressCounter counter)
      throws IOException {
    Map<String, String> hashes = new LinkedHashMap<>();
    BundleWriter bundle = BundleWriter.open(out, data.periodEnd());
    try (bundle) {
      hashes.put(
          RECORDS_JSONL,
          bundle.write(
              RECORDS_JSONL,
              w -> {
                for (ExportRecord r : data.records()) {
                  w.write(r.line());
                  w.write('\n');
                  counter.advance(1);
                }
              }));
      hashes.put(
          RECORDS_CSV,
          bundle.write(
              RECORDS_CSV,
              w -> {
                RecordsCsv.writeHeader(w);
                for (ExportRecord r : data.records()) {
                  RecordsCsv.write(w, r);
                }
              }));
      hashes.put(
          MANIFESTS_JSONL,
          bundle.write(
              MANIFESTS_JSONL,
              w -> {
                for (String line : data.manifests()) {
                  w.write(line);
                  w.write('\n');
                  counter.advance(1);
                }
              }));
      hashes.put(
          VERIFICATION_TXT,
          bundle.write(VERIFICATION_TXT, w -> VerificationFiles.writeText(data, w)));
      hashes.put(
          VERIFICATION_JSON,
          bundle.write(VERIFICATION_JSON, w -> JsonOutput.write(VerificationFiles.json(data), w)));
      bundle.write(
          OSCAL_JSON, w -> JsonOutput.write(OscalAssessmentResults.build(data, hashes), w));
      List<String> dataFiles = List.copyOf(bundle.files());
      bundle.write(REPORT_HTML, w -> HtmlReport.write(data, dataFiles, w));
    }
    counter.finish();
    return new ExportSummary(
        data.records().size(),
        data.manifestCount(),
        data.modelsWithRecords().size(),
        data.verification().intact(),
        bundle.bytes(),
        bundle.files(),
        ControlStatement.of(data.controls()));
  }

  /** A one-sentence description of a bundle file, for the OSCAL back-matter. */
  static String describe(String file) {
    return switch (file) {
      case RECORDS_JSONL ->
          "The selected evidence records exactly as archived, in model then seq order.";
      case RECORDS_CSV -> "One row per selected evidence record (RFC 4180).";
      case MANIFESTS_JSONL ->
          "The Ed25519-signed manifests listing the hashes of the selected records, each followed"
              + " by its RFC 3161 time stamp when it has one.";
      case VERIFICATION_TXT -> "The verification of the whole archive at export, as text.";
      case VERIFICATION_JSON ->
          "The verification of the whole archive at export: problems, models, signing key ids.";
      default -> file;
    };
  }

  /** The media type of a bundle file. */
  static String mediaType(String file) {
    if (file.endsWith(".jsonl")) {
      return "application/jsonl";
    }
    if (file.endsWith(".csv")) {
      return "text/csv";
    }
    if (file.endsWith(".json")) {
      return "application/json";
    }
    if (file.endsWith(".html")) {
      return "text/html";
    }
    return "text/plain";
  }
}
