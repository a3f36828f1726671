/**
 * The pre-deployment gate: a candidate model version's labelled evaluation events judged, as one
 * window, by the same checks and thresholds as production windows, with a verdict. Pure (no Flink),
 * so the command line and tests run it directly.
 */
package io.aimon.detectors.gate;
