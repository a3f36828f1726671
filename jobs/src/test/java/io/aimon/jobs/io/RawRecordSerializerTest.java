package io.aimon.jobs.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.aimon.detectors.event.RawRecord;
import io.aimon.jobs.SerializerRoundTrip;
import java.util.List;
import org.junit.jupiter.api.Test;

class RawRecordSerializerTest {
  private static final List<RawRecord> RECORDS =
      List.of(
          new RawRecord("inference/0", 42, "{\"model_id\":\"m\"}", 16),
          new RawRecord("events.jsonl.gz", 1, "", 0),
          new RawRecord("t/3", Long.MAX_VALUE, "{\"x\":\"é \uD83D\uDE00 \u2028\"}", 1 << 30),
          new RawRecord("big.jsonl", 7, "y".repeat(200_000), 200_000));

  @Test
  void recordsSurviveTheWireAndItsCopy() throws Exception {
    assertEquals(RECORDS, SerializerRoundTrip.of(RawRecordSerializer.INSTANCE, RECORDS));
  }

  @Test
  void anImmutableRecordIsHandedOnNotCopied() throws Exception {
    RawRecord r = RECORDS.get(0);
    assertSame(r, RawRecordSerializer.INSTANCE.copy(r));
    assertSame(
        RawRecordSerializer.INSTANCE,
        RawRecordSerializer.INSTANCE.snapshotConfiguration().restoreSerializer());
  }
}
