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

  /**
   * How the page lays out in print on A4, or null when no Chromium is installed.
   *
   * @param pdfPages pages of the PDF Chromium prints (A4, the page's own {@code @page} margins)
   * @param pageWidth CSS pixels of the printable width the layout was measured in
   * @param tooWide the elements reaching past that width, as {@code tag.class right-edge}; empty
   *     when everything fits
   */
  record PrintLayout(int pdfPages, double pageWidth, List<String> tooWide) {}

  /** A4 is 210 mm wide; the report's {@code @page} margin is 12 mm each side; 96 px per inch. */
  static final double A4_PRINTABLE_PX = (210 - 2 * 12) / 25.4 * 96;

  /**
   * Prints {@code html} to a PDF, and measures its print layout: a copy of the page whose {@code
   * @media print} rules apply on screen is laid out in a window as wide as A4's printable width,
   * and a script added to the copy (the report itself has none) lists every element reaching past
   * it. Chromium cannot be told to emulate print media from its command line, hence the copy.
   */
  static PrintLayout printLayout(Path html, Path workDir) throws IOException, InterruptedException {
    String binary =
        BINARIES.stream().filter(b -> Files.isExecutable(Path.of(b))).findFirst().orElse(null);
    if (binary == null) {
      return null;
    }
    Path pdf = workDir.resolve("report.pdf");
    run(
        binary,
        workDir,
        "--print-to-pdf=" + pdf,
        "--no-pdf-header-footer",
        html.toAbsolutePath().toUri().toString());
    String text = new String(Files.readAllBytes(pdf), StandardCharsets.ISO_8859_1);
    int pages = text.split("/Type\\s*/Page[^s]", -1).length - 1;
    String page = Files.readString(html, StandardCharsets.UTF_8);
    if (!page.contains("@media print{")) {
      throw new IOException("the page has no @media print rules");
    }
    String script =
        "<script>(function(){var limit=document.documentElement.clientWidth;var wide=[];"
            + "document.querySelectorAll('body *').forEach(function(e){"
            + "if(e.closest('svg')&&e.tagName.toLowerCase()!=='svg')return;"
            + "var r=e.getBoundingClientRect();if(r.width>0&&r.right>limit+0.5){"
            + "wide.push(e.tagName.toLowerCase()+'.'+(e.getAttribute('class')||'')+' '"
            + "+Math.round(r.right));}});"
            + "var p=document.createElement('pre');p.id='print-check';"
            + "p.textContent='width='+limit+'\\n'+wide.join('\\n');"
            + "document.body.appendChild(p);})();</script>";
    Path copy = workDir.resolve("report-print-check.html");
    Files.writeString(
        copy,
        page.replace("@media print{", "@media all{").replace("</body>", script + "</body>"),
        StandardCharsets.UTF_8);
    String dom =
        run(
            binary,
            workDir,
            "--window-size=" + Math.round(Math.floor(A4_PRINTABLE_PX)) + ",1200",
            "--dump-dom",
            copy.toAbsolutePath().toUri().toString());
    int at = dom.indexOf("<pre id=\"print-check\">");
    if (at < 0) {
      throw new IOException("the layout script did not run");
    }
    String result =
        dom.substring(at + "<pre id=\"print-check\">".length(), dom.indexOf("</pre>", at));
    List<String> lines = new ArrayList<>(List.of(result.split("\n")));
    double width = Double.parseDouble(lines.remove(0).substring("width=".length()));
    lines.removeIf(String::isBlank);
    return new PrintLayout(pages, width, lines);
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
