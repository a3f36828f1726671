package io.aimon.jobs.evidence;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aimon.alerting.notify.Secret;
import io.aimon.evidence.Ed25519Keys;
import io.aimon.evidence.EvidenceKind;
import io.aimon.evidence.EvidenceRecord;
import io.aimon.evidence.HashChain;
import io.aimon.evidence.Manifest;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Appends evidence items to their model's hash chain (keyed by model) and writes a manifest of the
 * records since the previous one after each window's coverage record, signed with the configured
 * Ed25519 key ({@code evidence.signing_key}); without one, with a key made when the task starts,
 * which proves integrity but not origin.
 *
 * <p>Late events and other dead letters are not records: each coverage record counts, as {@code
 * late_events} and by reason in {@code dead_letters}, the model's records dead-lettered since the
 * previous coverage record, and in {@code unattributed_dead_letters} those that name no configured
 * model (unreadable records, unknown models), which every model's coverage counts.
 *
 * <p>Items wait until the watermark passes their timestamp and are then appended sorted by (time,
 * kind, order), so the chain is the same whatever the interleaving of the job's streams, in a
 * failure-free run and after a restart. The chain head, the waiting items and the records not yet
 * in a manifest are keyed state: the chain continues across restarts. At the end of a bounded input
 * the remaining records get a final manifest.
 */
public final class WriteEvidence extends KeyedProcessFunction<String, EvidenceItem, EvidenceLine> {
  private static final long serialVersionUID = 1L;
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(WriteEvidence.class);
  private static final List<String> KIND_ORDER =
      List.of(
          EvidenceKind.CHECK.code(),
          EvidenceKind.INCIDENT.code(),
          EvidenceKind.NOTIFICATION.code(),
          EvidenceKind.CORRECTIVE_ACTION.code(),
          EvidenceKind.COVERAGE.code());
  private static final Comparator<EvidenceItem> ORDER =
      Comparator.comparingLong(EvidenceItem::time)
          .thenComparingInt(i -> KIND_ORDER.indexOf(i.kind()))
          .thenComparing(EvidenceItem::order);

  private final String signingKey;
  private transient KeyPair keys;
  private transient ValueState<HashChain.State> chain;
  private transient EventTimeBuffer<EvidenceItem> waiting;
  private transient ListState<String> unmanifested;
  private transient ValueState<Long> lateSinceCoverage;
  private transient MapState<String, Long> deadLettersSinceCoverage;

  /**
   * @param signingKey a secret reference to the key file ({@link EvidenceKeys}), or null
   */
  public WriteEvidence(String signingKey) {
    this.signingKey = signingKey;
  }

