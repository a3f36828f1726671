package io.aimon.alerting.incident;

import io.aimon.config.Digests;
import java.util.UUID;

/**
 * The deterministic ids of incidents and incident events. They depend only on the series, the
 * window that opened the episode and (for events) the event type and window, never on the wall
 * clock or on processing order, so a restarted or replayed job gives the same ids and consumers can
 * deduplicate.
 *
 * <ul>
 *   <li>{@link #dedupKey}: the first 16 bytes, in hex (32 characters), of SHA-256 over {@code
 *       "aimon.incident.v1\n" + subject + "\n" + openingWindowStart}, the subject being the series'
 *       {@link SeriesKey#asString()} or, for a grouped incident, the group's {@link
 *       SeriesKey#groupKey} (epoch ms in decimal);
 *   <li>{@link #incidentId}: a name-based UUID version 5 (RFC 9562 section 5.5, SHA-1) of the dedup
 *       key in the namespace {@link #NAMESPACE};
 *   <li>{@link #eventId}: the first 16 bytes, in hex, of SHA-256 over {@code dedupKey + "\n" + type
 *       + "\n" + windowEnd}.
 * </ul>
 *
 * Changing any of these derivations changes every id: don't.
 */
public final class IncidentIds {

  /** The UUID namespace of incident ids (a fixed random UUID). */
  public static final UUID NAMESPACE = UUID.fromString("6f1c9b52-3f0e-4a8e-9d57-2b6a41e0c7d3");

  private IncidentIds() {}

  /** The deduplication key of the episode of {@code series} opened by the window starting then. */
  public static String dedupKey(SeriesKey series, long openingWindowStart) {
    return dedupKey(series.asString(), openingWindowStart);
  }

  /**
   * The deduplication key of the episode of {@code subject} (a series' {@link SeriesKey#asString()}
   * or a group's {@link SeriesKey#groupKey}) opened by the window starting then.
   */
  public static String dedupKey(String subject, long openingWindowStart) {
    return Digests.sha256Prefix("aimon.incident.v1\n" + subject + "\n" + openingWindowStart, 16);
  }

  /** The incident id of the episode with this dedup key: a version 5 UUID string. */
  public static String incidentId(String dedupKey) {
    return Digests.uuidV5(NAMESPACE, dedupKey).toString();
  }

  /** The CloudEvents id of the event of {@code type} for the window ending at {@code windowEnd}. */
  public static String eventId(String dedupKey, IncidentEvent.Type type, long windowEnd) {
    return Digests.sha256Prefix(dedupKey + "\n" + type.cloudEventsType() + "\n" + windowEnd, 16);
  }
}
