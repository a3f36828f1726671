package io.aimon.detectors.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesReaderTest {
  private static final String SOURCE = "events.jsonl";

  private static JsonLinesReader reader(String text, int maxRecordBytes) {
    return new JsonLinesReader(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), SOURCE, maxRecordBytes);
  }

  private static List<RawRecord> readAll(JsonLinesReader r) throws IOException {
    List<RawRecord> out = new ArrayList<>();
    for (RawRecord rec = r.next(); rec != null; rec = r.next()) {
      out.add(rec);
    }
    return out;
  }

  private static RawRecord rec(long line, String payload) {
    return new RawRecord(SOURCE, line, payload, payload.getBytes(StandardCharsets.UTF_8).length);
  }

  @Test
  void aByteOrderMarkAtTheStartIsNotPartOfTheFirstLine() throws IOException {
    assertEquals(
        List.of(rec(1, "{\"a\":1}"), rec(2, "\uFEFF{\"b\":2}")),
        readAll(reader("\uFEFF{\"a\":1}\n\uFEFF{\"b\":2}\n", 1024)));
  }

  @Test
  void linesAreNumberedFromOneIncludingEmptyLines() throws IOException {
    assertEquals(
        List.of(
            rec(1, "{\"a\":1}"),
            rec(2, "{\"b\":2}"),
            rec(3, ""),
            rec(4, "  "),
            rec(5, "{\"c\":3}")),
        readAll(reader("{\"a\":1}\n{\"b\":2}\n\n  \n{\"c\":3}\n", 1024)));
  }

  @Test
  void crlfLineEndingsAreStrippedFromPayloadAndSize() throws IOException {
    assertEquals(
        List.of(rec(1, "{\"a\":1}"), rec(2, ""), rec(3, "{\"b\":2}")),
        readAll(reader("{\"a\":1}\r\n\r\n{\"b\":2}\r\n", 1024)));
  }

  @Test
  void lastLineWithoutNewlineIsRead() throws IOException {
    JsonLinesReader r = reader("{\"a\":1}\n{\"b\":2}", 1024);
    assertEquals(List.of(rec(1, "{\"a\":1}"), rec(2, "{\"b\":2}")), readAll(r));
    assertNull(r.next());
  }

  @Test
  void emptyInputHasNoRecords() throws IOException {
    assertEquals(List.of(), readAll(reader("", 1024)));
  }

  @Test
  void sizeIsInUtf8BytesNotCharacters() throws IOException {
    RawRecord r = reader("{\"name\":\"Zoë\"}\n", 1024).next();
    assertEquals("{\"name\":\"Zoë\"}", r.payload());
    assertEquals(15, r.sizeBytes());
  }

  @Test
  void oversizeLineIsTruncatedToMaxRecordBytesWithItsFullSize() throws IOException {
    String longLine = "{\"x\":\"" + "a".repeat(100) + "\"}";
    JsonLinesReader r = reader(longLine + "\n{\"b\":2}\n", 16);
    RawRecord first = r.next();
    assertEquals(new RawRecord(SOURCE, 1, longLine.substring(0, 16), 108), first);
    assertEquals(rec(2, "{\"b\":2}"), r.next());
    assertNull(r.next());
  }

  @Test
  void oversizeLinePayloadIsCappedAtTheDeadLetterLimit() throws IOException {
    String longLine = "b".repeat(20_000);
    RawRecord r = reader(longLine + "\nok", 10_000).next();
    assertEquals(DeadLetter.MAX_PAYLOAD_CHARS, r.payload().length());
    assertEquals(20_000, r.sizeBytes());
    assertEquals(1, r.position());
  }

  @Test
  void lineOfExactlyMaxRecordBytesIsNotTruncated() throws IOException {
    RawRecord r = reader("0123456789\n", 10).next();
    assertEquals(rec(1, "0123456789"), r);
  }

  @Test
  void crlfLineOfExactlyMaxRecordBytesIsNotOversize() throws IOException {
    RawRecord r = reader("0123456789\r\nok\r\n", 10).next();
    assertEquals(rec(1, "0123456789"), r);
  }

  @Test
  void oversizeLineIsDeadLetteredAsOversizeByTheDecoder() throws IOException {
    String longLine = "{\"x\":\"" + "a".repeat(2000) + "\"}";
    RawRecord r = reader(longLine + "\n", EventFixtures.MAX_RECORD_BYTES).next();
    DeadLetter d = EventFixtures.decoder().decodeInference(r).deadLetter();
    assertEquals("oversize", d.reason());
    assertEquals("record: expected at most 1024 bytes, found 2008", d.detail());
    assertEquals(2008, d.payloadBytes());
    assertEquals(longLine.substring(0, 1024), d.payload());
  }

  @Test
  void gzipFileIsDecompressedAndNamedByItsFileName(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("events.jsonl.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write("{\"a\":1}\r\n{\"b\":2}\n{\"c\":3}".getBytes(StandardCharsets.UTF_8));
    }
    try (JsonLinesReader r = JsonLinesReader.open(file, 1024)) {
      List<RawRecord> all = readAll(r);
      assertEquals(
          List.of(
              new RawRecord("events.jsonl.gz", 1, "{\"a\":1}", 7),
              new RawRecord("events.jsonl.gz", 2, "{\"b\":2}", 7),
              new RawRecord("events.jsonl.gz", 3, "{\"c\":3}", 7)),
          all);
    }
  }

  @Test
  void plainFileIsReadAsIs(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("plain.jsonl");
    Files.writeString(file, "{\"a\":1}\n");
    try (JsonLinesReader r = JsonLinesReader.open(file, 1024)) {
      assertEquals(List.of(new RawRecord("plain.jsonl", 1, "{\"a\":1}", 7)), readAll(r));
    }
  }
}
