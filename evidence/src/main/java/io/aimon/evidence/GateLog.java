package io.aimon.evidence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;

/**
 * A model's gate records, {@code model=<id>/_gates.jsonl} in its evidence archive: appended by
 * {@code aimon gate}, read by the monitor job when it first sees a version and by the verifier and
 * the export.
 */
public final class GateLog {
  private GateLog() {}

  /** The gate file of {@code modelId} under the archive {@code dir}. */
  public static Path file(Path dir, String modelId) {
    return dir.resolve("model=" + modelId).resolve(Gate.FILE);
  }

  /**
   * Appends {@code gate} to its model's gate file under {@code dir}, creating it.
   *
   * @throws UncheckedIOException when it cannot be written
   */
  public static Path append(Path dir, Gate gate) {
    Path file = file(dir, gate.modelId());
    try {
      Files.createDirectories(file.getParent());
      Files.write(
          file,
          (gate.toJson() + "\n").getBytes(StandardCharsets.UTF_8),
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND,
          StandardOpenOption.SYNC);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot append the gate record: " + e, e);
    }
  }

  /**
   * The latest gate record (by {@code gated_at}, the later line on a tie) of {@code version} among
   * {@code lines} whose signature verifies (with {@code trusted}, by that key only), or null. Lines
   * that are not gate records, of other models or versions, or unsigned, are passed over: the
   * verifier reports them.
   */
  public static Gate latest(
      Iterable<String> lines, String modelId, String version, PublicKey trusted) {
    Gate best = null;
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      Gate g;
      try {
        g = Gate.fromJson(line);
      } catch (IllegalArgumentException e) {
        continue;
      }
      if (g.modelId().equals(modelId)
          && g.modelVersion().equals(version)
          && (best == null || g.gatedAt() >= best.gatedAt())
          && g.signatureValid(trusted)) {
        best = g;
      }
    }
    return best;
  }
}
