package io.aimon.evidence;

import io.aimon.detectors.model.EpochWindows;
import io.aimon.evidence.payload.CoverageEvidence;
import io.aimon.evidence.payload.DeadLetterTotals;
import io.aimon.evidence.payload.EvidencePayload;
import io.aimon.evidence.payload.MonitoringPlanEvidence;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Writes one model's evidence chain: orders what the monitoring job observed into hash-chained
 * {@link EvidenceRecord}s, counts dead letters into the window coverage records, and signs a {@link
 * Manifest} after each coverage record. Pure: all it keeps is the {@link ChainState} it is handed,
 * and a record leaves as soon as its place in the chain is fixed.
 *
 * <pre>{@code
 * ChainWriter writer = new ChainWriter("credit-risk", Duration.ofHours(1).toMillis(), keys);
 * ChainState state = new ChainState();                       // or restored from a checkpoint
 * writer.count(state, new DeadLetterCount("credit-risk", "malformed_json", true, t, 1));
 * List<ArchiveLine> lines = writer.append(state, itemsTheWatermarkPassed);
 * lines.addAll(writer.finish(state));                        // at the end of a bounded input
 * }</pre>
 *
 * <p>The caller decides when an item's place is fixed: when no item sorting before it can still
 * come (in a Flink job, when the watermark passes its time). Invariants, over the items of every
 * {@link #append} call and the counts of every {@link #count} call:
 *
 * <ol>
 *   <li>Each call's items become records in {@link #ORDER} (time, kind, order), their data in the
 *       payload's layout, so the chain does not depend on the order the items arrived in.
 *   <li>The records follow {@link HashChain}: seq consecutive from the state's head, each linked to
 *       the one before.
 *   <li>A manifest follows each coverage record, listing exactly the records since the previous
 *       manifest (the coverage record last), with the coverage's window.
 *   <li>A coverage record of the window ending {@code e} counts every dead letter counted so far
 *       whose time is {@code <= e}: its own ({@code dead_letters} by reason, of which {@code late}
 *       also as {@code late_events}) and those that named no configured model ({@code
 *       unattributed_dead_letters}). Every counted dead letter is in exactly one coverage record.
 *   <li>The state's size does not depend on the number of events, late records or dead letters (see
 *       {@link ChainState}'s invariants).
 *   <li>Deterministic: the same state, items and counts give the same lines, byte for byte (Ed25519
 *       signatures are deterministic), so a job restored from a checkpoint writes again exactly
 *       what it wrote after that checkpoint.
 *   <li>{@link #finish} signs a manifest of the records not yet in one, over their own span; with
 *       none, it writes nothing.
 *   <li>With a plan, the first append whose state last recorded another plan (or none) writes a
 *       {@code monitoring_plan} record first, at the time of its earliest item; the state keeps the
 *       plan's digest, so a restart with the same plan writes none and one with a changed plan
 *       writes the new one.
 * </ol>
 */
public final class ChainWriter {
  private static final List<EvidenceKind> KIND_ORDER =
      List.of(
          EvidenceKind.STATE_LOSS,
          EvidenceKind.MONITORING_PLAN,
          EvidenceKind.DEPLOYMENT,
          EvidenceKind.CHECK,
          EvidenceKind.INCIDENT,
          EvidenceKind.NOTIFICATION,
          EvidenceKind.CORRECTIVE_ACTION,
          EvidenceKind.COVERAGE);

  /**
   * The chain's order of items: by time, then kind (state loss, monitoring plan, deployment, check,
   * incident, notification, corrective action, coverage: a window's coverage comes after everything
   * else at its end), then order.
   */
  public static final Comparator<EvidenceItem> ORDER =
      Comparator.comparingLong(EvidenceItem::time)
          .thenComparingInt(i -> KIND_ORDER.indexOf(i.kind()))
          .thenComparing(EvidenceItem::order);

  private final String modelId;
  private final long windowMillis;
  private final KeyPair keys;
  private final MonitoringPlanEvidence plan;

  /**
   * @param modelId the model whose chain this writes
   * @param windowMillis the model's tumbling window length, aligned to the epoch, > 0: dead letters
   *     are counted per window
   * @param keys the Ed25519 key pair that signs manifests
   */
  public ChainWriter(String modelId, long windowMillis, KeyPair keys) {
    this(modelId, windowMillis, keys, null);
  }

  /**
   * A writer that records {@code plan} in the chain before the first records it appends whenever
   * the state's last recorded plan is another (a new chain, or a start with a changed plan).
   *
   * @param plan the monitoring plan in force, of this model, or null to record none
   */
  public ChainWriter(String modelId, long windowMillis, KeyPair keys, MonitoringPlanEvidence plan) {
    if (plan != null && !plan.modelId().equals(modelId)) {
      throw new IllegalArgumentException(
          "plan: expected the plan of " + modelId + ", found that of " + plan.modelId());
    }
    this.plan = plan;
    this.modelId = EvidenceJson.requireText(modelId, "model_id");
    if (windowMillis <= 0) {
      throw new IllegalArgumentException(
          "windowMillis: expected a window length > 0, found " + windowMillis);
    }
    this.windowMillis = windowMillis;
    this.keys = Objects.requireNonNull(keys, "keys");
  }

  /**
   * Counts dead letters for the coverage record of the window {@code c.time()} falls in (a time on
   * a window boundary belongs to the window that ends there), or for the next coverage record
   * written when that window's was written already.
   *
   * @throws IllegalArgumentException when {@code c} is of another model
   */
  public void count(ChainState s, DeadLetterCount c) {
    requireModel(c.modelId());
    s.count(windowEndAtOrAfter(c.time()), c.reason(), c.attributed(), c.count());
  }

  /**
   * Appends {@code items}, whose places are fixed, to the chain in {@link #ORDER}: the records,
   * each coverage record followed by its manifest.
   *
   * @throws IllegalArgumentException when an item is of another model or its data is not a JSON
   *     object fit for a record
   */
  public List<ArchiveLine> append(ChainState s, List<EvidenceItem> items) {
    List<EvidenceItem> sorted = new ArrayList<>(items);
    if (plan != null && !items.isEmpty() && !plan.planDigest().equals(s.planDigest())) {
      long at = items.stream().mapToLong(EvidenceItem::time).min().orElseThrow();
      sorted.add(new EvidenceItem(modelId, at, null, null, "monitoring_plan", plan));
      s.planRecorded(plan.planDigest());
    }
    sorted.sort(ORDER);
    List<ArchiveLine> lines = new ArrayList<>();
    for (EvidenceItem item : sorted) {
      requireModel(item.modelId());
      EvidencePayload payload = item.payload();
      if (payload instanceof CoverageEvidence coverage) {
        ChainState.Counts counts = s.takeCountsUpTo(item.windowEnd());
        payload = coverage.withDeadLetters(DeadLetterTotals.of(counts.own, counts.unattributed));
      }
      EvidenceRecord r =
          HashChain.append(
              s.head(), modelId, item.time(), item.windowStart(), item.windowEnd(), payload);
      s.appended(r);
      lines.add(r);
      if (item.kind() == EvidenceKind.COVERAGE) {
        lines.add(manifest(s, item.windowStart(), item.windowEnd()));
      }
    }
    return lines;
  }

  /** A manifest of the records not in one yet, over their span; none when there are none. */
  public List<ArchiveLine> finish(ChainState s) {
    if (s.unmanifested().isEmpty()) {
      return List.of();
    }
    return List.of(manifest(s, s.spanStart(), s.spanEnd()));
  }

  /** The end of the window {@code time} falls in, a time on a boundary ending its window. */
  long windowEndAtOrAfter(long time) {
    if (time < Long.MIN_VALUE + windowMillis) {
      return Long.MIN_VALUE;
    }
    return EpochWindows.end(time - 1, windowMillis);
  }

  private Manifest manifest(ChainState s, long windowStart, long windowEnd) {
    List<String> hashes = s.unmanifested();
    Manifest m =
        Manifest.sign(
            modelId, windowStart, windowEnd, s.head().seq() - hashes.size() + 1, hashes, keys);
    s.manifested();
    return m;
  }

  private void requireModel(String other) {
    if (!modelId.equals(other)) {
      throw new IllegalArgumentException(
          "model_id: expected " + modelId + " (this chain's model), found " + other);
    }
  }
}
