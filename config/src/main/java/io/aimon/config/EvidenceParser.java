package io.aimon.config;

import java.net.URI;
import java.nio.file.InvalidPathException;
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
      dir = location(dir, e.line(dirName), e.child(dirName));
    }
    boolean ownerOnly = e.getOrDefault(ConfigKeys.EVIDENCE_SIGNING_KEY_OWNER_ONLY);
    return new EvidenceConfig(key, ownerOnly, dir);
  }

  /** A URI with a scheme as it is; a path made absolute against the config's directory. */
  private String location(String text, int line, String key) {
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
