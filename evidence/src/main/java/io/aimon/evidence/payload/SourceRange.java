package io.aimon.evidence.payload;

/**
 * Where a window's events were read from one input: a Kafka topic partition or a replayed file.
 *
 * @param source {@code topic-partition} or the file's name, non-blank
 * @param first the first offset or line read for the window
 * @param last the last offset or line, >= {@code first}
 * @param events how many of the window's events came from there, >= 1
 * @param sha256 the file's SHA-256 (64 lower-case hex), or null for a topic partition
 */
public record SourceRange(String source, long first, long last, long events, String sha256) {
  public SourceRange {
    if (source == null || source.isBlank()) {
      throw new IllegalArgumentException("source: expected a non-blank name, found " + source);
    }
    if (last < first) {
      throw new IllegalArgumentException(
          "last: expected >= first " + first + ", found " + last + " (" + source + ")");
    }
    if (events < 0) {
      throw new IllegalArgumentException("events: expected >= 0, found " + events);
    }
  }
}
