package io.aimon.evidence;

import io.aimon.evidence.ArchiveReader.BadLine;
import io.aimon.evidence.ArchiveReader.ManifestLine;
import io.aimon.evidence.ArchiveReader.Pos;
import io.aimon.evidence.ArchiveReader.RecordLine;
import io.aimon.evidence.ArchiveVerifier.Kind;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The checks of {@link ArchiveVerifier} for one model's lines. Each tampering is reported once, at
 * its cause: later checks skip what earlier ones explained.
 *
 * <ol>
 *   <li>Manifest signatures; the signed hashes of good manifests become the reference.
 *   <li>Repeated seqs: the record the chain continues from is kept, the others are INSERTED.
 *   <li>Record hashes (MODIFIED).
 *   <li>Links in seq order: gaps (DELETED, or attributed to an unreadable line between the two
 *       records) and prev mismatches (MODIFIED, at whichever record a manifest proves changed).
 *   <li>Order in the files (REORDERED: outside the longest in-order subsequence).
 *   <li>Manifest ranges: gaps (DELETED manifest) and overlaps (INSERTED manifest).
 *   <li>Signed hashes against records (MODIFIED, once per rewritten stretch; TRUNCATED at the end).
 *   <li>Coverage windows (COVERAGE_GAP, unless records missing in between explain it).
 * </ol>
 */
final class ModelCheck {
  /** Seqs {@code from..to} are missing, explained by {@code finding}. */
  record Missing(long from, long to, Finding finding) {}

  final String model;
  final ArchiveReader archive;
  final PublicKey trusted;
  private final List<Finding> out;

  private final List<RecordLine> records = new ArrayList<>();
  final List<ManifestLine> manifests = new ArrayList<>();
  private final List<BadLine> bad = new ArrayList<>();

  /** Per seq, the record the chain runs through. */
  final TreeMap<Long, RecordLine> accepted = new TreeMap<>();

  /** Seqs already reported as modified, with the report. */
  final Map<Long, Finding> flagged = new HashMap<>();

  /** Missing seqs already explained (deleted, or lost with an unreadable line). */
  final List<Missing> missing = new ArrayList<>();

  private final ManifestCheck manifestCheck = new ManifestCheck(this);

  /**
   * The first seq the chain must have, and the prev it must link to: after retention's deletions.
   */
  private long startSeq = 1;

  private String startPrev = EvidenceRecord.GENESIS;

  ModelCheck(String model, ArchiveReader archive, PublicKey trusted, List<Finding> out) {
    this.model = model;
    this.archive = archive;
    this.trusted = trusted;
    this.out = out;
    records.addAll(archive.records(model));
    manifests.addAll(archive.manifests(model));
    archive.bad().stream().filter(b -> archive.mayBeOf(b, model)).forEach(bad::add);
  }

  ArchiveVerifier.ModelSummary run() {
    manifestCheck.checkSignatures();
    chooseAmongRepeats();
    applyDeletions();
    checkHashes();
    checkLinks();
    checkOrder();
    manifestCheck.checkRanges();
    manifestCheck.checkSignedHashes();
    checkCoverage();
    Set<List<Long>> windows = new HashSet<>();
    accepted.values().stream()
        .filter(r -> r.kind() == EvidenceKind.COVERAGE)
        .forEach(r -> windows.add(List.of(r.windowStart(), r.windowEnd())));
    return new ArchiveVerifier.ModelSummary(
        records.size(),
        manifests.size(),
        accepted.isEmpty() ? 0 : accepted.firstKey(),
        accepted.isEmpty() ? 0 : accepted.lastKey(),
        accepted.isEmpty() ? EvidenceRecord.GENESIS : accepted.lastEntry().getValue().hash(),
        windows.size(),
        manifestCheck.intact().stream().map(ml -> ml.manifest().keyId()).toList());
  }

  /** The manifests whose signature verifies against the key they embed; after {@link #run}. */
  List<ManifestLine> signedManifests() {
    return manifestCheck.intact();
  }

  /** What the first record must link to, in words. */
  private String startName() {
    return startSeq == 1
        ? "the genesis hash"
        : "the last_hash of the deletion record of the seqs before it";
  }