  @Override
  public void open(OpenContext context) {
    if (signingKey != null) {
      keys = EvidenceKeys.read(Secret.of(signingKey));
    } else {
      keys = Ed25519Keys.generate();
      LOG.warn(
          "evidence.signing_key is not set: manifests are signed with a key made for this run"
              + " (key id {}): they show the archive is intact, not who wrote it",
          Ed25519Keys.keyId(keys.getPublic()));
    }
    chain =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>("chain", TypeInformation.of(HashChain.State.class)));
    waiting =
        EventTimeBuffer.create(
            getRuntimeContext(), "waiting", TypeInformation.of(EvidenceItem.class));
    unmanifested =
        getRuntimeContext().getListState(new ListStateDescriptor<>("unmanifested", Types.STRING));
    lateSinceCoverage =
        getRuntimeContext().getState(new ValueStateDescriptor<>("late", Types.LONG));
    deadLettersSinceCoverage =
        getRuntimeContext()
            .getMapState(new MapStateDescriptor<>("dead-letters", Types.STRING, Types.LONG));
  }

  @Override
  public void processElement(EvidenceItem item, Context ctx, Collector<EvidenceLine> out)
      throws Exception {
    long at = ctx.timestamp() != null ? ctx.timestamp() : item.time();
    waiting.add(at, item, ctx.timerService());
    ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<EvidenceLine> out)
      throws Exception {
    List<EvidenceItem> due = waiting.takeUpTo(timestamp, ORDER);
    String model = ctx.getCurrentKey();
    HashChain.State state = chain.value() == null ? HashChain.State.INITIAL : chain.value();
    for (EvidenceItem item : due) {
      if (item.kind().equals(EvidenceItems.LATE)) {
        Long late = lateSinceCoverage.value();
        lateSinceCoverage.update(late == null ? 1 : late + 1);
        countDeadLetter(DEAD_LETTERS + "late");
        continue;
      }
      if (item.kind().equals(EvidenceItems.DEAD_LETTER)) {
        ObjectNode d = EvidenceItems.parse(item.data());
        countDeadLetter(
            (d.path("attributed").asBoolean() ? DEAD_LETTERS : UNATTRIBUTED)
                + d.path("reason").asText());
        continue;
      }
      ObjectNode data = EvidenceItems.parse(item.data());
      if (item.kind().equals(EvidenceKind.COVERAGE.code())) {
        Long late = lateSinceCoverage.value();
        data.put("late_events", late == null ? 0 : late);
        lateSinceCoverage.clear();
        putDeadLetters(data);
      }
      EvidenceRecord r =
          HashChain.append(
              state,
              model,
              EvidenceKind.ofCode(item.kind()),
              item.time(),
              item.windowStart(),
              item.windowEnd(),
              data);
      state = HashChain.after(r);
      String json = r.toJson();
      out.collect(new EvidenceLine(model, r.time(), json));
      unmanifested.add(json);
      if (item.kind().equals(EvidenceKind.COVERAGE.code())) {
        manifest(model, item.windowStart(), item.windowEnd(), out);
      }
    }
    chain.update(state);
    if (timestamp == Long.MAX_VALUE) {
      manifest(model, null, null, out);
    }
  }

  private static final String DEAD_LETTERS = "dead_letters/";
  private static final String UNATTRIBUTED = "unattributed_dead_letters/";

  private void countDeadLetter(String key) throws Exception {
    Long n = deadLettersSinceCoverage.get(key);
    deadLettersSinceCoverage.put(key, n == null ? 1 : n + 1);
  }

  /** Moves the dead-letter counts into the coverage data, reasons sorted. */
  private void putDeadLetters(ObjectNode data) throws Exception {
    java.util.TreeMap<String, Long> counts = new java.util.TreeMap<>();
    for (Map.Entry<String, Long> e : deadLettersSinceCoverage.entries()) {
      counts.put(e.getKey(), e.getValue());
    }
    ObjectNode own = data.putObject("dead_letters");
    ObjectNode unattributed = data.putObject("unattributed_dead_letters");
    counts.forEach(
        (key, n) -> {
          if (key.startsWith(DEAD_LETTERS)) {
            own.put(key.substring(DEAD_LETTERS.length()), n);
          } else {
            unattributed.put(key.substring(UNATTRIBUTED.length()), n);
          }
        });
    deadLettersSinceCoverage.clear();
  }

  /** A manifest of the records not in one yet, if any; window null = their own span. */
  private void manifest(String model, Long windowStart, Long windowEnd, Collector<EvidenceLine> out)
      throws Exception {
    List<EvidenceRecord> records = new ArrayList<>();
    for (String json : unmanifested.get()) {
      records.add(EvidenceRecord.fromJson(json));
    }
    if (records.isEmpty()) {
      return;
    }
    long start = windowStart != null ? windowStart : span(records, true);
    long end = windowEnd != null ? windowEnd : span(records, false);
    Manifest m = Manifest.sign(model, start, end, records, keys);
    out.collect(new EvidenceLine(model, end, m.toJson()));
    unmanifested.clear();
  }

  private static long span(List<EvidenceRecord> records, boolean start) {
    return records.stream()
        .mapToLong(
            r ->
                start
                    ? (r.windowStart() != null ? r.windowStart() : r.time())
                    : (r.windowEnd() != null ? r.windowEnd() : r.time()))
        .reduce(start ? Long::min : Long::max)
        .orElseThrow();
  }
}
