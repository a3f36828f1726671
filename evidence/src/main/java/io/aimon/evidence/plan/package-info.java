/**
 * The monitoring plan as evidence (ISO/IEC 42001 9.1): what the configuration says is monitored, by
 * which methods and thresholds, when, and who evaluates it. Pure, no Flink.
 */
package io.aimon.evidence.plan;
