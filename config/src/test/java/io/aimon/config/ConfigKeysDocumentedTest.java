package io.aimon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/configuration.md documents every key of the registry, with the registry's table. */
class ConfigKeysDocumentedTest {

  private static final Path DOC = Path.of("..", "docs", "configuration.md");
  private static final Path GENERATED = Path.of("target", "configuration-table.md");

  private static String doc() throws IOException {
    return Files.readString(DOC, StandardCharsets.UTF_8);
  }

  @Test
  void everyRegistryKeyIsInTheDocs() throws IOException {
    String doc = doc();
    List<String> missing =
        ConfigKeys.all().stream()
            .map(ConfigKey::path)
            .filter(p -> !doc.contains("`" + p + "`"))
            .toList();

    assertEquals(List.of(), missing, "keys missing from " + DOC);
  }

  @Test
  void docsTableMatchesTheRegistry() throws IOException {
    String table = ConfigKeys.markdownTable();
    Files.createDirectories(GENERATED.getParent());
    Files.writeString(GENERATED, table, StandardCharsets.UTF_8);

    assertTrue(
        doc().contains(table),
        DOC
            + " is out of date with ConfigKeys; replace its key table with "
            + GENERATED.toAbsolutePath());
  }

  @Test
  void registryDeclaresEachKeyOnce() {
    List<String> paths = ConfigKeys.all().stream().map(ConfigKey::path).toList();

    assertEquals(paths.size(), new HashSet<>(paths).size());
  }

  @Test
  void everyRegistryParentIsItselfAKey() {
    for (ConfigKey<?> k : ConfigKeys.all()) {
      String parent =
          k.parent().endsWith("[]") ? k.parent().substring(0, k.parent().length() - 2) : k.parent();
      assertTrue(parent.isEmpty() || ConfigKeys.find(parent).isPresent(), k.path());
    }
  }
}
