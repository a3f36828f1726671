/**
 * RFC 3161 trusted time stamps of evidence manifests: getting tokens from a time stamping authority
 * and checking them, through Bouncy Castle's TSP classes. No Flink.
 */
package io.aimon.evidence.timestamp;
