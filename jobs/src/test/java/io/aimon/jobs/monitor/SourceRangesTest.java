package io.aimon.jobs.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aimon.evidence.payload.SourceRange;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where a window's events were read: ranges per source, merged, bounded and checkpointed. */
class SourceRangesTest {

  @Test
  void rangesPerSourceWithDigestsMergeAndRoundTrip() throws Exception {
    SourceRanges a = new SourceRanges();
    a.add("inference/0", 17);
    a.add("inference/0", 12);
    a.add("inference/1", 4);
    a.add("inference/0", 30);
    SourceRanges b = new SourceRanges();
    b.add("inference/1", 9);
    b.add("input.jsonl", 3);
    a.merge(b);
    List<SourceRange> expected =
        List.of(
            new SourceRange("inference/0", 12, 30, 3, null),
            new SourceRange("inference/1", 4, 9, 2, null),
            new SourceRange("input.jsonl", 3, 3, 1, "ab12"));
    assertEquals(expected, a.ranges(Map.of("input.jsonl", "ab12")));

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      a.write(out);
    }
    SourceRanges back =
        SourceRanges.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    assertEquals(expected, back.ranges(Map.of("input.jsonl", "ab12")));
  }

  @Test
  void sourcesBeyondTheBoundArePooledAsOther() {
    SourceRanges r = new SourceRanges();
    for (int p = 0; p < SourceRanges.MAX_SOURCES + 5; p++) {
      r.add("inference/" + p, p);
    }
    List<SourceRange> ranges = r.ranges(Map.of());
    assertEquals(SourceRanges.MAX_SOURCES + 1, ranges.size());
    SourceRange other = ranges.get(ranges.size() - 1);
    assertEquals("other", other.source());
    assertEquals(5, other.events());
    assertEquals(SourceRanges.MAX_SOURCES, other.first());
  }
}
