package io.aimon.jobs.demo;

import io.aimon.alerting.notify.Secret;
import io.aimon.config.AimonConfig;
import io.aimon.config.ConfigLoader;
import io.aimon.config.ModelConfig;
import io.aimon.detectors.gate.GateOutcome;
import io.aimon.detectors.model.ModelSpec;
import io.aimon.detectors.profile.ReferenceProfile;
import io.aimon.evidence.Ed25519Keys;
import io.aimon.evidence.Gate;
import io.aimon.evidence.GateLog;
import io.aimon.evidence.timestamp.LocalTimestampAuthority;
import io.aimon.jobs.alert.AlertJob;
import io.aimon.jobs.evidence.EvidenceItems;
import io.aimon.jobs.evidence.EvidenceKeys;
import io.aimon.jobs.gate.CandidateFile;
import io.aimon.jobs.kafka.EmbeddedKafka;
import io.aimon.jobs.monitor.MonitorPlan;
import io.aimon.jobs.monitor.MonitorRunner;
import io.aimon.jobs.reference.ReferenceProfiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The demo: embedded broker, generator, monitor job and a console that prints breaches. Phases take
 * a third of the duration each: normal, drift, recovery.
 */
public final class Demo {
  static final long SEED = 42;
  static final int REFERENCE_EVENTS = 5000;
  static final int CANDIDATE_EVENTS = 2000;

  private final Path out;
  private final Duration duration;
  private final int rate;
  private final PrintWriter console;

  /**
   * The demo's stand-in time stamping authority: its key is made per run and its certificate is
   * self-signed, so its stamps show the mechanism, not a trusted time.
   */
  static final String TSA_NAME = "aimon demo TSA (self-signed: not for audits)";

  /** Where the demo writes its TSA's certificate, for {@code verify --tsa-cert}. */
  static final String TSA_CERT = "aimon-demo-tsa.pem";

  private final URI alertmanagerUrl;

  /**
   * @param alertmanagerUrl a real Alertmanager to send incidents to, or null for the demo's own
   *     stand-in that prints them
   */
  public Demo(Path out, Duration duration, int rate, URI alertmanagerUrl, PrintWriter console) {
    this.out = out;
    this.duration = duration;
    this.rate = rate;
    this.alertmanagerUrl = alertmanagerUrl;
    this.console = console;
  }

