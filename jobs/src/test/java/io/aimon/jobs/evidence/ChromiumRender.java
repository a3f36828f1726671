package io.aimon.jobs.evidence;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * Renders a local HTML file with a real headless Chromium (Debian's {@code chromium}): a PNG
 * screenshot and the DOM after rendering. The flags keep it off the network (this machine's network
 * is closed) and out of any user profile.
 */
final class ChromiumRender {
  private static final List<String> BINARIES =
      List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");

  /** What the browser made of the page. */
  record Result(Path png, int width, int height, double nonWhiteShare, String dom) {}

  private ChromiumRender() {}

  /** The rendering of {@code html}, or null when no Chromium is installed. */
  static Result render(Path html, Path workDir) throws IOException, InterruptedException {
    String binary =
        BINARIES.stream().filter(b -> Files.isExecutable(Path.of(b))).findFirst().orElse(null);
    if (binary == null) {
      return null;
    }
    Path png = workDir.resolve("report.png");
    String url = html.toAbsolutePath().toUri().toString();
    run(binary, workDir, "--screenshot=" + png, "--window-size=1280,2400", url);
    String dom = run(binary, workDir, "--dump-dom", url);
    BufferedImage image = ImageIO.read(png.toFile());
    long nonWhite = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
          nonWhite++;
        }
      }
    }
    double share = (double) nonWhite / ((long) image.getWidth() * image.getHeight());
    return new Result(png, image.getWidth(), image.getHeight(), share, dom);
  }

  private static String run(String binary, Path workDir, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(binary);
    command.addAll(
        List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--user-data-dir=" + Files.createTempDirectory(workDir, "chromium-profile")));
    command.addAll(List.of(args));
    Path stdout = Files.createTempFile(workDir, "chromium", ".out");
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(stdout.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("chromium did not finish within 120 s: " + command);
    }
    if (p.exitValue() != 0) {
      throw new IOException("chromium exited with " + p.exitValue() + ": " + command);
    }
    return Files.readString(stdout, StandardCharsets.UTF_8);
  }
}
