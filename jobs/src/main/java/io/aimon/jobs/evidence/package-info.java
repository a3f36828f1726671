/**
 * The monitor job's evidence writer: check results, window coverage and incident events become
 * hash-chained evidence records per model (the pure chain and signing live in {@code
 * io.aimon.evidence}), with a signed manifest per closed window, written to a partitioned JSON
 * Lines archive and a Kafka topic.
 */
package io.aimon.jobs.evidence;
