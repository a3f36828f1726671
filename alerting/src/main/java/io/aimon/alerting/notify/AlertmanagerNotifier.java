package io.aimon.alerting.notify;

import static io.aimon.alerting.notify.NotifierSupport.iso;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aimon.alerting.incident.IncidentEvent;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Objects;

/**
 * Posts incident events to a Prometheus Alertmanager ({@code POST <base>/api/v2/alerts}), one alert
 * per event.
 *
 * <pre>{@code
 * Notifier am = new AlertmanagerNotifier(URI.create("http://alertmanager:9093"));
 * }</pre>
 *
 * <p>The body is a JSON array of one alert:
 *
 * <ul>
 *   <li>{@code labels} (they identify the alert, so they are the same for every event of one
 *       incident): {@code alertname} {@code aimon_<metric>}, {@code model_id}, {@code metric},
 *       {@code severity} ({@code warning|critical}), {@code feature}, {@code attribute} and {@code
 *       group} when present, and {@code dedup_key}; for a grouped incident these name its lead
 *       member, the one that opened it, so they stay the same as members join. Escalation changes
 *       {@code severity}, so Alertmanager sees an escalated incident as a new alert; the warning
 *       one then expires after its resolve timeout (it is no longer re-sent).
 *   <li>{@code annotations}: {@code summary}, {@code description} (summary, value against
 *       threshold, windows, sample size and check ids, and the members of a grouped incident),
 *       {@code incident_id}, and {@code runbook_url} when configured.
 *   <li>{@code startsAt}: the start of the window that opened the incident, ISO-8601 UTC.
 *   <li>{@code endsAt}, on {@code resolved} only: the end of the last breaching window. An alert
 *       with an {@code endsAt} in the past is resolved.
 * </ul>
 *
 * <p><b>Re-sending.</b> Alertmanager resolves an alert it has not heard of for its {@code
 * resolve_timeout} (default 5 min), so {@link #needsResend()} is true: while an incident is open,
 * the caller must re-send its latest event at a resend interval shorter than that timeout.
 */
public final class AlertmanagerNotifier implements Notifier {

  /** The default {@link #name()}. */
  public static final String DEFAULT_NAME = "alertmanager";

  /** What the base URL is, for messages. */
  static final String WHAT = "alertmanager base URL";

  private final String name;
  private final Endpoint baseUrl;

  /** A notifier named {@value #DEFAULT_NAME} for the Alertmanager at {@code baseUrl}. */
  public AlertmanagerNotifier(URI baseUrl) {
    this(DEFAULT_NAME, baseUrl);
  }

  /**
   * A notifier named {@code name} for the Alertmanager at {@code baseUrl}.
   *
   * @param name letters, digits, {@code _ . -}
   * @param baseUrl an absolute http(s) URL, e.g. {@code http://alertmanager:9093} or {@code
   *     https://host/alertmanager/}; {@code /api/v2/alerts} is appended to its path
   */
  public AlertmanagerNotifier(String name, URI baseUrl) {
    this(name, Endpoint.of(WHAT, baseUrl));
  }

  /**
   * A notifier named {@code name} for the Alertmanager at {@code baseUrl}, which may be a secret
   * read on every request ({@link Endpoint}).
   *
   * @param name letters, digits, {@code _ . -}
   * @param baseUrl the base URL; {@code /api/v2/alerts} is appended to its path
   */
  public AlertmanagerNotifier(String name, Endpoint baseUrl) {
    this.name = NotifierSupport.checkName(name);
    this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
  }

  @Override
  public String name() {
    return name;
  }

  /**
   * The URL alerts are posted to: {@code <base>/api/v2/alerts}, the base read now when it is a
   * secret.
   *
   * @throws IllegalStateException when a secret base URL cannot be read or is no absolute http(s)
   *     URL (the message does not show it)
   */
  public URI alertsUrl() {
    String base = baseUrl.uri().toString();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return URI.create(base + "/api/v2/alerts");
  }

  /** True: see the class doc. */
  @Override
  public boolean needsResend() {
    return true;
  }

  @Override
  public HttpRequest request(IncidentEvent e) {
    return NotifierSupport.post(alertsUrl(), "application/json", body(e)).build();
  }

  /** The JSON array posted for {@code e}. */
  ArrayNode body(IncidentEvent e) {
    ArrayNode alerts = NotifierSupport.MAPPER.createArrayNode();
    ObjectNode alert = alerts.addObject();
    ObjectNode labels = alert.putObject("labels");
    labels.put("alertname", "aimon_" + e.metric());
    labels.put("model_id", e.modelId());
    labels.put("metric", e.metric());
    labels.put("severity", e.severity().code());
    NotifierSupport.putIfNotNull(labels, "version", e.version());
    NotifierSupport.putIfNotNull(labels, "feature", e.feature());
    NotifierSupport.putIfNotNull(labels, "attribute", e.attribute());
    NotifierSupport.putIfNotNull(labels, "group", e.group());
    labels.put("dedup_key", e.dedupKey());
    ObjectNode annotations = alert.putObject("annotations");
    annotations.put("summary", e.summary());
    annotations.put("description", description(e));
    annotations.put("incident_id", e.incidentId());
    NotifierSupport.putIfNotNull(annotations, "runbook_url", e.runbookUrl());
    alert.put("startsAt", iso(e.firstWindowStart()));
    if (e.type() == IncidentEvent.Type.RESOLVED) {
      alert.put("endsAt", iso(e.lastWindowEnd()));
    }
    return alerts;
  }

  /**
   * The description: {@code <summary> Value <v> vs threshold <t> (n=<n>) in window <start> to
   * <end>; open since <first start>. Checks: <ids>.}, and for a grouped incident {@code Members:
   * <series> <status> <value> (open|recovered); ...}
   */
  static String description(IncidentEvent e) {
    return e.summary()
        + " Value "
        + NotifierSupport.number(e.value())
        + " vs threshold "
        + NotifierSupport.number(e.threshold())
        + " (n="
        + e.n()
        + ") in window "
        + iso(e.windowStart())
        + " to "
        + iso(e.eventTime())
        + "; open since "
        + iso(e.firstWindowStart())
        + ". Checks: "
        + String.join(", ", e.checkIds())
        + "."
        + (e.grouped() ? " Members: " + members(e) + "." : "");
  }

  /** {@code <series> <status> <value> (open|recovered)} per member of a grouped incident. */
  private static String members(IncidentEvent e) {
    StringBuilder sb = new StringBuilder();
    for (var m : e.members()) {
      sb.append(sb.length() == 0 ? "" : "; ")
          .append(m.series().asString())
          .append(' ')
          .append(m.status())
          .append(' ')
          .append(NotifierSupport.number(m.value()))
          .append(m.open() ? " (open)" : " (recovered)");
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "AlertmanagerNotifier[" + name + "]";
  }
}
