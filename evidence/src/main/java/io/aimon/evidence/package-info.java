/**
 * Evidence records tied to ISO/IEC 42001 clauses: hash chain, signing, verification and export.
 * Pure Java, no Flink. Empty in this release.
 */
package io.aimon.evidence;