  /** The first seq of the chain: 1, or after the seqs valid deletion records say were removed. */
  long startSeq() {
    return startSeq;
  }

  /** The hash the chain's first record must name as prev: genesis, or the last one removed. */
  String startPrev() {
    return startPrev;
  }

  /**
   * Takes the chain's start from the model's deletion records: each must be signed (by the trusted
   * key when one is given) and start where the one before ended (the first at seq 1); the chain
   * then starts after the last, unless records it names are still there (an expiry interrupted
   * before it removed them: they are checked as usual).
   */
  private void applyDeletions() {
    List<ArchiveReader.DeletionLine> lines = new ArrayList<>(archive.deletions(model));
    lines.sort(
        java.util.Comparator.comparingLong(
                (ArchiveReader.DeletionLine d) -> d.deletion().firstSeq())
            .thenComparing(ArchiveReader.DeletionLine::pos));
    long next = 1;
    Deletion last = null;
    for (ArchiveReader.DeletionLine dl : lines) {
      Deletion d = dl.deletion();
      String wrong =
          !d.signatureValid(trusted)
              ? "its signature does not verify"
                  + (trusted == null ? "" : " with the trusted key")
                  + ", so the records it names count as missing"
              : d.firstSeq() != next
                  ? "expected it to start at seq "
                      + next
                      + (next == 1 ? " (the chain's start)" : " (after the deletion before it)")
                  : null;
      if (wrong != null) {
        add(
            Kind.BAD_DELETION,
            null,
            dl.pos(),
            "deletion record of seqs " + seqs(d.firstSeq(), d.lastSeq()) + ": " + wrong);
        break; // the deletions after it do not follow a valid one either
      }
      last = d;
      next = d.lastSeq() + 1;
    }
    if (last != null && (accepted.isEmpty() || accepted.firstKey() > last.lastSeq())) {
      startSeq = last.lastSeq() + 1;
      startPrev = last.lastHash();
    }
  }

  private void chooseAmongRepeats() {
    Map<Long, List<RecordLine>> bySeq = new TreeMap<>();
    records.forEach(r -> bySeq.computeIfAbsent(r.seq(), s -> new ArrayList<>()).add(r));
    for (Map.Entry<Long, List<RecordLine>> e : bySeq.entrySet()) {
      List<RecordLine> same = e.getValue();
      RecordLine best = same.get(0);
      if (same.size() > 1) {
        int bestScore = -1;
        for (RecordLine c : same) {
          int score = score(c, bySeq);
          if (score > bestScore) {
            best = c;
            bestScore = score;
          }
        }
        for (RecordLine c : same) {
          if (c == best) {
            continue;
          }
          boolean copy =
              c.hash().equals(best.hash()) && c.prev().equals(best.prev()) && c.hashValid();
          add(
              Kind.INSERTED,
              c.seq(),
              c.pos(),
              copy
                  ? "inserted: a copy of the record at " + archive.where(best.pos())
                  : "inserted: its seq repeats the record at "
                      + archive.where(best.pos())
                      + ", which is the one the chain links through"
                      + (c.hashValid() ? "" : "; its content does not give its hash either"));
        }
      }
      accepted.put(e.getKey(), best);
    }
  }

  /** How well a record fits where its seq says it is; the highest score is the genuine one. */
  private int score(RecordLine c, Map<Long, List<RecordLine>> bySeq) {
    int score = 0;
    if (c.hash().equals(manifestCheck.signedHash(c.seq()))) {
      score += 8;
    }
    if (bySeq.getOrDefault(c.seq() + 1, List.of()).stream()
        .anyMatch(n -> n.prev().equals(c.hash()))) {
      score += 4;
    }
    boolean prevFits =
        c.seq() == 1
            ? c.prev().equals(EvidenceRecord.GENESIS)
            : bySeq.getOrDefault(c.seq() - 1, List.of()).stream()
                .anyMatch(p -> p.hash().equals(c.prev()));
    if (prevFits) {
      score += 2;
    }
    if (c.hashValid()) {
      score += 1;
    }
    return score;
  }

