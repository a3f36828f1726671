/**
 * Drift calculators: compare one window of production data with the reference profile.
 *
 * <p>Numeric features: {@link io.aimon.detectors.drift.Ks} (two-sample Kolmogorov-Smirnov with
 * scipy 1.10's exact and asymptotic p-values), {@link io.aimon.detectors.drift.Wasserstein}, and
 * over the reference-decile bins of {@link io.aimon.detectors.drift.QuantileEdges} / {@link
 * io.aimon.detectors.drift.Bins}: {@link io.aimon.detectors.drift.Psi}, {@link
 * io.aimon.detectors.drift.JensenShannon} and {@link io.aimon.detectors.drift.Hellinger}. {@link
 * io.aimon.detectors.drift.NumericDrift} bundles them. Categorical features: {@link
 * io.aimon.detectors.drift.CategoricalDrift} (adds {@link io.aimon.detectors.drift.ChiSquare}).
 *
 * <p>Every calculator is pure (no state, no logging) and states the scipy/numpy function it matches
 * and the tolerance within which it matches it. The definitions are those of {@code
 * docs/metrics.md}, section Drift; the shared test vectors ({@code vectors/drift.json}) check every
 * one of them.
 */
package io.aimon.detectors.drift;