  /** Runs the demo to the end and returns the exit code. */
  public int run() throws Exception {
    Files.createDirectories(out);
    console.println("aimon demo: starting an embedded Kafka broker ...");
    console.flush();
    try (EmbeddedKafka kafka = EmbeddedKafka.start();
        DemoAlertmanager standIn =
            alertmanagerUrl == null ? DemoAlertmanager.start(console) : null;
        LocalTimestampAuthority tsa = LocalTimestampAuthority.start(TSA_NAME)) {
      URI receiver = alertmanagerUrl != null ? alertmanagerUrl : standIn.url();
      tsa.writeCertificate(out.resolve(TSA_CERT));
      Path configFile = writeInputs(kafka.bootstrapServers(), receiver, tsa.url());
      AimonConfig config = ConfigLoader.load(configFile);
      kafka.createTopics(
          List.of(
              config.kafka().inferenceTopic(),
              config.kafka().labelsTopic(),
              config.kafka().metricsTopic(),
              config.kafka().deadLetterTopic(),
              config.kafka().incidentsTopic(),
              config.kafka().alertDeliveriesTopic(),
              config.kafka().alertDeadLetterTopic(),
              config.kafka().evidenceTopic(),
              config.kafka().incidentActionsTopic()),
          1);
      Map<String, ReferenceProfile> references = ReferenceProfiles.loadAll(config, false);
      MonitorPlan plan = MonitorPlan.of(config, references);
      gate(config, references);
      StreamExecutionEnvironment env =
          MonitorRunner.environment(
              plan.parallelism(), plan.checkpointInterval(), true, MonitorRunner.PROMETHEUS_PORTS);
      MonitorRunner.kafkaJob(plan, config.kafka(), false, "aimon-demo").build(env);
      JobClient job = env.executeAsync("aimon-demo-monitor");
      StreamExecutionEnvironment alertEnv =
          MonitorRunner.environment(
              1, plan.checkpointInterval(), true, MonitorRunner.PROMETHEUS_PORTS);
      AlertJob.kafkaJob(
              config.notifyConfig(), config.kafka(), plan.maxRecordBytes(), "aimon-demo-alert")
          .build(alertEnv);
      JobClient alertJob = alertEnv.executeAsync("aimon-demo-alert");
      console.println(
          "aimon demo: monitor job "
              + job.getJobID()
              + " and alert job "
              + alertJob.getJobID()
              + " running on local Flink MiniClusters; Prometheus metrics on"
              + " http://127.0.0.1:9249/metrics (alert job: :9250)");
      console.println(
          "aimon demo: incidents go to "
              + (alertmanagerUrl != null
                  ? "Alertmanager at " + alertmanagerUrl
                  : "the demo's stand-in Alertmanager at " + receiver)
              + ", re-sent every "
              + config.notifyConfig().resendInterval().toSeconds()
              + " s while open");
      console.println(
          "aimon demo: models "
              + DemoGenerator.MODELS
              + ", 10 s windows, "
              + rate
              + " events/s per model, for "
              + duration.toSeconds()
              + " s; outputs in "
              + out.toAbsolutePath());
      console.println(
          "aimon demo: churn version "
              + DemoGenerator.CANARY_VERSION
              + " serves "
              + Math.round(DemoGenerator.CANARY_SHARE * 100)
              + "% of churn's events as a canary, without a gate; its customers are newer"
              + " (tenure_months drifts), so its own checks and challenger_psi against version 7"
              + " breach");
      console.flush();
      DemoConsole watcher = new DemoConsole(config.kafka(), out, console);
      DemoOperator operator = new DemoOperator(config.kafka(), console);
      watcher.onVerified(
          d ->
              operator.close(
                  d.path("incident_id").asText(),
                  d.path("model_id").asText(),
                  d.path("series").asText()));
      Thread watcherThread = new Thread(watcher, "aimon-demo-console");
      watcherThread.setDaemon(true);
      watcherThread.start();
      long produced =
          produce(
              config.kafka().bootstrapServers(),
              config.kafka().inferenceTopic(),
              config.kafka().labelsTopic(),
              () -> operator.act(watcher.openCriticalPerModel()));
      // let the last checkpoints commit the last transactions (incidents, then deliveries)
      Thread.sleep(4 * plan.checkpointInterval().toMillis() + 1000);
      job.cancel().get(60, TimeUnit.SECONDS);
      alertJob.cancel().get(60, TimeUnit.SECONDS);
      watcher.stop();
      watcherThread.join(10_000);
      console.println("aimon demo: done. produced " + produced + " events; " + watcher.summary());
      if (standIn != null) {
        console.println("aimon demo: " + standIn.summary());
      }
      console.println(
          "aimon demo: evidence archive in "
              + out.resolve(MonitorRunner.EVIDENCE_DIR)
              + "; manifests time-stamped by the demo's stand-in TSA ("
              + tsa.requests()
              + " tokens); check it with ./aimon evidence verify "
              + out.resolve(MonitorRunner.EVIDENCE_DIR)
              + " --public-key "
              + out.resolve(EvidenceKeys.PUBLIC_KEY_FILE)
              + " --tsa-cert "
              + out.resolve(TSA_CERT));
      console.flush();
      return 0;
    }
  }

