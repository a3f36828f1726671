/**
 * Bounded-memory summaries of numeric values, from which the streaming job computes KS and
 * Wasserstein drift without keeping raw events.
 *
 * <p>{@link io.aimon.detectors.sketch.ValueDistribution} counts values exactly up to a
 * distinct-value limit and then switches to an Apache DataSketches KLL sketch whose rank error is
 * documented and exposed ({@link
 * io.aimon.detectors.sketch.ValueDistribution#normalizedRankError(int)}); {@link
 * io.aimon.detectors.sketch.ValueDistributionCodec} owns its versioned binary layout.
 */
package io.aimon.detectors.sketch;
