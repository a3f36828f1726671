package io.aimon.jobs.evidence;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.alerting.notify.Secret;
import io.aimon.evidence.Ed25519Keys;
import io.aimon.jobs.cli.AimonCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The signing key file: written owner-only, and a key others can read is warned about or refused.
 */
class EvidenceKeysTest {
  @TempDir Path dir;
  private Path key;
  private Secret ref;

  @BeforeEach
  void writeKeys() throws IOException {
    Assumptions.assumeTrue(
        Files.getFileStore(dir).supportsFileAttributeView("posix"), "no POSIX permissions here");
    key = dir.resolve(EvidenceKeys.KEY_FILE);
    EvidenceKeys.write(Ed25519Keys.generate(), key, dir.resolve(EvidenceKeys.PUBLIC_KEY_FILE));
    ref = Secret.of("file:" + key);
  }

  @Test
  void keygensFileIsOwnerOnlyAndPasses() throws IOException {
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    assertNull(EvidenceKeys.exposure(ref));
    assertDoesNotThrow(() -> EvidenceKeys.checkPermissions(ref, true));
  }

  @Test
  void keyReadableByOthersIsNamedWithItsMode() throws IOException {
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    assertEquals(
        "evidence.signing_key file:"
            + key
            + ": the private key file is readable by group and others (rw-r--r--)",
        EvidenceKeys.exposure(ref));
    assertDoesNotThrow(() -> EvidenceKeys.checkPermissions(ref, false), "a warning only");

    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r-----"));
    assertTrue(EvidenceKeys.exposure(ref).endsWith("readable by group (rw-r-----)"));
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw----r--"));
    assertTrue(EvidenceKeys.exposure(ref).endsWith("readable by others (rw----r--)"));
  }

  @Test
  void keyReadableByOthersIsRefusedWhenOwnerOnly() throws IOException {
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> EvidenceKeys.checkPermissions(ref, true));
    assertEquals(
        "evidence.signing_key file:"
            + key
            + ": the private key file is readable by group and others (rw-r--r--), refused"
            + " (evidence.signing_key_owner_only is true): run chmod 600 "
            + key
            + " and start again",
        e.getMessage());
  }

  @Test
  void environmentKeysAndMissingFilesAreNotJudged() {
    assertNull(EvidenceKeys.exposure(Secret.of("env:AIMON_EVIDENCE_KEY")));
    assertNull(EvidenceKeys.exposure(Secret.of("file:" + dir.resolve("missing.key"))));
  }

  /** Through the command line: the replay is refused in one line before the job starts. */
  @Test
  void replayRefusesAKeyOthersCanReadWithOneLine() throws IOException {
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    String event =
        "{\"inference_id\":\"r1\",\"model_id\":\"m1\",\"timestamp\":1767225600000,"
            + "\"features\":{\"age\":30},\"prediction\":1}\n";
    Files.writeString(dir.resolve("reference.jsonl"), event);
    Files.writeString(dir.resolve("input.jsonl"), event);
    Path config = dir.resolve("aimon.yaml");
    Files.writeString(
        config,
        "evidence:\n"
            + "  signing_key: file:"
            + EvidenceKeys.KEY_FILE
            + "\n  signing_key_owner_only: true\n"
            + "models:\n"
            + "  - id: m1\n"
            + "    reference: {events: reference.jsonl}\n"
            + "    features: {numeric: [age]}\n");

    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream before = System.err;
    int exit;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      exit =
          AimonCommand.execute(
              "replay",
              "--config",
              config.toString(),
              "--input",
              dir.resolve("input.jsonl").toString(),
              "--out",
              dir.resolve("out").toString());
    } finally {
      System.setErr(before);
    }
    String text = err.toString(StandardCharsets.UTF_8);
    assertEquals(1, exit, text);
    assertTrue(
        text.contains(
            "aimon: evidence.signing_key file:"
                + key.toAbsolutePath().normalize()
                + ": the private key file is readable by group and others (rw-r--r--), refused"
                + " (evidence.signing_key_owner_only is true): run chmod 600 "),
        text);
    assertTrue(!Files.exists(dir.resolve("out/evidence")), "nothing ran");
  }
}
