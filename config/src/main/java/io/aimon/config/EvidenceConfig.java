package io.aimon.config;

import java.io.Serializable;
import java.time.Duration;

/**
 * The {@code evidence} section: how the monitor job signs and where it archives its evidence
 * records (ISO/IEC 42001 clauses 9.1 and 10.2). See docs/configuration.md, section Evidence.
 *
 * @param signingKey {@code evidence.signing_key}: a secret reference ({@code env:NAME} or {@code
 *     file:PATH}, file paths absolute) to the PEM key file {@code aimon evidence keygen} writes, or
 *     null: then each run signs with a key of its own (intact, but not attributable)
 * @param signingKeyOwnerOnly {@code evidence.signing_key_owner_only}: true to refuse a {@code
 *     file:} signing key that its group or others can read, false (the default) to warn
 * @param dir {@code evidence.dir}: where {@code aimon run} writes the evidence archive (a local
 *     path, made absolute, or a URI of any filesystem Flink supports), or null for the Kafka topic
 *     only; replay always writes {@code OUT/evidence}
 * @param timestampUrl {@code evidence.timestamp_url}: the http(s) URL of an RFC 3161 time stamping
 *     authority that stamps every manifest, or null for none
 * @param retention {@code evidence.retention}: how long evidence is kept (at least a day), or null
 *     to keep everything
 */
public record EvidenceConfig(
    String signingKey,
    boolean signingKeyOwnerOnly,
    String dir,
    String timestampUrl,
    Duration retention)
    implements Serializable {

  /** No signing key, no archive directory, no time stamps, everything kept. */
  public static EvidenceConfig defaults() {
    return new EvidenceConfig(null, false, null, null, null);
  }
}
