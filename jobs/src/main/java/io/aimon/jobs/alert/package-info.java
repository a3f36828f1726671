/**
 * The alert job: reads the incident events the monitor job committed and delivers them to
 * Alertmanager, PagerDuty, Slack and webhooks as the {@code notify} config routes them, re-sending
 * open incidents to receivers that forget them, and recording every delivery. Thin Flink wiring
 * over {@code io.aimon.alerting.notify}.
 */
package io.aimon.jobs.alert;
