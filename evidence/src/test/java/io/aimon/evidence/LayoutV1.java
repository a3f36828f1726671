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
    return HashChain.seal(EvidenceRecord.V1, s, modelId, kind, time, windowStart, windowEnd, data);
  }
}
