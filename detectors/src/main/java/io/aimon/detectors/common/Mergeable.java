package io.aimon.detectors.common;

/**
 * An accumulator that adds another of its kind into itself: the result counts both, as if every
 * event had been added to this one. The other may share state with the result afterwards, so it is
 * not to be used again.
 *
 * @param <A> the accumulator's own type
 */
public interface Mergeable<A> {
  void merge(A other);
}
