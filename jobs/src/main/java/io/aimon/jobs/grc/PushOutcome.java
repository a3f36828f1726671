package io.aimon.jobs.grc;

/**
 * What became of one upload.
 *
 * @param key the upload's key ({@link EvidenceUpload#key()})
 * @param name its title
 * @param result {@code created}, {@code already there} or {@code skipped}
 * @param detail the platform's id of what was created or found, or why it was skipped
 */
public record PushOutcome(String key, String name, String result, String detail) {
  public static final String CREATED = "created";
  public static final String PRESENT = "already there";
  public static final String SKIPPED = "skipped";
}
