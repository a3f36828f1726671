/**
 * A window's accumulators split by model version ({@link io.aimon.detectors.version.VersionSplit}):
 * what makes per-version results and the champion/challenger comparison possible at bounded cost.
 */
package io.aimon.detectors.version;
