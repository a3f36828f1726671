package io.aimon.alerting.notify;

import io.aimon.alerting.incident.IncidentEvent;
import io.aimon.alerting.incident.Severity;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Objects;

/**
 * Posts incident events to a Slack incoming webhook as one readable line.
 *
 * <pre>{@code
 * Notifier slack = new SlackNotifier(Secret.of("env:AIMON_SLACK_WEBHOOK"));
 * }</pre>
 *
 * <p>The body is {@code {"text": line}} with the line {@code <emoji> *<STATE>* <model> <metric>
 * [feature F | attribute A group G]: <summary> (value v vs threshold t) <<runbook>|runbook>}. The
 * emoji is {@code :rotating_light:} for critical, {@code :warning:} for warning and {@code
 * :white_check_mark:} for resolved; the state is {@code CRITICAL} or {@code WARNING}, followed by
 * {@code escalated} or {@code still open} for those events, or {@code RESOLVED}. Text from the
 * event is escaped for Slack ({@code & < >}).
 *
 * <p>The webhook URL is the secret: anyone holding it can post to the channel.
 */
public final class SlackNotifier implements Notifier {

  /** The default {@link #name()}. */
  public static final String DEFAULT_NAME = "slack";

  private final String name;
  private final Secret webhookUrl;
  private final Endpoint endpoint;

  /** A notifier named {@value #DEFAULT_NAME}. */
  public SlackNotifier(Secret webhookUrl) {
    this(DEFAULT_NAME, webhookUrl);
  }

  /**
   * A notifier.
   *
   * @param name letters, digits, {@code _ . -}
   * @param webhookUrl the incoming webhook URL, an absolute http(s) URL, checked when read
   */
  public SlackNotifier(String name, Secret webhookUrl) {
    this.name = NotifierSupport.checkName(name);
    this.webhookUrl = Objects.requireNonNull(webhookUrl, "webhookUrl");
    this.endpoint = Endpoint.of("slack webhook URL", webhookUrl);
  }

  @Override
  public String name() {
    return name;
  }

  /**
   * @throws IllegalStateException when the secret cannot be read or is no absolute http(s) URL (the
   *     message does not show it)
   */
  @Override
  public HttpRequest request(IncidentEvent e) {
    URI uri = endpoint.uri();
    var body = NotifierSupport.MAPPER.createObjectNode().put("text", text(e));
    return NotifierSupport.post(uri, "application/json", body).build();
  }

  /** The line posted for {@code e} (see the class doc). */
  static String text(IncidentEvent e) {
    StringBuilder sb = new StringBuilder();
    if (e.type() == IncidentEvent.Type.RESOLVED) {
      sb.append(":white_check_mark: *RESOLVED*");
    } else {
      boolean critical = e.severity() == Severity.CRITICAL;
      sb.append(critical ? ":rotating_light: *CRITICAL*" : ":warning: *WARNING*");
      if (e.type() == IncidentEvent.Type.ESCALATED) {
        sb.append(" escalated");
      } else if (e.type() == IncidentEvent.Type.UPDATED) {
        sb.append(" still open");
      }
    }
    sb.append(' ').append(escape(e.modelId())).append(' ').append(escape(e.metric()));
    if (e.feature() != null) {
      sb.append(" feature ").append(escape(e.feature()));
    }
    if (e.attribute() != null) {
      sb.append(" attribute ").append(escape(e.attribute()));
    }
    if (e.group() != null) {
      sb.append(" group ").append(escape(e.group()));
    }
    sb.append(": ").append(escape(e.summary()));
    if (e.type() != IncidentEvent.Type.RESOLVED) {
      sb.append(" (value ")
          .append(NotifierSupport.number(e.value()))
          .append(" vs threshold ")
          .append(NotifierSupport.number(e.threshold()))
          .append(')');
    }
    if (e.runbookUrl() != null) {
      sb.append(" <").append(escape(e.runbookUrl())).append("|runbook>");
    }
    return sb.toString();
  }

  /** Escapes the three characters Slack's mrkdwn reserves. */
  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** Names the notifier and the webhook's reference, never the URL. */
  @Override
  public String toString() {
    return "SlackNotifier[" + name + ", " + webhookUrl + "]";
  }
}
