package io.aimon.config;

import java.nio.file.Path;
import java.time.Duration;

/** Reads the top-level {@code evidence} section. Package-private helper of the loader. */
final class EvidenceParser {
  private final Problems problems;
  private final Path baseDir;

  EvidenceParser(Problems problems, Path baseDir) {
    this.problems = problems;
    this.baseDir = baseDir;
  }

  EvidenceConfig parse(MapReader top) {
    MapReader e = top.section(ConfigKeys.EVIDENCE);
    String keyName = ConfigKeys.EVIDENCE_SIGNING_KEY.name();
    String key = null;
    if (e.has(keyName)) {
      String text = e.get(ConfigKeys.EVIDENCE_SIGNING_KEY);
      key =
          text == null
              ? null
              : NotifyParser.secretReference(
                  problems, baseDir, text, e.line(keyName), e.child(keyName));
    }
    String dirName = ConfigKeys.EVIDENCE_DIR.name();
    String dir = e.has(dirName) ? e.get(ConfigKeys.EVIDENCE_DIR) : null;
    if (dir != null) {
      dir = Locations.resolve(problems, baseDir, dir, e.line(dirName), e.child(dirName));
    }
    boolean ownerOnly = e.getOrDefault(ConfigKeys.EVIDENCE_SIGNING_KEY_OWNER_ONLY);
    String stampName = ConfigKeys.EVIDENCE_TIMESTAMP_URL.name();
    String timestampUrl = e.has(stampName) ? e.get(ConfigKeys.EVIDENCE_TIMESTAMP_URL) : null;
    String retentionName = ConfigKeys.EVIDENCE_RETENTION.name();
    Duration retention = e.has(retentionName) ? e.get(ConfigKeys.EVIDENCE_RETENTION) : null;
    return new EvidenceConfig(key, ownerOnly, dir, timestampUrl, retention);
  }
}
