package io.aimon.alerting.notify;

import static io.aimon.alerting.notify.NotifierSupport.iso;
import static io.aimon.alerting.notify.NotifierSupport.putIfNotNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aimon.alerting.incident.CloudEvents;
import io.aimon.alerting.incident.IncidentEvent;
import io.aimon.config.Text;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Objects;

/**
 * Sends incident events to PagerDuty through the Events API v2 ({@code POST
 * https://events.pagerduty.com/v2/enqueue}).
 *
 * <pre>{@code
 * Notifier pd = new PagerDutyNotifier(Secret.of("env:AIMON_PAGERDUTY_ROUTING_KEY"));
 * }</pre>
 *
 * <p>{@code opened}, {@code escalated} and {@code updated} send {@code event_action: trigger}; the
 * incident's {@code dedup_key} makes PagerDuty fold them into one alert. A trigger carries {@code
 * routing_key}, {@code event_action}, {@code dedup_key}, {@code client} "aimon", {@code links} (the
 * runbook, when configured) and {@code payload}: {@code summary} (cut to {@value #MAX_SUMMARY}
 * characters), {@code source} {@code aimon/<model_id>}, {@code severity} {@code critical|warning},
 * {@code timestamp} (end of the triggering window), {@code component} the metric, {@code group} the
 * feature or else the attribute (left out when neither), {@code class} the event type, and {@code
 * custom_details} with the remaining incident fields. {@code resolved} sends only {@code
 * routing_key}, {@code event_action: resolve} and {@code dedup_key}.
 *
 * <p>PagerDuty answers 202 when it accepted the event, 400 for an invalid one (permanent) and 429
 * when rate limited (retried).
 */
public final class PagerDutyNotifier implements Notifier {

  /** The default {@link #name()}. */
  public static final String DEFAULT_NAME = "pagerduty";

  /** The Events API v2 endpoint. */
  public static final URI DEFAULT_EVENTS_URL =
      URI.create("https://events.pagerduty.com/v2/enqueue");

  /** The longest {@code payload.summary} PagerDuty accepts. */
  public static final int MAX_SUMMARY = 1024;

  /** What the events URL is, for messages. */
  static final String WHAT = "pagerduty events URL";

  private final String name;
  private final Endpoint eventsUrl;
  private final Secret routingKey;

  /** A notifier named {@value #DEFAULT_NAME} sending to {@link #DEFAULT_EVENTS_URL}. */
  public PagerDutyNotifier(Secret routingKey) {
    this(DEFAULT_NAME, DEFAULT_EVENTS_URL, routingKey);
  }

  /** A notifier named {@value #DEFAULT_NAME} sending to {@code eventsUrl}. */
  public PagerDutyNotifier(URI eventsUrl, Secret routingKey) {
    this(DEFAULT_NAME, eventsUrl, routingKey);
  }

  /**
   * A notifier.
   *
   * @param name letters, digits, {@code _ . -}
   * @param eventsUrl an absolute http(s) URL, normally {@link #DEFAULT_EVENTS_URL}
   * @param routingKey the integration (routing) key of the PagerDuty service
   */
  public PagerDutyNotifier(String name, URI eventsUrl, Secret routingKey) {
    this(name, Endpoint.of(WHAT, eventsUrl), routingKey);
  }

  /**
   * A notifier whose events URL may be a secret read on every request ({@link Endpoint}).
   *
   * @param name letters, digits, {@code _ . -}
   * @param eventsUrl the Events API URL
   * @param routingKey the integration (routing) key of the PagerDuty service
   */
  public PagerDutyNotifier(String name, Endpoint eventsUrl, Secret routingKey) {
    this.name = NotifierSupport.checkName(name);
    this.eventsUrl = Objects.requireNonNull(eventsUrl, "eventsUrl");
    this.routingKey = Objects.requireNonNull(routingKey, "routingKey");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public HttpRequest request(IncidentEvent e) {
    return NotifierSupport.post(eventsUrl.uri(), "application/json", body(e, routingKey.value()))
        .build();
  }

  /** The JSON object sent for {@code e}. */
  static ObjectNode body(IncidentEvent e, String routingKey) {
    ObjectNode o = NotifierSupport.MAPPER.createObjectNode();
    o.put("routing_key", routingKey);
    boolean resolve = e.type() == IncidentEvent.Type.RESOLVED;
    o.put("event_action", resolve ? "resolve" : "trigger");
    o.put("dedup_key", e.dedupKey());
    if (resolve) {
      return o;
    }
    o.put("client", "aimon");
    ObjectNode p = o.putObject("payload");
    p.put("summary", truncate(e.summary(), MAX_SUMMARY));
    p.put("source", "aimon/" + e.modelId());
    p.put("severity", e.severity().code());
    p.put("timestamp", iso(e.eventTime()));
    p.put("component", e.metric());
    putIfNotNull(p, "group", e.feature() != null ? e.feature() : e.attribute());
    p.put("class", e.type().cloudEventsType());
    ObjectNode d = p.putObject("custom_details");
    d.put("incident_id", e.incidentId());
    d.put("model_id", e.modelId());
    putIfNotNull(d, "model_version", e.modelVersion());
    d.put("metric", e.metric());
    putIfNotNull(d, "version", e.version());
    putIfNotNull(d, "feature", e.feature());
    putIfNotNull(d, "attribute", e.attribute());
    putIfNotNull(d, "group", e.group());
    d.put("window_status", e.windowStatus());
    putIfNotNull(d, "value", e.value());
    putIfNotNull(d, "threshold", e.threshold());
    putIfNotNull(d, "p_value", e.pValue());
    d.put("n", e.n());
    d.put("breach_count", e.breachCount());
    d.put("first_window_start", iso(e.firstWindowStart()));
    d.put("window_start", iso(e.windowStart()));
    d.put("window_end", iso(e.eventTime()));
    e.checkIds().forEach(d.putArray("check_ids")::add);
    if (e.grouped()) {
      d.put("group_key", e.groupKey());
      d.set("members", CloudEvents.members(e.members()));
    }
    if (e.runbookUrl() != null) {
      ObjectNode link = o.putArray("links").addObject();
      link.put("href", e.runbookUrl());
      link.put("text", "Runbook");
    }
    return o;
  }

  /** {@code s} cut to at most {@code max} characters, ending in an ellipsis when cut. */
  static String truncate(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    return Text.prefix(s, max - 1) + "\u2026";
  }

  /** Names the notifier and the routing key's reference, never the key. */
  @Override
  public String toString() {
    return "PagerDutyNotifier[" + name + ", " + routingKey + "]";
  }
}
