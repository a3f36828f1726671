package io.aimon.jobs.state;

import io.aimon.config.KafkaSettings;
import io.aimon.evidence.ArchiveFiles;
import io.aimon.evidence.ChainTail;
import io.aimon.evidence.EvidenceItem;
import io.aimon.evidence.payload.StateLossEvidence;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a run needs to continue the evidence chains of a job whose state is lost ({@code aimon run
 * --continue-chain}): where each model's chain ends, on the evidence topic and in {@code
 * evidence.dir}, and the {@code state_loss} record that opens the continuation. Read before the job
 * starts, it travels with the job graph to the evidence writer.
 *
 * @param tails per configured model, where its chain ends ({@link ChainTail#NONE} for none)
 * @param reason why no state could be restored
 * @param traces what showed the earlier run
 * @param startedAt when this run started, ISO-8601 UTC
 */
public record ChainContinuation(
    Map<String, ChainTail> tails, String reason, List<String> traces, String startedAt)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** How long reading the evidence topic to its end may take. */
  static final Duration READ_TIMEOUT = Duration.ofMinutes(10);

  public ChainContinuation {
    tails = Map.copyOf(tails);
    Objects.requireNonNull(reason, "reason");
    traces = List.copyOf(traces);
    Objects.requireNonNull(startedAt, "startedAt");
  }

  /**
   * Reads where the chains of {@code models} end on the evidence topic and, when set, in {@code
   * evidenceDir} (which must verify, on a local filesystem); both must end at the same record.
   *
   * @throws IllegalArgumentException naming the model and both ends when they differ, or why a
   *     chain cannot be continued (an archive that does not verify, a broken chain on the topic)
   */
  public static ChainContinuation read(
      KafkaSettings kafka,
      String evidenceDir,
      Collection<String> models,
      String reason,
      List<String> traces) {
    Map<String, ChainTail.Reader> readers = new LinkedHashMap<>();
    models.forEach(m -> readers.put(m, new ChainTail.Reader(m)));
    StartGuard.readEvidenceTopic(
        kafka,
        READ_TIMEOUT,
        () -> false,
        r -> {
          ChainTail.Reader reader =
              r.key() == null ? null : readers.get(new String(r.key(), StandardCharsets.UTF_8));
          if (reader != null) {
            try {
              reader.line(new String(r.value(), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
              throw new IllegalArgumentException(
                  "topic "
                      + kafka.evidenceTopic()
                      + " offset "
                      + r.offset()
                      + ": "
                      + e.getMessage(),
                  e);
            }
          }
        });
    Map<String, ChainTail> tails = new LinkedHashMap<>();
    readers.forEach((m, reader) -> tails.put(m, reader.tail()));
    if (evidenceDir != null) {
      java.nio.file.Path dir = localPath(evidenceDir);
      Map<String, ChainTail> archived = new LinkedHashMap<>();
      if (java.nio.file.Files.isDirectory(dir) && !ArchiveFiles.list(dir).isEmpty()) {
        archived.putAll(ChainTail.ofArchive(dir, models));
      } else {
        models.forEach(m -> archived.put(m, ChainTail.NONE));
      }
      for (String m : models) {
        if (!archived.get(m).head().equals(tails.get(m).head())) {
          throw new IllegalArgumentException(
              "model "
                  + m
                  + ": the evidence topic "
                  + kafka.evidenceTopic()
                  + " ends at seq "
                  + tails.get(m).head().seq()
                  + ", "
                  + evidenceDir
                  + " at seq "
                  + archived.get(m).head().seq()
                  + ": the two chains are not the same, so neither is continued");
        }
      }
    }
    return new ChainContinuation(
        tails, reason, traces, Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
  }

  /**
   * Where {@code model}'s chain ends: a continued chain's state starts there, and its state loss
   * record is still to be written while the state's head is this one.
   */
  public ChainTail tail(String model) {
    return tails.getOrDefault(model, ChainTail.NONE);
  }

  /**
   * The record that opens the continuation of {@code model}'s chain, at {@code time}: that of the
   * continuing run's first records.
   */
  public EvidenceItem stateLoss(String model, long time) {
    ChainTail tail = tail(model);
    return new EvidenceItem(
        model,
        time,
        null,
        null,
        "state-loss",
        StateLossEvidence.of(tail.head().seq(), tail.unsealed().size(), reason, traces, startedAt));
  }

  /**
   * Per model with a chain, the end of the last window its coverage records covered: the continuing
   * run treats those windows as closed.
   */
  public Map<String, Long> coveredUpTo() {
    Map<String, Long> out = new LinkedHashMap<>();
    tails.forEach(
        (m, t) -> {
          if (t.coveredUpTo() != Long.MIN_VALUE) {
            out.put(m, t.coveredUpTo());
          }
        });
    return out;
  }

  /** The time of the break when the continuing run writes no record: the chain's end, or now. */
  public long defaultTime(String model) {
    ChainTail tail = tail(model);
    return tail.head().seq() > 0 ? tail.time() : Instant.parse(startedAt).toEpochMilli();
  }

  /** One line for the operator: where each chain continues. */
  public String describe() {
    StringBuilder b = new StringBuilder();
    tails.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e ->
                b.append(b.length() == 0 ? "" : ", ")
                    .append(e.getKey())
                    .append(
                        e.getValue().head().seq() == 0
                            ? " (new chain)"
                            : " after seq " + e.getValue().head().seq()));
    return b.toString();
  }

  private static java.nio.file.Path localPath(String evidenceDir) {
    org.apache.flink.core.fs.Path p = CheckpointStore.qualified(evidenceDir);
    if (!"file".equals(p.toUri().getScheme())) {
      throw new IllegalArgumentException(
          "evidence.dir "
              + evidenceDir
              + ": a chain is continued only from an archive on a local filesystem, to verify it"
              + " first");
    }
    return java.nio.file.Path.of(p.toUri());
  }
}
