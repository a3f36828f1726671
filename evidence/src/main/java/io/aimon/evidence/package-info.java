/**
 * Tamper-evident monitoring evidence for ISO/IEC 42001 audits: evidence records tied to clauses and
 * controls, one hash chain per model, Ed25519-signed manifests, and an archive verifier. Pure Java,
 * no Flink.
 *
 * <ul>
 *   <li>{@link io.aimon.evidence.EvidenceRecord}: one piece of evidence (a check, a window's
 *       coverage, an incident event, a corrective action), layout version 1, one JSON line.
 *   <li>{@link io.aimon.evidence.HashChain}: appends records to a model's chain; its state is two
 *       values, kept in Flink keyed state.
 *   <li>{@link io.aimon.evidence.Manifest}: per closed window, the signed list of the hashes
 *       written since the previous manifest.
 *   <li>{@link io.aimon.evidence.Ed25519Keys}: signing keys and their PEM files.
 *   <li>{@link io.aimon.evidence.ArchiveVerifier}: reads an archive of {@code *.jsonl} files and
 *       reports modified, deleted, inserted, reordered and truncated evidence, bad signatures, more
 *       than one signer, skipped links and unreadable lines (integrity), and coverage gaps apart.
 *   <li>{@link io.aimon.evidence.ArchiveFiles} and {@link io.aimon.evidence.BoundedLines}: which
 *       files of an archive are read (no symbolic link is followed) and how (lines streamed, at
 *       most 16 MiB kept).
 * </ul>
 *
 * <p>Hashes and signatures are over the RFC 8785 (JSON Canonicalization Scheme) form, so the JSON
 * text may be re-spaced or its members reordered without breaking them; any change of a value
 * breaks them.
 */
package io.aimon.evidence;
