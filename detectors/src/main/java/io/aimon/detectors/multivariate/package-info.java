/**
 * Multivariate drift: a change in how features move together, which per-feature drift misses. The
 * reference's standardized rows are compressed by principal components ({@link
 * io.aimon.detectors.multivariate.PcaReconstruction}); a window whose rows reconstruct worse than
 * the reference's ({@link io.aimon.detectors.multivariate.ReconstructionReference}) has drifted
 * jointly.
 */
package io.aimon.detectors.multivariate;
