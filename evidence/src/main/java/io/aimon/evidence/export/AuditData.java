package io.aimon.evidence.export;

import io.aimon.evidence.ArchiveVerifier;
import io.aimon.evidence.Ed25519Keys;
import io.aimon.evidence.EvidenceRecord;
import io.aimon.evidence.Gate;
import io.aimon.evidence.Manifest;
import io.aimon.evidence.ManifestTimestamp;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything an export holds, read in one pass over the archive: the selected records in model then
 * seq order, the manifests signing them, per model what they add up to, the previous period's
 * totals, and the verification of the whole archive.
 */
final class AuditData {
  /** A manifest line kept until the selection is known. */
  private record ManifestEntry(
      String modelId, long firstSeq, long lastSeq, String line, long order) {}

  private static final Comparator<ExportRecord> RECORD_ORDER =
      Comparator.comparing(ExportRecord::modelId)
          .thenComparingLong(ExportRecord::seq)
          .thenComparingLong(ExportRecord::order);

  private final AuditExport.Selection selection;
  private final ArchiveVerifier.Report verification;
  private final String trustedKeyId;
  private final Map<String, ModelAudit> models;
  private final Map<String, Set<String>> keyIds;
  private final List<ExportRecord> records;
  private final List<String> manifests;
  private final int manifestCount;
  private final Long previousFrom;
  private final long periodStart;
  private final long periodEnd;

  private AuditData(
      AuditExport.Selection selection,
      ArchiveVerifier.Report verification,
      String trustedKeyId,
      Map<String, ModelAudit> models,
      Map<String, Set<String>> keyIds,
      List<ExportRecord> records,
      List<String> manifests,
      int manifestCount,
      Long previousFrom) {
    this.selection = selection;
    this.verification = verification;
    this.trustedKeyId = trustedKeyId;
    this.models = Collections.unmodifiableMap(models);
    this.keyIds = Collections.unmodifiableMap(keyIds);
    this.records = Collections.unmodifiableList(records);
    this.manifests = Collections.unmodifiableList(manifests);
    this.manifestCount = manifestCount;
    this.previousFrom = previousFrom;
    long start = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    for (ModelAudit m : models.values()) {
      start = Math.min(start, m.archiveStart());
      end = Math.max(end, m.archiveEnd());
    }
    if (start > end) {
      this.periodStart = Fmt.clampDate(selection.from());
      this.periodEnd = Math.max(periodStart, Fmt.clampDate(selection.to()));
    } else {
      this.periodStart = Fmt.clampDate(Math.max(selection.from(), start));
      this.periodEnd = Math.max(periodStart, Fmt.clampDate(Math.min(selection.to(), end)));
    }
  }

  /**
   * Scans {@code dir} and collects the selection.
   *
   * @param verification the verification of {@code dir}, already done
   * @param progress advanced by one per line read
   */
  static AuditData collect(
      Path dir,
      AuditExport.Selection selection,
      ArchiveVerifier.Report verification,
      PublicKey trusted,
      ProgressCounter progress) {
    Long previousFrom = previousFrom(selection);
    Map<String, ModelAudit> models = new TreeMap<>();
    for (String id : verification.models().keySet()) {
      if (selection.modelId() == null || selection.modelId().equals(id)) {
        models.put(id, new ModelAudit(id));
      }
    }
    List<ExportRecord> selected = new ArrayList<>();
    List<ManifestEntry> allManifests = new ArrayList<>();
    // time stamp lines by (model, first seq, last seq) of the manifest they stamp
    Map<List<Object>, List<String>> stamps = new HashMap<>();
    Map<String, Set<String>> keyIds = new TreeMap<>();
    ArchiveScan.scan(
        dir,
        new ArchiveScan.Handler() {
          @Override
          public void record(EvidenceRecord r, String line, long order) {
            ModelAudit m = model(r.modelId());
            if (m == null) {
              return;
            }
            boolean inPrevious =
                previousFrom != null && r.time() >= previousFrom && r.time() < selection.from();
            m.observe(r, inPrevious);
            if (selection.includes(r.modelId(), r.time())) {
              selected.add(ExportRecord.of(r, line, order));
            }
          }

          @Override
          public void manifest(Manifest mf, String line, long order) {
            keyIds.computeIfAbsent(mf.modelId(), k -> new TreeSet<>()).add(mf.keyId());
            ModelAudit m = model(mf.modelId());
            if (m == null) {
              return;
            }
            m.observeKey(mf.keyId());
            allManifests.add(
                new ManifestEntry(mf.modelId(), mf.firstSeq(), mf.lastSeq(), line, order));
          }

          @Override
          public void timestamp(ManifestTimestamp t, String line, long order) {
            if (model(t.modelId()) != null) {
              stamps
                  .computeIfAbsent(
                      List.of(t.modelId(), t.firstSeq(), t.lastSeq()), k -> new ArrayList<>())
                  .add(line);
            }
          }

          @Override
          public void gate(Gate g, String line, long order) {
            ModelAudit m = model(g.modelId());
            if (m != null) {
              m.observeGate(g, g.signatureValid(trusted));
            }
          }

          @Override
          public void lineRead() {
            progress.advance(1);
          }

          private ModelAudit model(String id) {
            if (selection.modelId() != null && !selection.modelId().equals(id)) {
              return null;
            }
            // a model the verification did not see (the archive changed since): still export it
            return models.computeIfAbsent(id, ModelAudit::new);
          }
        });
    selected.sort(RECORD_ORDER);
    Map<String, List<ExportRecord>> byModel = new TreeMap<>();
    Map<String, NavigableSet<Long>> seqs = new TreeMap<>();
    for (ExportRecord r : selected) {
      byModel.computeIfAbsent(r.modelId(), k -> new ArrayList<>()).add(r);
      seqs.computeIfAbsent(r.modelId(), k -> new TreeSet<>()).add(r.seq());
    }
    for (ModelAudit m : models.values()) {
      m.finish(byModel.getOrDefault(m.modelId(), List.of()), selection.from(), selection.to());
    }
    allManifests.sort(
        Comparator.comparing(ManifestEntry::modelId)
            .thenComparingLong(ManifestEntry::firstSeq)
            .thenComparingLong(ManifestEntry::order));
    List<String> manifests = new ArrayList<>();
    int manifestCount = 0;
    for (ManifestEntry e : allManifests) {
      NavigableSet<Long> s = seqs.get(e.modelId());
      Long first = s == null ? null : s.ceiling(e.firstSeq());
      if (first != null && first <= e.lastSeq()) {
        manifests.add(e.line());
        manifestCount++;
        manifests.addAll(
            stamps.getOrDefault(List.of(e.modelId(), e.firstSeq(), e.lastSeq()), List.of()));
      }
    }
    String trustedKeyId = trusted == null ? null : Ed25519Keys.keyId(trusted);
    return new AuditData(
        selection,
        verification,
        trustedKeyId,
        models,
        keyIds,
        selected,
        manifests,
        manifestCount,
        previousFrom);
  }

