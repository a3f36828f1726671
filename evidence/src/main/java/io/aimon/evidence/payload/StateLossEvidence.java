package io.aimon.evidence.payload;

import io.aimon.evidence.EvidenceKind;
import java.util.List;
import java.util.Objects;

/**
 * A break in the monitoring (ISO/IEC 42001 9.1, a nonconformity of the monitoring itself, 10.2):
 * the job's saved state was lost, and an operator chose to continue the model's evidence chain
 * without it ({@code aimon run --continue-chain}) instead of refusing to start. The chain stays one
 * chain: this record follows the earlier run's last record and the next manifest signs the earlier
 * run's records its own last manifest did not. What was lost is stated, not hidden: the windows
 * open at the break are evaluated on the events read since, and incidents open at the break are no
 * longer tracked (a breach opens a new one).
 *
 * @param continuesSeq the seq of the earlier run's last record, 0 when the model had no chain
 * @param unsealed the earlier run's records after its last manifest, >= 0: sealed by this run's
 *     next manifest
 * @param reason why no state could be restored, e.g. {@code no checkpoint or savepoint under
 *     file:/srv/aimon-checkpoints/monitor-...}
 * @param traces what showed the earlier run (committed offsets, the archive, the evidence topic)
 * @param startedAt when the continuing run started, ISO-8601 UTC, wall clock
 * @param summary one line for reports
 */
public record StateLossEvidence(
    long continuesSeq,
    long unsealed,
    String reason,
    List<String> traces,
    String startedAt,
    String summary)
    implements EvidencePayload {
  public StateLossEvidence {
    if (continuesSeq < 0 || unsealed < 0 || unsealed > continuesSeq) {
      throw new IllegalArgumentException(
          "continues_seq, unsealed: expected 0 <= unsealed <= continues_seq, found "
              + continuesSeq
              + ", "
              + unsealed);
    }
    Objects.requireNonNull(reason, "reason");
    traces = List.copyOf(traces);
    Objects.requireNonNull(startedAt, "started_at");
    Objects.requireNonNull(summary, "summary");
  }

  /** The break of a run that continues after seq {@code continuesSeq}, with its summary. */
  public static StateLossEvidence of(
      long continuesSeq, long unsealed, String reason, List<String> traces, String startedAt) {
    String summary =
        "state lost: "
            + (continuesSeq == 0
                ? "the chain starts here"
                : "the chain continues after seq " + continuesSeq)
            + "; windows open at "
            + startedAt
            + " are evaluated on the events read since, incidents open then are no longer tracked";
    return new StateLossEvidence(continuesSeq, unsealed, reason, traces, startedAt, summary);
  }

  @Override
  public EvidenceKind kind() {
    return EvidenceKind.STATE_LOSS;
  }
}
