package io.aimon.jobs.grc;

import java.util.Objects;

/**
 * One file of evidence to deliver: the period's bundle, or one control's statement.
 *
 * @param key what it is evidence of: {@link #BUNDLE}, or the clause or control id, e.g. {@code
 *     A.6.2.6}
 * @param name its title on the platform, unique per key, scope and period, so a second push finds
 *     it there and does not deliver it again
 * @param fileName the file's name, unique the same way
 * @param contentType the file's media type
 * @param bytes the file's content
 * @param description one paragraph on what it shows
 */
public record EvidenceUpload(
    String key,
    String name,
    String fileName,
    String contentType,
    byte[] bytes,
    String description) {
  /** The key of the period's bundle. */
  public static final String BUNDLE = "bundle";

  public EvidenceUpload {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(description, "description");
  }
}