  /**
   * Gates each model's version before the job sees it: a candidate of {@link #CANDIDATE_EVENTS}
   * labelled events from another seed, judged and recorded in the archive as {@code aimon gate}
   * does, so the monitor job records each deployment with its gate.
   */
  private void gate(AimonConfig config, Map<String, ReferenceProfile> references)
      throws IOException {
    DemoGenerator generator = new DemoGenerator(SEED + 1);
    KeyPair keys = EvidenceKeys.read(Secret.of(config.evidence().signingKey()));
    long start = System.currentTimeMillis() - Duration.ofDays(1).toMillis();
    for (ModelConfig m : config.models()) {
      Path file = out.resolve("candidate-" + m.id() + ".jsonl");
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < CANDIDATE_EVENTS; i++) {
        lines.add(generator.event(m.id(), start + i * 1000L, DemoGenerator.Phase.NORMAL));
      }
      Files.write(file, lines);
      ModelSpec spec = ModelSpec.from(m, config.job().exactValues());
      CandidateFile.Judged judged =
          CandidateFile.judge(spec, references.get(m.id()), file, config.job().maxRecordBytes());
      GateOutcome o = judged.outcome();
      String version = o.versions().firstKey();
      Gate record =
          Gate.sign(
              m.id(),
              version,
              System.currentTimeMillis(),
              o,
              Gate.Candidate.of(file.getFileName().toString(), judged.sha256(), o),
              references.get(m.id()).digest(),
              config.digest(),
              EvidenceItems.aimonVersion(),
              keys);
      GateLog.append(Path.of(config.evidence().dir()), record);
      console.println(
          "aimon demo: gate "
              + m.id()
              + " version "
              + version
              + ": "
              + o.verdict().code()
              + " ("
              + o.results().size()
              + " checks, "
              + o.breaches().size()
              + " breaches on "
              + o.events()
              + " labelled candidate events; the same as ./aimon gate --candidate "
              + file
              + ")");
    }
    console.flush();
  }

  private Path writeInputs(String bootstrap, URI alertmanager, URI tsa) throws IOException {
    DemoGenerator reference = new DemoGenerator(SEED);
    long start = System.currentTimeMillis() - Duration.ofDays(1).toMillis();
    for (String model : DemoGenerator.MODELS) {
      Path file = out.resolve("reference-" + model + ".jsonl.gz");
      try (Writer w =
          new BufferedWriter(
              new OutputStreamWriter(
                  new GZIPOutputStream(Files.newOutputStream(file)), StandardCharsets.UTF_8))) {
        for (int i = 0; i < REFERENCE_EVENTS; i++) {
          w.write(reference.event(model, start + i * 1000L, DemoGenerator.Phase.NORMAL));
          w.write('\n');
        }
      }
    }
    Path config = out.resolve("aimon-demo.yaml");
    // evidence: a signing key kept across demo runs, a fresh archive per run (a new chain)
    Path key = out.resolve(EvidenceKeys.KEY_FILE);
    if (!Files.exists(key)) {
      EvidenceKeys.write(Ed25519Keys.generate(), key, out.resolve(EvidenceKeys.PUBLIC_KEY_FILE));
    }
    deleteTree(out.resolve(MonitorRunner.EVIDENCE_DIR));
    Files.writeString(
        config,
        DemoGenerator.config(bootstrap, alertmanager.toString())
            // one clean window verifies the demo operator's action within the demo's last third
            + "corrective_actions:\n  verify_windows: 1\n"
            + "evidence:\n  dir: "
            + MonitorRunner.EVIDENCE_DIR
            + "\n  signing_key: file:"
            + EvidenceKeys.KEY_FILE
            + "\n  timestamp_url: "
            + tsa
            + "\n");
    return config;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** Labels are published this long after their prediction (and stamped so). */
  static final long LABEL_DELAY_MILLIS = 5_000;

  /**
   * Produces the demo's events until the duration is over; {@code onRecovery} runs once when the
   * drift ends.
   */
  private long produce(String bootstrap, String topic, String labelsTopic, Runnable onRecovery)
      throws InterruptedException {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    DemoGenerator gen = new DemoGenerator(SEED + 1).withCanary().withCorrelationShift();
    long begin = System.currentTimeMillis();
    long end = begin + duration.toMillis();
    long tickMillis = 100;
    int perTick = Math.max(1, rate / 10);
    long produced = 0;
    DemoGenerator.Phase shown = null;
    java.util.ArrayDeque<long[]> dueTimes = new java.util.ArrayDeque<>();
    java.util.ArrayDeque<String> pendingLabels = new java.util.ArrayDeque<>();
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
      for (long now = begin; now < end; now = System.currentTimeMillis()) {
        DemoGenerator.Phase phase = phaseAt(now - begin);
        if (phase != shown) {
          console.println(
              "aimon demo: phase "
                  + phase.name().toLowerCase()
                  + " at "
                  + Instant.ofEpochMilli(now)
                  + switch (phase) {
                    case DRIFT ->
                        " (income, region, monthly_charges, contract shift; credit-risk accuracy"
                            + " drops and gender=F selection falls)";
                    case RECOVERY ->
                        " (the shifts end; credit-risk's debt_ratio now moves against age, each"
                            + " distribution unchanged)";
                    default -> "";
                  });
          console.flush();
          shown = phase;
          if (phase == DemoGenerator.Phase.RECOVERY) {
            onRecovery.run();
          }
        }
        for (int i = 0; i < perTick; i++) {
          for (String model : DemoGenerator.MODELS) {
            DemoGenerator.Generated g =
                gen.generate(model, now - (i % 5) * 50L, phase, LABEL_DELAY_MILLIS, false);
            producer.send(new ProducerRecord<>(topic, model, g.event()));
            dueTimes.add(new long[] {now + LABEL_DELAY_MILLIS});
            pendingLabels.add(g.label());
            produced++;
          }
        }
        if (produced % 1000 < 2L * perTick) {
          producer.send(new ProducerRecord<>(topic, "bad", gen.badRecord(now)));
        }
        while (!dueTimes.isEmpty() && dueTimes.peek()[0] <= now) {
          dueTimes.poll();
          producer.send(new ProducerRecord<>(labelsTopic, pendingLabels.poll()));
        }
        long sleep = tickMillis - (System.currentTimeMillis() - now);
        if (sleep > 0) {
          Thread.sleep(sleep);
        }
      }
      producer.flush();
    }
    return produced;
  }

  private DemoGenerator.Phase phaseAt(long elapsedMillis) {
    long third = duration.toMillis() / 3;
    if (elapsedMillis < third) {
      return DemoGenerator.Phase.NORMAL;
    }
    return elapsedMillis < 2 * third ? DemoGenerator.Phase.DRIFT : DemoGenerator.Phase.RECOVERY;
  }
}
