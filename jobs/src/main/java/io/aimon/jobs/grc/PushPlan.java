package io.aimon.jobs.grc;

import io.aimon.evidence.export.ControlStatement;
import io.aimon.evidence.export.ExportSummary;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * What a push delivers for one period and scope (a model, or all models): the bundle {@code aimon
 * evidence export} wrote, as a zip, and one Markdown statement per clause and control (its status,
 * the records that serve it, its gaps, and the bundle's SHA-256 that backs it). Names and file
 * names carry the scope and period, which is what makes a push idempotent: the platform is asked
 * for the name first.
 */
public final class PushPlan {
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter INSTANT =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private PushPlan() {}

  /**
   * The uploads of a period.
   *
   * @param modelId the model exported, or null for all
   * @param from start of the period, epoch ms, inclusive
   * @param until end of the period, epoch ms, exclusive
   * @param zip the bundle's bytes (a zip)
   * @param summary what the export wrote, its control statements included
   * @param aimonVersion the aimon version, named in the statements
   */
  public static List<EvidenceUpload> of(
      String modelId,
      long from,
      long until,
      byte[] zip,
      ExportSummary summary,
      String aimonVersion) {
    String scope = modelId == null ? "all-models" : modelId;
    String period = stamp(from) + "_" + stamp(until);
    String periodText = Instant.ofEpochMilli(from) + " to " + Instant.ofEpochMilli(until);
    String zipName = "aimon-evidence_" + scope + "_" + period + ".zip";
    String sha = sha256(zip);
    List<EvidenceUpload> out = new ArrayList<>();
    out.add(
        new EvidenceUpload(
            EvidenceUpload.BUNDLE,
            "aimon evidence " + scope + " " + period,
            zipName,
            "application/zip",
            zip,
            "aimon audit bundle of "
                + (modelId == null ? "all models" : "model " + modelId)
                + " for "
                + periodText
                + ": "
                + summary.records()
                + " signed evidence records, "
                + summary.manifests()
                + " manifests, the verification ("
                + (summary.verified() ? "intact" : "NOT intact")
                + "), OSCAL assessment results and the HTML report. SHA-256 "
                + sha
                + "."));
    for (ControlStatement c : summary.controls()) {
      String md = markdown(c, modelId, periodText, zipName, sha, summary.verified(), aimonVersion);
      out.add(
          new EvidenceUpload(
              c.id(),
              "aimon ISO/IEC 42001 " + c.id() + " " + scope + " " + period,
              "aimon-iso42001-" + c.id() + "_" + scope + "_" + period + ".md",
              "text/markdown",
              md.getBytes(StandardCharsets.UTF_8),
              "ISO/IEC 42001 "
                  + c.id()
                  + " ("
                  + c.title()
                  + ") for "
                  + periodText
                  + ": "
                  + c.status()
                  + ", "
                  + c.records()
                  + " records; backed by "
                  + zipName
                  + "."));
    }
    return out;
  }

  /** The control's statement as a Markdown page. */
  static String markdown(
      ControlStatement c,
      String modelId,
      String periodText,
      String zipName,
      String sha,
      boolean verified,
      String aimonVersion) {
    StringBuilder s = new StringBuilder();
    s.append("# ISO/IEC 42001 ").append(c.id()).append(' ').append(c.title()).append("\n\n");
    s.append("- Status: **").append(c.status()).append("**\n");
    s.append("- Period: ").append(periodText).append('\n');
    s.append("- Models: ").append(modelId == null ? "all" : modelId).append('\n');
    s.append("- Records of the period serving it: ").append(c.records());
    if (!c.byKind().isEmpty()) {
      s.append(" (");
      boolean first = true;
      for (Map.Entry<String, Long> e : c.byKind().entrySet()) {
        s.append(first ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue());
        first = false;
      }
      s.append(')');
    }
    s.append("\n\n## Gaps\n\n");
    if (c.gaps().isEmpty()) {
      s.append("None.\n");
    } else {
      c.gaps().forEach(g -> s.append("- ").append(g).append('\n'));
    }
    s.append("\n## Evidence\n\n")
        .append("The signed evidence records are in ")
        .append(zipName)
        .append(" (SHA-256 ")
        .append(sha)
        .append("), exported and verified by aimon ")
        .append(aimonVersion)
        .append(": ")
        .append(verified ? "every chain, manifest and signature holds" : "NOT intact")
        .append(". Check it with `aimon evidence verify` on the archive.\n");
    return s.toString();
  }

  private static String stamp(long epochMillis) {
    Instant t = Instant.ofEpochMilli(epochMillis);
    return t.equals(t.truncatedTo(java.time.temporal.ChronoUnit.DAYS))
        ? DAY.format(t)
        : INSTANT.format(t);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
