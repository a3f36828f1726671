package io.aimon.jobs.io;

import io.aimon.detectors.event.JsonLinesReader;
import io.aimon.detectors.event.RawRecord;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * Reads a JSON Lines file (the file source decompresses {@code .gz}) into {@link RawRecord}s with
 * line numbers, through {@link JsonLinesReader}. Not splittable, so line numbers are exact and a
 * restored reader re-counts them while skipping.
 */
public final class JsonLinesFormat extends SimpleStreamFormat<RawRecord> {
  private static final long serialVersionUID = 1L;
  private final String sourceName;
  private final int maxRecordBytes;
  private final long timestamp;

  public JsonLinesFormat(String sourceName, int maxRecordBytes) {
    this(sourceName, maxRecordBytes, RawRecord.NO_TIMESTAMP);
  }

  /**
   * @param timestamp the time every line of the file is given as its record timestamp (a file whose
   *     location says when it was written, as SageMaker's hourly prefixes do), or {@link
   *     RawRecord#NO_TIMESTAMP}
   */
  public JsonLinesFormat(String sourceName, int maxRecordBytes, long timestamp) {
    this.sourceName = sourceName;
    this.maxRecordBytes = maxRecordBytes;
    this.timestamp = timestamp;
  }

  @Override
  public StreamFormat.Reader<RawRecord> createReader(
      Configuration config, FSDataInputStream stream) {
    JsonLinesReader reader = new JsonLinesReader(stream, sourceName, maxRecordBytes);
    return new StreamFormat.Reader<>() {
      @Override
      public RawRecord read() throws IOException {
        try {
          RawRecord r = reader.next();
          return r == null || timestamp == RawRecord.NO_TIMESTAMP
              ? r
              : new RawRecord(
                  r.source(),
                  r.position(),
                  r.payload(),
                  r.sizeBytes(),
                  r.headers(),
                  timestamp,
                  r.key(),
                  r.bytes());
        } catch (IOException e) {
          throw InputFileException.of(sourceName, reader.lines(), reader.bytesRead(), e);
        }
      }

      @Override
      public void close() throws IOException {
        reader.close();
      }
    };
  }

  @Override
  public TypeInformation<RawRecord> getProducedType() {
    return RawRecordSerializer.TYPE_INFO;
  }
}
