package io.aimon.jobs.cli;

import io.aimon.alerting.notify.Secret;
import io.aimon.config.Durations;
import io.aimon.evidence.export.AuditExport;
import io.aimon.evidence.export.ExportSummary;
import io.aimon.jobs.evidence.EvidenceItems;
import io.aimon.jobs.grc.DrataPush;
import io.aimon.jobs.grc.EvidenceUpload;
import io.aimon.jobs.grc.GrcException;
import io.aimon.jobs.grc.PushOutcome;
import io.aimon.jobs.grc.PushPlan;
import io.aimon.jobs.grc.VantaPush;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code aimon evidence push}: a period's bundle and per-control evidence to Drata or Vanta. */
@Command(
    name = "push",
    mixinStandardHelpOptions = true,
    description = {
      "Deliver a period's audit bundle and per-control evidence to a GRC platform.",
      "",
      "Exports the period as `export` does (the archive must verify), then delivers",
      "the bundle (a zip) and one Markdown statement per ISO/IEC 42001 clause and",
      "control (status, records, gaps, the bundle's SHA-256) through the platform's",
      "API: Drata's Evidence Library (public API v2; --workspace, --owner, --control",
      "ISO=DRATA_CONTROL_ID to link controls) or Vanta documents (REST API v1;",
      "--document KEY=DOCUMENT_ID, KEY being bundle or a clause or control id).",
      "Idempotent by period and model: each item is named after both, and one already",
      "there is not delivered again. Retries on 429 and 5xx. Credentials are env:NAME",
      "or file:PATH references, never printed."
    })
