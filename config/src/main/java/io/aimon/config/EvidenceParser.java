package io.aimon.config;

import java.nio.file.Path;

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
    return new EvidenceConfig(key, ownerOnly, dir);
  }
}
