/**
 * The self-contained demo: an embedded Kafka broker, a generator with injected drift, the monitor
 * and alert jobs on local MiniClusters, a stand-in Alertmanager and an on-call operator, with a
 * console that prints what happens.
 */
package io.aimon.jobs.demo;
