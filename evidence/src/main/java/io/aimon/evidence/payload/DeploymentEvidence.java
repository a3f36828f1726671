package io.aimon.evidence.payload;

import io.aimon.detectors.gate.GateVerdict;
import io.aimon.evidence.EvidenceKind;
import java.util.Objects;

/**
 * A model version first seen serving in production (ISO/IEC 42001 A.6.2.5 deployment), with the
 * gate that cleared it before deployment (A.6.2.4 verification and validation), or none: the
 * monitor job looked the version up among the model's signed gate records when its first window
 * closed.
 *
 * @param version the model version
 * @param windowStart epoch ms, start of the first window that held it
 * @param windowEnd epoch ms, end of that window
 * @param events its events in that window
 * @param gate the latest verified gate record of the version when it was first seen, or null when
 *     there was none
 * @param summary one line for reports
 */
public record DeploymentEvidence(
    String version, long windowStart, long windowEnd, long events, GateRef gate, String summary)
    implements EvidencePayload {

  /**
   * A gate record named by a deployment.
   *
   * @param verdict its verdict
   * @param digest {@code Gate.digest()} of the signed line
   * @param gatedAt epoch ms, when the gate ran
   * @param referenceDigest the reference it judged against
   * @param configDigest the configuration that gave its thresholds
   */
  public record GateRef(
      GateVerdict verdict,
      String digest,
      long gatedAt,
      String referenceDigest,
      String configDigest) {
    public GateRef {
      Objects.requireNonNull(verdict, "verdict");
      Objects.requireNonNull(digest, "digest");
      Objects.requireNonNull(referenceDigest, "reference_digest");
      Objects.requireNonNull(configDigest, "config_digest");
    }
  }

  public DeploymentEvidence {
    Objects.requireNonNull(version, "version");
    if (windowEnd <= windowStart || events < 0) {
      throw new IllegalArgumentException(
          "window_start, window_end, events: expected start < end and events >= 0");
    }
    Objects.requireNonNull(summary, "summary");
  }

  /** The deployment of {@code version}, with its summary. */
  public static DeploymentEvidence of(
      String version, long windowStart, long windowEnd, long events, GateRef gate) {
    String summary =
        "version "
            + version
            + " first seen in production"
            + (gate == null
                ? ", without a gate record"
                : gate.verdict() == GateVerdict.PASS
                    ? ", cleared by a passing gate"
                    : ", whose latest gate did not pass (" + gate.verdict().code() + ")");
    return new DeploymentEvidence(version, windowStart, windowEnd, events, gate, summary);
  }

  /** Whether a passing gate cleared the version. */
  public boolean gated() {
    return gate != null && gate.verdict() == GateVerdict.PASS;
  }

  @Override
  public EvidenceKind kind() {
    return EvidenceKind.DEPLOYMENT;
  }
}
