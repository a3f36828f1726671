/**
 * Alert policy, incidents and notifiers. Pure Java, no Flink. {@link io.aimon.alerting.policy}
 * turns check results into incident events; {@link io.aimon.alerting.incident} holds the incident
 * model and its CloudEvents JSON form; {@link io.aimon.alerting.notify} builds the requests for
 * Alertmanager, PagerDuty, Slack and webhooks, routes incidents to them and delivers with timeouts,
 * retries and backoff. The Flink alert job that drives the notifiers comes next.
 */
package io.aimon.alerting;
