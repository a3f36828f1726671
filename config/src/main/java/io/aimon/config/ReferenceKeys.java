package io.aimon.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one model's reference shows about the names it carries: how many of its events carry each
 * key of their {@code features} and of their {@code groups}. {@link ReferenceCheck} judges the
 * configured features and fairness attributes by it.
 *
 * <p>From reference events, an event carries a key when its {@code features} (or {@code groups})
 * object has it with a value other than JSON null, and the maps hold every key seen (up to the
 * reader's bound on unconfigured keys), so a key absent from them occurs in no event. From a
 * reference profile, which keeps values rather than keys, a feature counts the events with a
 * non-missing value, an attribute the events with a group value, and the maps hold only what the
 * profile records: a key absent from them is unknown, not absent.
 *
 * @param events the model's usable reference events, &gt;= 0
 * @param features events carrying each feature key, each count in [0, events] (copied,
 *     unmodifiable)
 * @param groups events carrying each {@code groups} key, each count in [0, events] (copied,
 *     unmodifiable)
 * @param exhaustive true when the maps hold every key of the reference (reference events); false
 *     when they hold only the keys a profile records
 */
public record ReferenceKeys(
    long events, Map<String, Long> features, Map<String, Long> groups, boolean exhaustive) {

  public ReferenceKeys {
    if (events < 0) {
      throw new IllegalArgumentException("events must be >= 0, was " + events);
    }
    features = copy("features", features, events);
    groups = copy("groups", groups, events);
  }

  /** Counts from reference events: every key the events carry. */
  public static ReferenceKeys ofEvents(
      long events, Map<String, Long> features, Map<String, Long> groups) {
    return new ReferenceKeys(events, features, groups, true);
  }

  /** Counts from a reference profile: only the keys it records. */
  public static ReferenceKeys ofProfile(
      long events, Map<String, Long> features, Map<String, Long> groups) {
    return new ReferenceKeys(events, features, groups, false);
  }

  private static Map<String, Long> copy(String what, Map<String, Long> in, long events) {
    Objects.requireNonNull(in, what);
    in.forEach(
        (k, v) -> {
          Objects.requireNonNull(k, what + " key");
          if (v == null || v < 0 || v > events) {
            throw new IllegalArgumentException(
                what + "['" + k + "'] must be in [0, " + events + "], was " + v);
          }
        });
    return Collections.unmodifiableMap(new LinkedHashMap<>(in));
  }
}
