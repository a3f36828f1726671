package io.aimon.config;

import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Config values that name a place for data ({@code evidence.dir}, {@code job.checkpoint_dir}): a
 * URI with a scheme (any filesystem Flink supports, e.g. {@code s3://bucket/aimon}) is kept as it
 * is; anything else is a path, made absolute against the config file's directory so that the job
 * means the same place whatever directory it is started from. Package-private helper of the loader.
 */
final class Locations {
  private Locations() {}

  /** The location {@code text} names, or null (with a problem at line, key) when it is invalid. */
  static String resolve(Problems problems, Path baseDir, String text, int line, String key) {
    if (text.matches("[A-Za-z][A-Za-z0-9+.-]+://.*")) {
      try {
        return URI.create(text).toString();
      } catch (IllegalArgumentException ex) {
        problems.add(line, key, "expected a path or a URI, found '" + text + "'");
        return null;
      }
    }
    try {
      return baseDir.resolve(text).normalize().toString();
    } catch (InvalidPathException ex) {
      problems.add(line, key, "expected a path or a URI, found '" + text + "'");
      return null;
    }
  }
}
