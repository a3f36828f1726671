package io.aimon.jobs.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
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
    String expected =
        "[{\"source\":\"inference/0\",\"first\":12,\"last\":30,\"events\":3},"
            + "{\"source\":\"inference/1\",\"first\":4,\"last\":9,\"events\":2},"
            + "{\"source\":\"input.jsonl\",\"first\":3,\"last\":3,\"events\":1,"
            + "\"sha256\":\"ab12\"}]";
    assertEquals(expected, a.toJson(Map.of("input.jsonl", "ab12")).toString());

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      a.write(out);
    }
    SourceRanges back =
        SourceRanges.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    assertEquals(expected, back.toJson(Map.of("input.jsonl", "ab12")).toString());
  }

  @Test
  void sourcesBeyondTheBoundArePooledAsOther() {
    SourceRanges r = new SourceRanges();
    for (int p = 0; p < SourceRanges.MAX_SOURCES + 5; p++) {
      r.add("inference/" + p, p);
    }
    var json = r.toJson(Map.of());
    assertEquals(SourceRanges.MAX_SOURCES + 1, json.size());
    var other = json.get(json.size() - 1);
    assertEquals("other", other.path("source").asText());
    assertEquals(5, other.path("events").asLong());
    assertEquals(SourceRanges.MAX_SOURCES, other.path("first").asLong());
  }
}