  /** Start of the previous period of equal length, or null when it cannot be computed. */
  private static Long previousFrom(AuditExport.Selection s) {
    try {
      long length = Math.subtractExact(s.to(), s.from());
      return Math.subtractExact(s.from(), length);
    } catch (ArithmeticException e) {
      return null;
    }
  }

  AuditExport.Selection selection() {
    return selection;
  }

  ArchiveVerifier.Report verification() {
    return verification;
  }

  /** Key id of the trusted key, or null when none was given. */
  String trustedKeyId() {
    return trustedKeyId;
  }

  /** The models of the selection present in the archive, by id. */
  Map<String, ModelAudit> models() {
    return models;
  }

  /** The key ids of the manifests of every model of the archive (not only the selected ones). */
  Map<String, Set<String>> keyIds() {
    return keyIds;
  }

  /** The clauses and controls over all models of the selection, with their gaps. */
  ControlCoverage controls() {
    return ControlCoverage.of(models.values());
  }

  /** Models with at least one selected record. */
  List<ModelAudit> modelsWithRecords() {
    return models.values().stream().filter(m -> !m.records().isEmpty()).toList();
  }

  /** The selected records, in model then seq order. */
  List<ExportRecord> records() {
    return records;
  }

  /**
   * The lines of the manifests signing at least one selected record, in model and seq order, each
   * followed by its time stamps.
   */
  List<String> manifests() {
    return manifests;
  }

  /** The number of manifests among {@link #manifests()} (their time stamps not counted). */
  int manifestCount() {
    return manifestCount;
  }

  /**
   * Start of the period shown: the selection's start, or the archive's first record of the selected
   * models when that is later; within OSCAL's dates (years 1900..2999).
   */
  long periodStart() {
    return periodStart;
  }

  /** End of the period shown: the selection's end, or the archive's last record time if earlier. */
  long periodEnd() {
    return periodEnd;
  }

  /** Start of the previous period of equal length {@code [previousFrom, from)}, or null. */
  Long previousFrom() {
    return previousFrom;
  }

  /** Whether the archive holds records of the selected models in the previous period. */
  boolean previousAvailable() {
    return previousFrom != null && previous().records() > 0;
  }

  /** Whether the archive begins inside the previous period (its totals are of a part of it). */
  boolean previousPartial() {
    long start = models.values().stream().mapToLong(ModelAudit::archiveStart).min().orElse(0);
    return previousFrom != null && start > previousFrom;
  }

  /** Totals of the period over all selected models. */
  PeriodTotals current() {
    PeriodTotals t = new PeriodTotals();
    models.values().forEach(m -> t.addAll(m.current()));
    return t;
  }

  /** Totals of the previous period over all selected models. */
  PeriodTotals previous() {
    PeriodTotals t = new PeriodTotals();
    models.values().forEach(m -> t.addAll(m.previous()));
    return t;
  }

  /** Latest time of a selected record, or the period end without records. */
  long lastRecordTime() {
    return records.stream().mapToLong(ExportRecord::time).max().orElse(periodEnd);
  }
}
