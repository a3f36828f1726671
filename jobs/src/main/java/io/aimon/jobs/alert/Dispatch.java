package io.aimon.jobs.alert;

import io.aimon.alerting.incident.IncidentEvent;

/**
 * One incident event to deliver.
 *
 * @param event the event
 * @param resend true when it is the periodic re-send of an open incident's latest event, which goes
 *     only to notifiers that need it (Alertmanager)
 */
public record Dispatch(IncidentEvent event, boolean resend) {}
