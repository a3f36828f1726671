package io.aimon.evidence;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Writes evidence records of layout version 1, whose data is any JSON object, exactly as aimon did
 * before typed payloads: for tests of the readers of older archives (aimon itself writes version
 * {@link EvidenceRecord#VERSION}).
 */
public final class LayoutV1 {
  private LayoutV1() {}

  /** As {@link HashChain#append}, for a version 1 record holding {@code data} as it is. */
  public static EvidenceRecord append(
      HashChain.State s,
      String modelId,
      EvidenceKind kind,
      long time,
      Long windowStart,
      Long windowEnd,
      JsonNode data) {
    EvidenceRecord draft =
        new EvidenceRecord(
            EvidenceRecord.V1,
            modelId,
            s.seq() + 1,
            kind,
            time,
            windowStart,
            windowEnd,
            Iso42001.clauses(kind),
            Iso42001.controls(kind),
            data,
            s.head(),
            EvidenceRecord.GENESIS);
    return draft.withHash(draft.computeHash());
  }
}
