package io.aimon.alerting.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretTest {

  @TempDir Path dir;

  @Test
  void readsEnvironmentVariables() {
    Secret s = Secret.of("env:AIMON_KEY", Map.of("AIMON_KEY", "k-123")::get);

    assertEquals("k-123", s.value());
    assertEquals("Secret[env:AIMON_KEY]", s.toString());
    assertEquals("env:AIMON_KEY", s.reference());
  }

  @Test
  void readsFilesStrippedAndRereadsThem() throws Exception {
    Path f = dir.resolve("key");
    Files.writeString(f, "  first\n");
    Secret s = Secret.of("file:" + f);

    assertEquals("first", s.value());
    Files.writeString(f, "second\n");
    assertEquals("second", s.value());
    assertEquals("Secret[file:" + f + "]", s.toString());
  }

  @Test
  void errorsNameTheVariableOrFileNeverTheValue() throws Exception {
    Path missing = dir.resolve("missing");
    IllegalStateException noFile =
        assertThrows(IllegalStateException.class, () -> Secret.of("file:" + missing).value());
    assertEquals(
        "Secret[file:"
            + missing
            + "]: expected a readable file "
            + missing
            + ", found NoSuchFileException",
        noFile.getMessage());

    Path empty = dir.resolve("empty");
    Files.writeString(empty, " \n");
    assertThrows(IllegalStateException.class, () -> Secret.of("file:" + empty).value());

    IllegalStateException blank =
        assertThrows(
            IllegalStateException.class, () -> Secret.of("env:K", Map.of("K", " ")::get).value());
    assertTrue(blank.getMessage().startsWith("Secret[env:K]: "), blank.getMessage());
  }

  @Test
  void rejectsReferencesWithoutPrefixWithoutEchoingThem() {
    for (String bad : new String[] {"hunter2", "env:", "file:", "ENV:X"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Secret.of(bad));
      assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }
  }

  @Test
  void literalsHideTheirValue() {
    Secret s = Secret.literal("hunter2");

    assertEquals("hunter2", s.value());
    assertEquals("Secret[literal]", s.toString());
  }
}
