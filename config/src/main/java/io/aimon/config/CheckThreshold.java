package io.aimon.config;

/**
 * The thresholds that turn a metric value into a status ({@code ok}, {@code warning}, {@code
 * critical}); which shape a metric takes is given by the sets of {@link MetricIds}:
 *
 * <ul>
 *   <li>{@link ValueThreshold}: higher is worse (distances, rates, errors, fairness differences,
 *       latency); breach when value &gt;= the threshold.
 *   <li>{@link PValueThreshold}: statistical tests; breach when p &lt; the threshold and the effect
 *       &gt;= min_statistic.
 *   <li>{@link LowerBoundThreshold}: lower is worse (fairness ratios, absolute performance floors);
 *       breach when value &lt; the threshold.
 *   <li>{@link DropThreshold}: performance relative to the reference; breach when reference - value
 *       &gt;= the drop.
 * </ul>
 *
 * <p>Critical is checked first: a value that breaches both levels is {@code critical}.
 */
public sealed interface CheckThreshold extends java.io.Serializable
    permits ValueThreshold, PValueThreshold, LowerBoundThreshold, DropThreshold {}
