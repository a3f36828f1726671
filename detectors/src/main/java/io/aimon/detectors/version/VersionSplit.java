package io.aimon.detectors.version;

import io.aimon.detectors.common.BoundedText;
import io.aimon.detectors.common.Mergeable;
import io.aimon.detectors.model.ModelSpec;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * One model's window split by model version: an accumulator per version for at most {@value
 * #MAX_TRACKED} versions, every other event in one pooled accumulator. The model's whole window is
 * the merge of them all ({@link #whole}), so a window of one version costs what one accumulator
 * does, and one of two versions twice that. The drift path splits its {@code WindowAccumulator}s
 * so, the outcome path its {@code OutcomeAccumulator}s.
 *
 * <p>Invariants:
 *
 * <ol>
 *   <li>Every event added or merged is in exactly one accumulator: its version's, or {@code
 *       pooled}.
 *   <li>The tracked versions are the {@value #MAX_TRACKED} smallest (in {@link String#compareTo}
 *       order) of all the versions added or merged, whatever order the events and shards came in;
 *       so every shard merge order tracks the same versions, and a restarted job the same as a
 *       failure-free one.
 *   <li>{@code pooled} holds the events of the versions past those: what the bound capped.
 *   <li>An event without {@code model_version} counts as the model's configured version, or as
 *       {@link #NO_VERSION} when none is configured ({@link #versionOf}); a version is kept as
 *       {@link BoundedText}.
 * </ol>
 *
 * @param <A> the accumulator
 */
public final class VersionSplit<A extends Mergeable<A>> {
  /** Versions profiled on their own per window: 4 (a stable version and a few canaries). */
  public static final int MAX_TRACKED = 4;

  /** The key of events that carry no version when the model configures none: "". */
  public static final String NO_VERSION = "";

  final TreeMap<String, A> tracked;
  A pooled;

  VersionSplit(TreeMap<String, A> tracked, A pooled) {
    this.tracked = tracked;
    this.pooled = pooled;
  }

  /** No event yet. */
  public static <A extends Mergeable<A>> VersionSplit<A> empty() {
    return new VersionSplit<A>(new TreeMap<String, A>(), null);
  }

  /**
   * A window that was kept whole (state of a build before versions were profiled): under {@code
   * version} when it saw that one only, else (null) pooled.
   */
  public static <A extends Mergeable<A>> VersionSplit<A> ofWhole(A whole, String version) {
    VersionSplit<A> w = empty();
    if (version != null) {
      w.tracked.put(version, whole);
    } else {
      w.pooled = whole;
    }
    return w;
  }

  /** The key an event of {@code eventVersion} counts under (invariant 4). */
  public static String versionOf(String eventVersion, ModelSpec spec) {
    if (eventVersion != null) {
      return BoundedText.of(eventVersion);
    }
    return spec.version() == null ? NO_VERSION : BoundedText.of(spec.version());
  }

  /**
   * The accumulator an event of {@code version} is to be added to: its version's, made by {@code
   * empty} when the version is new (and a larger version pooled if that passes the bound), or the
   * pooled one.
   */
  public A accumulatorFor(String version, Supplier<A> empty) {
    A a = tracked.get(version);
    if (a != null) {
      return a;
    }
    if (tracked.size() >= MAX_TRACKED && version.compareTo(tracked.lastKey()) > 0) {
      // past the tracked versions: straight into the pool, no accumulator made
      if (pooled == null) {
        pooled = empty.get();
      }
      return pooled;
    }
    a = empty.get();
    tracked.put(version, a);
    poolPastBound();
    return a;
  }

  /**
   * Adds another window of the same model into this one (invariants hold for the union); takes over
   * {@code other}'s accumulators, so {@code other} is not to be used again.
   */
  public void merge(VersionSplit<A> other) {
    for (Map.Entry<String, A> v : other.tracked.entrySet()) {
      A mine = tracked.get(v.getKey());
      if (mine != null) {
        mine.merge(v.getValue());
      } else {
        tracked.put(v.getKey(), v.getValue());
      }
    }
    if (other.pooled != null) {
      pool(other.pooled);
    }
    poolPastBound();
  }

  private void poolPastBound() {
    while (tracked.size() > MAX_TRACKED) {
      pool(tracked.pollLastEntry().getValue());
    }
  }

  private void pool(A a) {
    if (pooled == null) {
      pooled = a;
    } else {
      pooled.merge(a);
    }
  }

  /** Whether no event was added or merged. */
  public boolean isEmpty() {
    return tracked.isEmpty() && pooled == null;
  }

  /**
   * The whole window, every version together: the one accumulator itself when there is one (do not
   * change it), else a new one that {@code empty} makes, with them all merged in (they stay as they
   * are).
   */
  public A whole(Supplier<A> empty) {
    if (pooled == null && tracked.size() == 1) {
      return tracked.firstEntry().getValue();
    }
    if (pooled != null && tracked.isEmpty()) {
      return pooled;
    }
    A all = empty.get();
    tracked.values().forEach(all::merge);
    if (pooled != null) {
      all.merge(pooled);
    }
    return all;
  }

  /**
   * One of the window's accumulators, for what they all share (the model); only when not {@link
   * #isEmpty}.
   */
  public A any() {
    return tracked.isEmpty() ? pooled : tracked.firstEntry().getValue();
  }

  /** The tracked versions' accumulators, by version (do not change them). */
  public SortedMap<String, A> tracked() {
    return Collections.unmodifiableSortedMap(tracked);
  }

  /** The events of untracked versions, or null when there were none. */
  public A pooled() {
    return pooled;
  }

  /**
   * Whether the tracked versions hold all the window's events under named versions: nothing pooled,
   * no {@link #NO_VERSION}.
   */
  public boolean onlyNamedVersions() {
    return pooled == null && !tracked.containsKey(NO_VERSION);
  }
}
