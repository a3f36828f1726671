/** The run-time description of a monitored model, derived from its validated config. */
package io.aimon.detectors.model;
