package io.aimon.jobs.evidence;

import io.aimon.alerting.notify.Secret;
import io.aimon.evidence.Gate;
import io.aimon.evidence.payload.DeploymentEvidence;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Finds the gate record of a model version in the evidence archive ({@code
 * model=<id>/_gates.jsonl}, any Flink file system), for the monitor job when it first sees the
 * version: the latest whose signature verifies with the evidence signing key (any signer when the
 * job has none).
 */
public final class GateLookup implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String archiveDir;
  private final String signingKey;
  private transient PublicKey trusted;

  /**
   * @param archiveDir the evidence archive (a Flink path), or null when the job has none: every
   *     version then has no gate
   * @param signingKey a secret reference to the evidence signing key, or null
   */
  public GateLookup(String archiveDir, String signingKey) {
    this.archiveDir = archiveDir;
    this.signingKey = signingKey;
  }

  /**
   * The gate of {@code version}, or null when the archive has no verifying gate record of it.
   *
   * @throws UncheckedIOException when the gate file exists but cannot be read
   */
  public DeploymentEvidence.GateRef find(String modelId, String version) {
    if (archiveDir == null) {
      return null;
    }
    if (trusted == null && signingKey != null) {
      trusted = EvidenceKeys.read(Secret.of(signingKey)).getPublic();
    }
    Gate g = io.aimon.evidence.GateLog.latest(lines(modelId), modelId, version, trusted);
    return g == null
        ? null
        : new DeploymentEvidence.GateRef(
            g.verdict(), g.digest(), g.gatedAt(), g.referenceDigest(), g.configDigest());
  }

  private List<String> lines(String modelId) {
    Path file = new Path(new Path(archiveDir, "model=" + modelId), Gate.FILE);
    try {
      FileSystem fs = file.getFileSystem();
      if (!fs.exists(file)) {
        return List.of();
      }
      List<String> out = new ArrayList<>();
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(fs.open(file), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          out.add(line);
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot read the gate records: " + e, e);
    }
  }
}
