package io.aimon.evidence;

import java.util.Comparator;
import java.util.Objects;

/**
 * A problem while the verifier is still collecting: its message can gain notes (e.g. an unreadable
 * line learns which records went missing with it) before it becomes a {@link
 * ArchiveVerifier.Problem}.
 */
final class Finding implements Comparable<Finding> {
  private static final Comparator<Finding> ORDER =
      Comparator.comparing((Finding f) -> f.pos)
          .thenComparing(f -> f.kind)
          .thenComparing(f -> f.model, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(f -> f.seq, Comparator.nullsFirst(Comparator.naturalOrder()));

  final ArchiveVerifier.Kind kind;
  final String model;
  final Long seq;
  final ArchiveReader.Pos pos;
  private final StringBuilder message;

  Finding(ArchiveVerifier.Kind kind, String model, Long seq, ArchiveReader.Pos pos, String what) {
    this.kind = Objects.requireNonNull(kind);
    this.model = model;
    this.seq = seq;
    this.pos = Objects.requireNonNull(pos);
    this.message = new StringBuilder(what);
  }

  /** Appends {@code more} to the message. */
  Finding note(String more) {
    message.append(more);
    return this;
  }

  ArchiveVerifier.Problem toProblem(ArchiveReader archive) {
    String file = archive.file(pos);
    StringBuilder where = new StringBuilder();
    if (model != null) {
      where.append("model ").append(model);
      if (seq != null) {
        where.append(" seq ").append(seq);
      }
      where.append(" (").append(file).append(line(pos)).append(")");
    } else {
      where.append(file).append(line(pos));
    }
    Integer line = pos.line() == 0 ? null : pos.line();
    return new ArchiveVerifier.Problem(kind, model, seq, file, line, where + ": " + message);
  }

  /** {@code :N}, or nothing for a finding about the whole file (line 0). */
  private static String line(ArchiveReader.Pos pos) {
    return pos.line() == 0 ? "" : ":" + pos.line();
  }

  @Override
  public int compareTo(Finding o) {
    return ORDER.compare(this, o);
  }
}
