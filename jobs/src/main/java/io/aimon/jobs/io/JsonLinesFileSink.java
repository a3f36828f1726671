package io.aimon.jobs.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Appends each record as one JSON line to a local file, for {@code replay}. Run it with parallelism
 * 1. It is not transactional: replay runs without restarts, and a failed replay exits non-zero.
 */
public final class JsonLinesFileSink<T> implements Sink<T> {
  private static final long serialVersionUID = 1L;
  private final String path;
  private final SerializableFunction<T, String> toJson;

  public JsonLinesFileSink(Path path, SerializableFunction<T, String> toJson) {
    this.path = path.toAbsolutePath().toString();
    this.toJson = toJson;
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
    BufferedWriter out =
        Files.newBufferedWriter(
            Paths.get(path),
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE);
    return new SinkWriter<>() {
      @Override
      public void write(T element, Context ctx) throws IOException {
        out.write(toJson.apply(element));
        out.write('\n');
      }

      @Override
      public void flush(boolean endOfInput) throws IOException {
        out.flush();
      }

      @Override
      public void close() throws IOException {
        out.close();
      }
    };
  }
}