  private void checkHashes() {
    for (RecordLine r : accepted.values()) {
      if (!r.hashValid()) {
        flagged.put(
            r.seq(), add(Kind.MODIFIED, r.seq(), r.pos(), "hash mismatch: record was modified"));
      }
    }
  }

  private void checkLinks() {
    RecordLine p = null;
    for (RecordLine r : accepted.values()) {
      long expected = p == null ? startSeq : p.seq() + 1;
      if (r.seq() > expected) {
        gap(p, r, expected, r.seq() - 1);
      } else if (!r.prev().equals(p == null ? startPrev : p.hash())) {
        brokenLink(p, r);
      }
      p = r;
    }
  }

  private void gap(RecordLine p, RecordLine r, long from, long to) {
    Pos lo = p == null ? null : min(p.pos(), r.pos());
    Pos hi = p == null ? r.pos() : max(p.pos(), r.pos());
    BadLine b = badBetween(lo, hi);
    if (b != null) {
      b.finding().note("; model " + model + " " + seqs(from, to) + " missing around it");
      missing.add(new Missing(from, to, b.finding()));
      return;
    }
    String what =
        (from == to ? "record deleted" : "records " + seqs(from, to) + " deleted")
            + ": "
            + (p == null
                ? "the chain starts at seq " + r.seq() + " here"
                : "the chain jumps from seq "
                    + p.seq()
                    + " ("
                    + archive.where(p.pos())
                    + ") to seq "
                    + r.seq()
                    + " here");
    missing.add(new Missing(from, to, add(Kind.DELETED, from, r.pos(), what)));
  }

  private void brokenLink(RecordLine p, RecordLine r) {
    String signedPrev = p == null ? null : manifestCheck.signedHash(p.seq());
    String signedThis = manifestCheck.signedHash(r.seq());
    if (p != null && signedPrev != null && !signedPrev.equals(p.hash())) {
      if (!flagged.containsKey(p.seq())) {
        modified(
            p,
            "record was modified and its hash recomputed: the next record ("
                + archive.where(r.pos())
                + ") and the manifest at "
                + archive.where(manifestCheck.signedBy(p.seq()).pos())
                + " name another hash");
      }
    } else if (signedThis != null && !signedThis.equals(r.hash())) {
      if (!flagged.containsKey(r.seq())) {
        modified(
            r,
            "record was modified and its hash recomputed: its prev does not link to "
                + (p == null ? startName() : "seq " + p.seq())
                + " and its hash is not the one signed in the manifest at "
                + archive.where(manifestCheck.signedBy(r.seq()).pos()));
      }
    } else if (!flagged.containsKey(r.seq())) {
      modified(
          r,
          p == null
              ? "prev is not " + startName() + ": the record was modified and its hash recomputed"
              : "prev does not link to seq "
                  + p.seq()
                  + " ("
                  + archive.where(p.pos())
                  + "): this record or that one was modified and its hash recomputed");
    }
  }

  private void modified(RecordLine r, String what) {
    flagged.put(r.seq(), add(Kind.MODIFIED, r.seq(), r.pos(), what));
  }

