/**
 * Alert policy, incidents and notifiers (Alertmanager, PagerDuty, Slack, webhooks). Pure Java, no
 * Flink. Empty in this release: check results are written, incidents come next.
 */
package io.aimon.alerting;
