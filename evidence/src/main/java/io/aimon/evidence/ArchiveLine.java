package io.aimon.evidence;

/**
 * One line of a model's evidence archive: an {@link EvidenceRecord} or a {@link Manifest}, what
 * {@link ChainWriter} emits and the archive's sinks write, or a {@link ManifestTimestamp} of a
 * manifest, a {@link Deletion} of retention, or a {@link Gate} record of a candidate version.
 */
public sealed interface ArchiveLine
    permits EvidenceRecord, Manifest, ManifestTimestamp, Deletion, Gate {
  /** The model whose chain the line belongs to (the archive's {@code model=} partition). */
  String modelId();

  /** Epoch ms whose UTC date is the archive's {@code date=} partition. */
  long archiveTime();

  /** The line's JSON, one line without a line break. */
  String toJson();
}
