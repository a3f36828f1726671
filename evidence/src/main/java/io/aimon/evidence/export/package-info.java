/**
 * The audit export: the evidence of a period (and optionally one model) of an evidence archive as a
 * bundle an auditor reads without aimon: the records as archived ({@code records.jsonl}) and as a
 * table ({@code records.csv}), the manifests that sign them, the verification of the whole archive
 * at export time, an OSCAL 1.0.6 assessment-results document and a self-contained HTML report for a
 * management review (ISO/IEC 42001 clause 9.3).
 *
 * <p>The entry point is {@link io.aimon.evidence.export.AuditExport#export}; everything else in the
 * package is a package-private helper. The export is deterministic: the same archive, selection and
 * trusted key give byte-identical files (no clock, no randomness; UUIDs are name-based).
 */
package io.aimon.evidence.export;
