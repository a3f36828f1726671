/**
 * Alert policy, incidents and notifiers (Alertmanager, PagerDuty, Slack, webhooks). Pure Java, no
 * Flink. {@link io.aimon.alerting.policy} turns check results into incident events; {@link
 * io.aimon.alerting.incident} holds the incident model and its CloudEvents JSON form. Notifiers
 * come next.
 */
package io.aimon.alerting;
