/**
 * The monitor job: decode, watermarks, per-model windows, outcome windows with the label join, the
 * alert policy and the evidence graph; each Flink function moves data between Flink state and a
 * pure object of the detectors, alerting or evidence module.
 */
package io.aimon.jobs.monitor;
