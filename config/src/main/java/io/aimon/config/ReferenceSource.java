package io.aimon.config;

import java.nio.file.Path;

/**
 * Where a model's reference comes from: exactly one of canonical inference events or a profile
 * built by {@code aimon reference build}. Paths are absolute (the loader resolves them against the
 * config file's directory).
 *
 * @param events canonical events ({@code .jsonl} or {@code .jsonl.gz}), or null
 * @param profile a reference profile, or null
 */
public record ReferenceSource(Path events, Path profile) {

  public ReferenceSource {
    if ((events == null) == (profile == null)) {
      throw new IllegalArgumentException(
          "exactly one of events and profile must be set, were " + events + " and " + profile);
    }
    Path p = events != null ? events : profile;
    if (!p.isAbsolute()) {
      throw new IllegalArgumentException("reference path must be absolute, was " + p);
    }
  }

  /** A reference read from canonical events at {@code events} (absolute). */
  public static ReferenceSource ofEvents(Path events) {
    return new ReferenceSource(events, null);
  }

  /** A reference read from a profile at {@code profile} (absolute). */
  public static ReferenceSource ofProfile(Path profile) {
    return new ReferenceSource(null, profile);
  }

  /** The one non-null path. */
  public Path path() {
    return events != null ? events : profile;
  }
}
