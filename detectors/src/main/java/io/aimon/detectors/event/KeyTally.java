package io.aimon.detectors.event;

import io.aimon.config.ReferenceKeys;
import io.aimon.detectors.model.ModelSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts, over the inference events a decoder accepts, how many carry each key of their {@code
 * features} and {@code groups} objects: the names a reference really has, to judge a model's
 * configured features and fairness attributes by ({@link io.aimon.config.ReferenceCheck}). An event
 * carries a key when the object has it with a value other than JSON null. Fed by {@link
 * EventDecoder#decodeInference(RawRecord, long, KeyTally)} while the events are decoded, so the
 * reference is read once.
 *
 * <pre>{@code
 * KeyTally keys = KeyTally.of(spec);
 * decoder.decodeInference(raw, now, keys);   // for every reference record
 * ReferenceKeys seen = keys.toReferenceKeys();
 * }</pre>
 *
 * <p><b>Invariants</b> (checked by {@code KeyTallyTest}):
 *
 * <ol>
 *   <li>Every configured name is counted (0 when no event carries it), whatever else events carry.
 *   <li>Per object at most {@value #MAX_OTHER_KEYS} other keys, each at most {@value
 *       #MAX_KEY_CHARS} characters, are counted (the first seen); occurrences of further keys are
 *       only counted in {@link #uncounted()}. The state is bounded by these counters, never events.
 *   <li>Every count is at most {@link #events()}.
 * </ol>
 *
 * <p>Not thread-safe.
 */
public final class KeyTally {

  /** Unconfigured keys counted per object (they only feed "did you mean" suggestions). */
  public static final int MAX_OTHER_KEYS = 1000;

  /** Longest unconfigured key counted, in UTF-16 characters. */
  public static final int MAX_KEY_CHARS = 200;

  private final Counts features;
  private final Counts groups;
  private long events;
  private long uncounted;

  /**
   * @param features the configured feature names (always counted)
   * @param attributes the configured fairness attributes (always counted)
   */
  public KeyTally(List<String> features, List<String> attributes) {
    this.features = new Counts(features);
    this.groups = new Counts(attributes);
  }

  /** A tally counting the features and fairness attributes of {@code spec}. */
  public static KeyTally of(ModelSpec spec) {
    List<String> names =
        java.util.stream.Stream.concat(
                spec.numericFeatures().stream(), spec.categoricalFeatures().stream())
            .toList();
    return new KeyTally(names, spec.fairnessAttributes());
  }

  /**
   * Counts one accepted event's objects, as the decoder read them; {@code groupsObject} may be null
   * (absent).
   */
  void add(ObjectEntries featuresObject, ObjectEntries groupsObject) {
    events++;
    features.add(featuresObject);
    groups.add(groupsObject);
  }

  /** Events counted. */
  public long events() {
    return events;
  }

  /** Events carrying each {@code features} key: configured ones first, then others by name. */
  public Map<String, Long> features() {
    return features.snapshot();
  }

  /** Events carrying each {@code groups} key: configured ones first, then others by name. */
  public Map<String, Long> groups() {
    return groups.snapshot();
  }

  /** Key occurrences not counted because their key was beyond the bounds (invariant 2). */
  public long uncounted() {
    return uncounted;
  }

  /** The counts as the configuration's check takes them ({@link ReferenceKeys#ofEvents}). */
  public ReferenceKeys toReferenceKeys() {
    return ReferenceKeys.ofEvents(events, features(), groups());
  }

  /** The counts of one object's keys. */
  private final class Counts {
    private final Map<String, long[]> configured = new LinkedHashMap<>();
    private final Map<String, long[]> others = new TreeMap<>();

    Counts(List<String> names) {
      for (String n : names) {
        configured.put(n, new long[1]);
      }
    }

    void add(ObjectEntries object) {
      if (object == null) {
        return;
      }
      for (int i = 0; i < object.size(); i++) {
        if (!object.value(i).isNull()) {
          count(object.name(i));
        }
      }
    }

    /** Counts one carried key, in document order (the first keys seen are kept, invariant 2). */
    private void count(String key) {
      long[] c = configured.get(key);
      if (c == null) {
        c = others.get(key);
      }
      if (c == null && others.size() < MAX_OTHER_KEYS && key.length() <= MAX_KEY_CHARS) {
        c = new long[1];
        others.put(key, c);
      }
      if (c == null) {
        uncounted++;
      } else {
        c[0]++;
      }
    }

    Map<String, Long> snapshot() {
      Map<String, Long> out = new LinkedHashMap<>();
      configured.forEach((k, v) -> out.put(k, v[0]));
      others.forEach((k, v) -> out.put(k, v[0]));
      return out;
    }
  }
}
