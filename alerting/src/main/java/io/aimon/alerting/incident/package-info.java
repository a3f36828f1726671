/**
 * The incident model: the series a check result belongs to ({@link
 * io.aimon.alerting.incident.SeriesKey}), incident events ({@link
 * io.aimon.alerting.incident.IncidentEvent}), their deterministic ids ({@link
 * io.aimon.alerting.incident.IncidentIds}), one-line summaries and their CloudEvents 1.0 JSON form
 * ({@link io.aimon.alerting.incident.CloudEvents}). Immutable values, no state, no Flink.
 */
package io.aimon.alerting.incident;
