package io.aimon.evidence.export;

import java.util.List;

/**
 * What {@link AuditExport#export} wrote.
 *
 * @param records evidence records exported (lines of {@code records.jsonl}, rows of {@code
 *     records.csv})
 * @param manifests manifests exported (lines of {@code manifests.jsonl}): those signing at least
 *     one exported record
 * @param models models with at least one exported record
 * @param verified whether the whole archive was intact at export ({@link
 *     io.aimon.evidence.ArchiveVerifier.Report#intact()}): with a trusted key, also who signed;
 *     coverage gaps do not make it false
 * @param bytes size of the bundle: the zip file's, or the sum of the files' in a directory
 * @param files the bundle's file names, in the order written
 * @param controls every clause and control of the period's control coverage, over all exported
 *     models, in the report's order
 */
public record ExportSummary(
    long records,
    long manifests,
    int models,
    boolean verified,
    long bytes,
    List<String> files,
    List<ControlStatement> controls) {
  public ExportSummary {
    if (records < 0 || manifests < 0 || models < 0 || bytes < 0) {
      throw new IllegalArgumentException(
          "records, manifests, models, bytes: expected >= 0, found "
              + records
              + ", "
              + manifests
              + ", "
              + models
              + ", "
              + bytes);
    }
    files = List.copyOf(files);
    controls = List.copyOf(controls);
  }
}
