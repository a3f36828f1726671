/**
 * Delivery of incident events to people and systems: notifiers for Alertmanager ({@link
 * io.aimon.alerting.notify.AlertmanagerNotifier}), PagerDuty ({@link
 * io.aimon.alerting.notify.PagerDutyNotifier}), Slack ({@link
 * io.aimon.alerting.notify.SlackNotifier}) and CloudEvents webhooks ({@link
 * io.aimon.alerting.notify.WebhookNotifier}); reliable, asynchronous sending with retries ({@link
 * io.aimon.alerting.notify.DeliveryService}, {@link io.aimon.alerting.notify.DeliveryPolicy});
 * routing of events to notifiers ({@link io.aimon.alerting.notify.Router}); and secrets read from
 * the environment or files ({@link io.aimon.alerting.notify.Secret}). Pure Java ({@code
 * java.net.http}) and Jackson, no Flink.
 *
 * <pre>{@code
 * Notifier slack = new SlackNotifier(Secret.of("env:AIMON_SLACK_WEBHOOK"));
 * Router router = new Router(List.of(Route.all(List.of("slack"))), List.of(slack));
 * try (DeliveryService service = DeliveryService.builder().build()) {
 *   for (Notifier n : router.route(event)) {
 *     service.send(n, event); // never blocks; completes with a Delivery
 *   }
 * }
 * }</pre>
 */
package io.aimon.alerting.notify;
