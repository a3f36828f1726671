package io.aimon.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar {@code ./aimon} runs, as built (this test runs after packaging, in {@code verify}):
 * {@code java -jar aimon.jar config validate} loads a config through SnakeYAML and the reference
 * through Jackson and DataSketches, so a class one bundled library shadows in another breaks it
 * here, as a multi-release entry of flink-shaded-jackson once broke {@code ./aimon demo}.
 */
class ShadedJarTest {
  private static final Path JAR = Path.of("target/aimon.jar");

  @Test
  void theJarValidatesAConfig(@TempDir Path dir) throws Exception {
    Path config = AdultFixtures.writeConfig(dir, "");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(java, "-jar", JAR.toString(), "config", "validate", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("out.txt").toFile())
            .start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "validate finished");
    String out = Files.readString(dir.resolve("out.txt"));
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("valid"), out);
  }
}