  /**
   * Records outside the longest subsequence in seq order (by position) are out of place. Files are
   * taken in the order of the lowest seq they hold, lines in their order: the archive's file names
   * (a writer's part files) say nothing about order, the lines within a file do.
   */
  private void checkOrder() {
    List<RecordLine> byPos = new ArrayList<>(accepted.values());
    java.util.Map<Integer, Long> fileFirstSeq = new java.util.HashMap<>();
    for (RecordLine r : byPos) {
      fileFirstSeq.merge(r.pos().file(), r.seq(), Math::min);
    }
    byPos.sort(
        Comparator.comparing((RecordLine r) -> fileFirstSeq.get(r.pos().file()))
            .thenComparing(RecordLine::pos));
    int n = byPos.size();
    int[] tail = new int[n];
    int[] before = new int[n];
    int length = 0;
    for (int i = 0; i < n; i++) {
      long v = byPos.get(i).seq();
      int lo = 0;
      int hi = length;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (byPos.get(tail[mid]).seq() < v) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      before[i] = lo > 0 ? tail[lo - 1] : -1;
      tail[lo] = i;
      if (lo == length) {
        length++;
      }
    }
    boolean[] inOrder = new boolean[n];
    for (int k = length == 0 ? -1 : tail[length - 1]; k >= 0; k = before[k]) {
      inOrder[k] = true;
    }
    for (int i = 0; i < n; i++) {
      if (inOrder[i]) {
        continue;
      }
      RecordLine r = byPos.get(i);
      String what;
      if (i > 0 && byPos.get(i - 1).seq() > r.seq()) {
        RecordLine o = byPos.get(i - 1);
        what = "out of order: it comes after seq " + o.seq() + " (" + archive.where(o.pos()) + ")";
      } else if (i + 1 < n && byPos.get(i + 1).seq() < r.seq()) {
        RecordLine o = byPos.get(i + 1);
        what = "out of order: it comes before seq " + o.seq() + " (" + archive.where(o.pos()) + ")";
      } else {
        what = "out of order: it is not where its seq puts it";
      }
      add(Kind.REORDERED, r.seq(), r.pos(), what);
    }
  }

  private void checkCoverage() {
    List<RecordLine> coverage = new ArrayList<>();
    accepted.values().stream()
        .filter(r -> r.kind() == EvidenceKind.COVERAGE)
        .forEach(coverage::add);
    coverage.sort(
        Comparator.comparingLong(RecordLine::windowStart).thenComparingLong(RecordLine::seq));
    for (int i = 1; i < coverage.size(); i++) {
      RecordLine a = coverage.get(i - 1);
      RecordLine b = coverage.get(i);
      if (a.windowEnd() >= b.windowStart()) {
        continue;
      }
      String window = EvidenceJson.iso(a.windowEnd()) + ".." + EvidenceJson.iso(b.windowStart());
      long lo = Math.min(a.seq(), b.seq());
      long hi = Math.max(a.seq(), b.seq());
      Missing m = missingOverlapping(lo, hi);
      Finding cause = m != null ? m.finding() : modifiedBetween(lo, hi);
      if (cause != null) {
        cause.note("; window " + window + " has no coverage record now");
      } else {
        add(
            Kind.COVERAGE_GAP,
            b.seq(),
            b.pos(),
            "window "
                + window
                + " not covered: the covered windows jump from the one ending there (seq "
                + a.seq()
                + ", "
                + archive.where(a.pos())
                + ") to the one starting there");
      }
    }
  }

  /** A missing range with a seq strictly between {@code lo} and {@code hi}. */
  Missing missingOverlapping(long lo, long hi) {
    for (Missing m : missing) {
      if (m.from() < hi && m.to() > lo) {
        return m;
      }
    }
    return null;
  }

  /** The report of a modified record with a seq in {@code [lo, hi]}, or null. */
  private Finding modifiedBetween(long lo, long hi) {
    for (long seq = lo; seq <= hi; seq++) {
      Finding f = flagged.get(seq);
      if (f != null) {
        return f;
      }
    }
    return null;
  }

  /** The first unreadable line strictly between two positions (null: open end). */
  BadLine badBetween(Pos lo, Pos hi) {
    for (BadLine b : bad) {
      Pos p = b.finding().pos;
      if ((lo == null || p.compareTo(lo) > 0) && (hi == null || p.compareTo(hi) < 0)) {
        return b;
      }
    }
    return null;
  }

  Finding add(Kind kind, Long seq, Pos pos, String what) {
    Finding f = new Finding(kind, model, seq, pos, what);
    out.add(f);
    return f;
  }

  static String range(Manifest m) {
    return seqs(m.firstSeq(), m.lastSeq())
        + " (window "
        + EvidenceJson.iso(m.windowStart())
        + ".."
        + EvidenceJson.iso(m.windowEnd())
        + ")";
  }

  static String seqs(long from, long to) {
    return from == to ? "seq " + from : "seqs " + from + ".." + to;
  }

  static Pos min(Pos a, Pos b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  static Pos max(Pos a, Pos b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
