package io.aimon.config;

/**
 * The thresholds that turn a metric value into a status: {@link ValueThreshold} for distances and
 * rates, {@link PValueThreshold} for statistical tests.
 */
public sealed interface CheckThreshold extends java.io.Serializable
    permits ValueThreshold, PValueThreshold {}
