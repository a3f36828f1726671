package io.aimon.jobs.evidence;

import io.aimon.alerting.notify.Secret;
import io.aimon.evidence.ArchiveLine;
import io.aimon.evidence.ChainState;
import io.aimon.evidence.ChainWriter;
import io.aimon.evidence.DeadLetterCount;
import io.aimon.evidence.Ed25519Keys;
import io.aimon.evidence.EvidenceItem;
import io.aimon.evidence.Manifest;
import io.aimon.evidence.ManifestTimestamp;
import io.aimon.evidence.payload.MonitoringPlanEvidence;
import io.aimon.evidence.timestamp.TimestampClient;
import io.aimon.evidence.timestamp.TimestampException;
import io.aimon.jobs.monitor.ChainStateSerializer;
import io.aimon.jobs.monitor.EvidenceItemSerializer;
import io.aimon.jobs.state.ChainContinuation;
import java.net.URI;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by model: moves evidence items and dead-letter counts between Flink state and the model's
 * {@link ChainWriter}, which chains, counts and signs. Manifests are signed with the configured
 * Ed25519 key ({@code evidence.signing_key}); without one, with a key made when the task starts,
 * which proves integrity but not origin.
 *
 * <p>An item waits in keyed state until the watermark passes its time ({@link EventTimeBuffer}):
 * then no item sorting before it can still come, and the writer appends it. Dead-letter counts
 * never wait: the writer adds them to its counters at once, so a flood of late or bad records costs
 * a few counters, not state per record. The chain state and the waiting items are keyed state, so
 * the chain continues across restarts; at the end of a bounded input the remaining records get a
 * final manifest.
 *
 * <p>With a time stamping authority ({@code evidence.timestamp_url}), each manifest is followed by
 * its RFC 3161 time stamp ({@link ManifestTimestamp}). A TSA that does not answer after {@link
 * TimestampClient#ATTEMPTS} attempts leaves the manifest unstamped, logged and counted ({@code
 * evidenceTimestampFailures}), and so are the manifests of the next {@link #STAMP_PAUSE}, so a TSA
 * that is down does not hold the chain up; the job goes on, and {@code verify} lists them as
 * unstamped. After a restore the manifests written since the checkpoint are stamped again: the
 * sinks commit on checkpoint, so the stamps of the failed attempt were never committed and each
 * manifest keeps one stamp, made when it was written again.
 */
public final class WriteEvidence
    extends KeyedCoProcessFunction<String, EvidenceItem, DeadLetterCount, EvidenceLine> {
  private static final long serialVersionUID = 1L;

  /** Per attempt at the TSA. */
  static final Duration STAMP_TIMEOUT = Duration.ofSeconds(10);

  /**
   * After a manifest the TSA did not stamp, how long manifests are left unstamped without asking: a
   * TSA that is down must not hold the chain up for every manifest's attempts.
   */
  static final Duration STAMP_PAUSE = Duration.ofMinutes(1);

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(WriteEvidence.class);

  private final String signingKey;
  private final Map<String, Long> windowMillis;
  private final ChainContinuation continuation;
  private final Map<String, MonitoringPlanEvidence> plans;
  private final String timestampUrl;
  private transient TimestampClient stamper;
  private transient Counter stampFailures;
  private transient long stampPausedUntil;
  private transient Map<String, ChainWriter> writers;
  private transient ValueState<ChainState> chain;
  private transient EventTimeBuffer<EvidenceItem> waiting;

  /**
   * @param signingKey a secret reference to the key file ({@link EvidenceKeys}), or null
   * @param windowMillis every configured model's window length
   * @param continuation where the chains continue when the job starts with empty state and lost an
   *     earlier run's ({@code --continue-chain}); null to start each chain at seq 1
   * @param plans the monitoring plan of each model, recorded in its chain before its first records
   *     whenever the chain last recorded another (models without one record none)
   * @param timestampUrl the RFC 3161 TSA that stamps each manifest, or null for none
   */
  public WriteEvidence(
      String signingKey,
      Map<String, Long> windowMillis,
      ChainContinuation continuation,
      Map<String, MonitoringPlanEvidence> plans,
      String timestampUrl) {
    this.timestampUrl = timestampUrl;
    this.signingKey = signingKey;
    this.windowMillis = Map.copyOf(windowMillis);
    this.continuation = continuation;
    this.plans = new HashMap<>(plans);
  }

  @Override
  public void open(OpenContext context) {
    KeyPair keys;
    if (signingKey != null) {
      keys = EvidenceKeys.read(Secret.of(signingKey));
    } else {
      keys = Ed25519Keys.generate();
      LOG.warn(
          "evidence.signing_key is not set: manifests are signed with a key made for this run"
              + " (key id {}): they show the archive is intact, not who wrote it",
          Ed25519Keys.keyId(keys.getPublic()));
    }
    if (timestampUrl != null) {
      stamper = new TimestampClient(URI.create(timestampUrl), STAMP_TIMEOUT);
      stampFailures = getRuntimeContext().getMetricGroup().counter("evidenceTimestampFailures");
    }
    writers = new HashMap<>();
    windowMillis.forEach(
        (model, w) -> writers.put(model, new ChainWriter(model, w, keys, plans.get(model))));
    chain =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("chain", ChainStateSerializer.TYPE_INFO));
    waiting =
        EventTimeBuffer.create(getRuntimeContext(), "waiting", EvidenceItemSerializer.TYPE_INFO);
  }

  @Override
  public void processElement1(EvidenceItem item, Context ctx, Collector<EvidenceLine> out)
      throws Exception {
    long at = ctx.timestamp() != null ? ctx.timestamp() : item.time();
    waiting.add(at, item, ctx.timerService());
    ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
  }

  @Override
  public void processElement2(DeadLetterCount count, Context ctx, Collector<EvidenceLine> out)
      throws Exception {
    long at =
        count.time() != Long.MIN_VALUE || ctx.timestamp() == null ? count.time() : ctx.timestamp();
    ChainState state = current(ctx.getCurrentKey());
    writers.get(ctx.getCurrentKey()).count(state, count.at(at));
    chain.update(state);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<EvidenceLine> out)
      throws Exception {
    String model = ctx.getCurrentKey();
    ChainWriter writer = writers.get(model);
    ChainState state = current(model);
    List<ArchiveLine> lines = new ArrayList<>();
    // one append per time: the writer orders what it is given, and must not mix two times that
    // another run's watermarks would release apart
    List<List<EvidenceItem>> groups = waiting.takeGroupsUpTo(timestamp, ChainWriter.ORDER);
    if (continuation != null
        && state.head().equals(continuation.tail(model).head())
        && (!groups.isEmpty() || timestamp == Long.MAX_VALUE)) {
      // the break opens the continuation at the time of its first records, so the records of the
      // continuing run stay in time order (it may re-read windows older than the chain's end)
      long at =
          groups.isEmpty()
              ? continuation.defaultTime(model)
              : groups.get(0).stream().mapToLong(EvidenceItem::time).min().orElseThrow();
      lines.addAll(writer.append(state, List.of(continuation.stateLoss(model, at))));
    }
    for (List<EvidenceItem> group : groups) {
      lines.addAll(writer.append(state, group));
    }
    if (timestamp == Long.MAX_VALUE) {
      lines.addAll(writer.finish(state));
    }
    chain.update(state);
    emit(lines, out);
  }

  /**
   * The model's chain state: the checkpointed one; before the first record, a new chain, or with a
   * continuation the continued chain (its state loss record comes with its first records).
   */
  private ChainState current(String model) throws Exception {
    ChainState s = chain.value();
    if (s != null) {
      return s;
    }
    return continuation == null
        ? new ChainState()
        : ChainState.continuing(continuation.tail(model));
  }

  /**
   * Emits the time stamp of {@code m}; a TSA that fails leaves it unstamped, logged and counted,
   * and so are the manifests of the {@link #STAMP_PAUSE} after.
   */
  private void stamp(Manifest m, Collector<EvidenceLine> out) throws InterruptedException {
    long now = System.currentTimeMillis();
    String why;
    if (now < stampPausedUntil) {
      why = "the TSA failed less than " + STAMP_PAUSE.toSeconds() + " s ago";
    } else {
      try {
        ManifestTimestamp t = stamper.stamp(m);
        out.collect(new EvidenceLine(t.modelId(), t.archiveTime(), t.toJson()));
        return;
      } catch (TimestampException e) {
        stampPausedUntil = System.currentTimeMillis() + STAMP_PAUSE.toMillis();
        why = e.getMessage();
      }
    }
    stampFailures.inc();
    LOG.warn(
        "manifest of {} seqs {}..{} left without a time stamp: {}",
        m.modelId(),
        m.firstSeq(),
        m.lastSeq(),
        why);
  }

  private void emit(List<ArchiveLine> lines, Collector<EvidenceLine> out)
      throws InterruptedException {
    for (ArchiveLine line : lines) {
      out.collect(new EvidenceLine(line.modelId(), line.archiveTime(), line.toJson()));
      if (stamper != null && line instanceof Manifest m) {
        stamp(m, out);
      }
    }
  }
}