final class EvidencePushCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--to", required = true, paramLabel = "PLATFORM", description = "drata or vanta.")
  String platform;

  @Option(
      names = "--evidence",
      required = true,
      paramLabel = "DIR",
      description = "The evidence archive directory.")
  Path evidence;

  @Option(
      names = "--from",
      required = true,
      paramLabel = "TIME",
      description = "Start of the period, inclusive: an ISO-8601 instant or a date (UTC).")
  String from;

  @Option(
      names = "--until",
      required = true,
      paramLabel = "TIME",
      description = "End of the period, exclusive: an ISO-8601 instant or a date (UTC).")
  String until;

  @Option(names = "--model", paramLabel = "ID", description = "Only this model.")
  String model;

  @Mixin TrustOptions trust;

  @Option(
      names = "--url",
      paramLabel = "URL",
      description =
          "The API's base URL (default: https://public-api.drata.com/public/v2 for drata,"
              + " https://api.vanta.com/v1 for vanta).")
  URI url;

  @Option(
      names = "--api-key",
      paramLabel = "REF",
      defaultValue = "env:DRATA_API_KEY",
      description = "drata: the API key, env:NAME or file:PATH (default: ${DEFAULT-VALUE}).")
  String apiKey;

  @Option(names = "--workspace", paramLabel = "N", description = "drata: the workspace id.")
  Long workspace;

  @Option(
      names = "--owner",
      paramLabel = "N",
      description = "drata: the id of the Drata user who owns the evidence.")
  Long owner;

  @Option(
      names = "--control",
      paramLabel = "ISO=ID",
      description =
          "drata: link the evidence of an ISO/IEC 42001 clause or control (or bundle) to a Drata"
              + " control id; repeatable.")
  List<String> controls = new ArrayList<>();

  @Option(
      names = "--token-url",
      paramLabel = "URL",
      description = "vanta: the OAuth token URL (default: https://api.vanta.com/oauth/token).")
  URI tokenUrl;

  @Option(
      names = "--client-id",
      paramLabel = "REF",
      defaultValue = "env:VANTA_CLIENT_ID",
      description =
          "vanta: the OAuth client id, env:NAME or file:PATH (default: ${DEFAULT-VALUE}).")
  String clientId;

  @Option(
      names = "--client-secret",
      paramLabel = "REF",
      defaultValue = "env:VANTA_CLIENT_SECRET",
      description =
          "vanta: the OAuth client secret, env:NAME or file:PATH (default: ${DEFAULT-VALUE}).")
  String clientSecret;

  @Option(
      names = "--document",
      paramLabel = "KEY=ID",
      description =
          "vanta: deliver bundle, or the statement of a clause or control (e.g. A.6.2.6), to"
              + " this Vanta document; repeatable. Those without one are skipped.")
  List<String> documents = new ArrayList<>();

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "60s",
      description = "Per request (default: ${DEFAULT-VALUE}).")
  String timeout;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Instant start;
    Instant end;
    Duration wait;
    Secret[] secrets;
    Map<String, String> mapping;
    try {
      if (!platform.equals("drata") && !platform.equals("vanta")) {
        throw new IllegalArgumentException(
            "--to: expected drata or vanta, found '" + platform + "'");
      }
      start = EvidenceCommand.Export.instant(from, "--from");
      end = EvidenceCommand.Export.instant(until, "--until");
      if (!start.isBefore(end)) {
        throw new IllegalArgumentException(
            "--until: expected a time after --from " + start + ", found " + end);
      }
      wait = Durations.parse(timeout);
      if (platform.equals("drata")) {
        if (workspace == null || owner == null) {
          throw new IllegalArgumentException(
              "--to drata needs --workspace N and --owner N (the Drata user who owns the evidence)");
        }
        secrets = new Secret[] {Secret.of(apiKey)};
        mapping = pairs(controls, "--control");
      } else {
        if (documents.isEmpty()) {
          throw new IllegalArgumentException(
              "--to vanta needs at least one --document KEY=DOCUMENT_ID (KEY: bundle, or a clause"
                  + " or control id such as A.6.2.6)");
        }
        secrets = new Secret[] {Secret.of(clientId), Secret.of(clientSecret)};
        mapping = pairs(documents, "--document");
      }
    } catch (IllegalArgumentException e) {
      err.println("aimon: " + e.getMessage());
      return 2;
    }
    if (!Files.isDirectory(evidence)) {
      err.println("aimon: --evidence: " + evidence + ": not a directory");
      return 2;
    }
    PublicKey trusted = trust.key();
    X509Certificate tsa;
    try {
      tsa = trust.tsa();
    } catch (IllegalArgumentException e) {
      err.println("aimon: " + e.getMessage());
      return 2;
    }
    Path tmp = Files.createTempDirectory("aimon-push");
    try {
      Path zip = tmp.resolve("bundle.zip");
      ExportSummary summary =
          AuditExport.export(
              evidence,
              new AuditExport.Selection(start.toEpochMilli(), end.toEpochMilli(), model),
              zip,
              trusted,
              tsa,
              null);
      if (!summary.verified()) {
        err.println(
            "aimon: the archive does not verify: nothing pushed (see aimon evidence verify "
                + evidence
                + ")");
        return 1;
      }
      List<EvidenceUpload> uploads =
          PushPlan.of(
              model,
              start.toEpochMilli(),
              end.toEpochMilli(),
              Files.readAllBytes(zip),
              summary,
              EvidenceItems.aimonVersion());
      List<PushOutcome> outcomes;
      int retries;
      String where;
      if (platform.equals("drata")) {
        Map<String, List<Long>> ids = new LinkedHashMap<>();
        mapping.forEach((k, v) -> ids.put(k, List.of(Long.parseLong(v))));
        DrataPush push =
            new DrataPush(
                new DrataPush.Settings(
                    url == null ? DrataPush.DEFAULT_URL : url, secrets[0], workspace, owner, ids),
                wait);
        outcomes = push.push(uploads, System.currentTimeMillis());
        retries = push.retries();
        where = "Drata workspace " + workspace;
      } else {
        VantaPush push =
            new VantaPush(
                new VantaPush.Settings(
                    url == null ? VantaPush.DEFAULT_URL : url,
                    tokenUrl == null ? VantaPush.DEFAULT_TOKEN_URL : tokenUrl,
                    secrets[0],
                    secrets[1],
                    mapping),
                wait);
        outcomes = push.push(uploads, end.toEpochMilli());
        retries = push.retries();
        where = "Vanta";
      }
      Map<String, Long> counts = new LinkedHashMap<>();
      for (PushOutcome o : outcomes) {
        out.println(o.result() + ": " + o.name() + " (" + o.detail() + ")");
        counts.merge(o.result(), 1L, Long::sum);
      }
      out.println(
          "pushed to "
              + where
              + ": "
              + counts.getOrDefault(PushOutcome.CREATED, 0L)
              + " created, "
              + counts.getOrDefault(PushOutcome.PRESENT, 0L)
              + " already there, "
              + counts.getOrDefault(PushOutcome.SKIPPED, 0L)
              + " skipped, "
              + retries
              + (retries == 1 ? " retry" : " retries"));
      return 0;
    } catch (GrcException | IllegalStateException e) {
      err.println("aimon: " + e.getMessage());
      return 1;
    } finally {
      try (var files = Files.walk(tmp)) {
        for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** KEY=VALUE options as a map, in order; a numeric value for --control. */
  private static Map<String, String> pairs(List<String> values, String option) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String v : values) {
      int eq = v.indexOf('=');
      if (eq <= 0 || eq == v.length() - 1) {
        throw new IllegalArgumentException(option + ": expected KEY=ID, found '" + v + "'");
      }
      String value = v.substring(eq + 1);
      if (option.equals("--control") && !value.matches("\\d{1,15}")) {
        throw new IllegalArgumentException(
            option + ": expected a numeric Drata control id after =, found '" + v + "'");
      }
      out.put(v.substring(0, eq), value);
    }
    return out;
  }
}
