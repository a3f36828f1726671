/**
 * Kafka: the embedded KRaft broker of the demo and tests, and the sources and exactly-once sinks
 * the jobs read and write.
 */
package io.aimon.jobs.kafka;
