package io.aimon.detectors.multivariate;

/**
 * A window's reconstruction errors, summarized: how many events and their mean error.
 *
 * @param n events whose error was counted
 * @param mean their mean reconstruction error, NaN without events
 */
public record WindowReconstruction(long n, double mean) {}
