/**
 * Check evaluation: window profile vs reference and thresholds, giving check results (contract 4).
 */
package io.aimon.detectors.check;
