package io.aimon.jobs.io;

import java.io.IOException;

/**
 * An input file that cannot be read to its end (a truncated gzip, a read error), with a message a
 * person can act on: the file and the position, e.g. {@code production.jsonl.gz: the input ends
 * inside its gzip data after line 4070 (1268000 bytes uncompressed): the file is truncated}. The
 * command line prints this message as its one line when a job fails because of it.
 */
public final class InputFileException extends IOException {
  private static final long serialVersionUID = 1L;

  public InputFileException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The message for {@code e}, thrown while reading {@code file} after {@code line} lines. */
  public static InputFileException of(String file, long line, long bytes, IOException e) {
    boolean gzip = file.endsWith(".gz");
    String what =
        e instanceof java.io.EOFException && gzip
            ? "the input ends inside its gzip data"
            : gzip && e instanceof java.util.zip.ZipException
                ? "its gzip data is corrupt (" + e.getMessage() + ")"
                : "it could not be read (" + e + ")";
    return new InputFileException(
        file
            + ": "
            + what
            + " after line "
            + line
            + " ("
            + bytes
            + (gzip ? " bytes uncompressed)" : " bytes)")
            + (e instanceof java.io.EOFException ? ": the file is truncated" : ""),
        e);
  }
}
