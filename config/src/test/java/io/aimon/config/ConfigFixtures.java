package io.aimon.config;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;

/** The YAML fixtures under src/test/resources/configs and helpers to load them. */
final class ConfigFixtures {

  /** The fixture directory, relative to the module directory (surefire's working directory). */
  static final Path DIR = Path.of("src", "test", "resources", "configs");

  private ConfigFixtures() {}

  /** The fixture {@code name}, as a relative path (so messages show it as given). */
  static Path fixture(String name) {
    return DIR.resolve(name);
  }

  /** The absolute, normalised path of a file next to the fixtures, as messages show it. */
  static Path absolute(String name) {
    return DIR.resolve(name).toAbsolutePath().normalize();
  }

  static AimonConfig load(String name) throws ConfigException {
    return ConfigLoader.load(fixture(name));
  }

  /** Loads {@code name}, expecting it to fail, and returns every problem in its one-line form. */
  static List<String> problems(String name) {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(fixture(name)));
    return e.problems().stream().map(ConfigProblem::toString).toList();
  }

  /** Loads {@code name}, expecting it to fail with exactly one problem, and returns it. */
  static ConfigProblem onlyProblem(String name) {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(fixture(name)));
    if (e.problems().size() != 1) {
      throw new AssertionError("expected one problem, found:\n" + e.getMessage());
    }
    return e.problems().get(0);
  }

  /** The file name as messages show it: the fixture path as given. */
  static String file(String name) {
    return fixture(name).toString();
  }
}
