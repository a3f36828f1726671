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

  public JsonLinesFormat(String sourceName, int maxRecordBytes) {
    this.sourceName = sourceName;
    this.maxRecordBytes = maxRecordBytes;
  }

  @Override
  public StreamFormat.Reader<RawRecord> createReader(
      Configuration config, FSDataInputStream stream) {
    JsonLinesReader reader = new JsonLinesReader(stream, sourceName, maxRecordBytes);
    return new StreamFormat.Reader<>() {
      @Override
      public RawRecord read() throws IOException {
        try {
          return reader.next();
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
