/**
 * Inference and label events (contract v1): raw records, decoding and validation, and the
 * dead-letter records with stable reason codes for everything that cannot be used.
 */
package io.aimon.detectors.event;
