package io.aimon.evidence;

import io.aimon.evidence.ArchiveReader.BadLine;
import io.aimon.evidence.ArchiveReader.ManifestLine;
import io.aimon.evidence.ArchiveReader.Pos;
import io.aimon.evidence.ArchiveReader.RecordLine;
import io.aimon.evidence.ArchiveVerifier.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The manifest checks of {@link ModelCheck}: signatures (BAD_SIGNATURE), ranges (a deleted or an
 * inserted manifest) and signed hashes against the records (MODIFIED for a rewritten chain,
 * TRUNCATED for records cut at the end).
 */
final class ManifestCheck {
  private final ModelCheck c;
  private final List<ManifestLine> usable = new ArrayList<>();
  private final List<ManifestLine> intact = new ArrayList<>();
  private final Set<Pos> overlapping = new HashSet<>();
  private final Map<Long, String> signed = new HashMap<>();
  private final Map<Long, ManifestLine> signedBy = new HashMap<>();

  ManifestCheck(ModelCheck c) {
    this.c = c;
  }

  /** The hash a good manifest signs for {@code seq}, or null. */
  String signedHash(long seq) {
    return signed.get(seq);
  }

  /** The good manifest that signs {@code seq}, or null. */
  ManifestLine signedBy(long seq) {
    return signedBy.get(seq);
  }

  /**
   * The manifests whose signature verifies against the key they embed (trusted or not), in file and
   * line order; after {@link #checkSignatures}.
   */
  List<ManifestLine> intact() {
    return intact;
  }

  /** Signatures; the hashes of good manifests become the reference for the record checks. */
  void checkSignatures() {
    Map<String, List<ManifestLine>> foreign = new LinkedHashMap<>();
    for (ManifestLine ml : c.manifests) {
      Manifest m = ml.manifest();
      if (!m.signatureValid()) {
        c.add(
            Kind.BAD_SIGNATURE,
            null,
            ml.pos(),
            "manifest of "
                + ModelCheck.range(m)
                + ": signature does not verify: the manifest was modified or its signature"
                + " damaged");
      } else if (c.trusted != null && !m.signatureValid(c.trusted)) {
        intact.add(ml);
        foreign.computeIfAbsent(m.keyId(), k -> new ArrayList<>()).add(ml);
      } else {
        intact.add(ml);
        usable.add(ml);
        for (int i = 0; i < m.hashes().size(); i++) {
          signed.putIfAbsent(m.firstSeq() + i, m.hashes().get(i));
          signedBy.putIfAbsent(m.firstSeq() + i, ml);
        }
      }
    }
    foreign.forEach(
        (keyId, list) -> {
          ManifestLine first = list.get(0);
          int more = list.size() - 1;
          c.add(
              Kind.BAD_SIGNATURE,
              null,
              first.pos(),
              "manifest of "
                  + ModelCheck.range(first.manifest())
                  + " is signed with key id "
                  + keyId
                  + ", not with the trusted key (key id "
                  + Ed25519Keys.keyId(c.trusted)
                  + ")"
                  + (more == 0
                      ? ""
                      : "; so "
                          + (more == 1 ? "is 1 more manifest" : "are " + more + " more manifests")
                          + " of this model, the last at "
                          + c.archive.where(list.get(list.size() - 1).pos())));
        });
  }

  /** Manifests must cover seqs 1..n without gaps or overlaps. */
  void checkRanges() {
    List<ManifestLine> sorted = new ArrayList<>(c.manifests);
    sorted.sort(
        Comparator.comparingLong((ManifestLine ml) -> ml.manifest().firstSeq())
            .thenComparing(ManifestLine::pos));
    long expected = c.startSeq();
    ManifestLine before = null;
    List<ManifestLine> seen = new ArrayList<>();
    for (ManifestLine ml : sorted) {
      Manifest m = ml.manifest();
      if (before == null && m.firstSeq() < expected && c.startSeq() > 1) {
        // retention removed the chain's start: a manifest of a day kept may still list records of
        // the days removed (labels judged after their window), or list only such records
        if (m.lastSeq() >= expected) {
          expected = m.lastSeq() + 1;
          before = ml;
          seen.add(ml);
        }
        continue;
      }
      if (m.firstSeq() > expected) {
        long from = expected;
        long to = m.firstSeq() - 1;
        // deleted or unreadable records around the gap explain a missing manifest too
        ModelCheck.Missing chainGap = c.missingOverlapping(from - 1, to + 1);
        Pos lo = before == null ? null : ModelCheck.min(before.pos(), ml.pos());
        Pos hi = before == null ? ml.pos() : ModelCheck.max(before.pos(), ml.pos());
        BadLine b = c.badBetween(lo, hi);
        Finding cause = chainGap != null ? chainGap.finding() : b != null ? b.finding() : null;
        if (cause != null) {
          cause.note("; no manifest of model " + c.model + " covers " + ModelCheck.seqs(from, to));
        } else {
          c.add(
              Kind.DELETED,
              from,
              ml.pos(),
              "manifest deleted: no manifest covers "
                  + ModelCheck.seqs(from, to)
                  + (before == null
                      ? ""
                      : " (the manifest before it is at " + c.archive.where(before.pos()) + ")"));
        }
      } else if (m.firstSeq() < expected) {
        ManifestLine other =
            seen.stream()
                .filter(
                    s ->
                        s.manifest().firstSeq() <= m.lastSeq()
                            && s.manifest().lastSeq() >= m.firstSeq())
                .findFirst()
                .orElse(before);
        c.add(
            Kind.INSERTED,
            null,
            ml.pos(),
            other.json().equals(ml.json())
                ? "inserted: a copy of the manifest at " + c.archive.where(other.pos())
                : "inserted: manifest of "
                    + ModelCheck.range(m)
                    + " overlaps the manifest at "
                    + c.archive.where(other.pos()));
        overlapping.add(ml.pos());
        expected = Math.max(expected, m.lastSeq() + 1);
        continue;
      }
      expected = m.lastSeq() + 1;
      before = ml;
      seen.add(ml);
    }
  }

  /** The hashes signed in good manifests against the records with those seqs. */
  void checkSignedHashes() {
    List<ManifestLine> sorted = new ArrayList<>(usable);
    sorted.removeIf(ml -> overlapping.contains(ml.pos()));
    sorted.sort(Comparator.comparingLong((ManifestLine ml) -> ml.manifest().firstSeq()));
    long maxSeq = c.accepted.isEmpty() ? 0 : c.accepted.lastKey();
    Finding rewritten = null;
    int alsoRewritten = 0;
    ManifestLine cutIn = null;
    long cutTo = 0;
    for (ManifestLine ml : sorted) {
      Manifest m = ml.manifest();
      for (int i = 0; i < m.hashes().size(); i++) {
        long seq = m.firstSeq() + i;
        RecordLine r = c.accepted.get(seq);
        if (r == null && seq < c.startSeq()) {
          // removed through the deletion records; the last one removed must be the one they name
          if (seq == c.startSeq() - 1 && !m.hashes().get(i).equals(c.startPrev())) {
            c.add(
                Kind.BAD_DELETION,
                null,
                ml.pos(),
                "the deletion records say seq "
                    + seq
                    + " had hash "
                    + c.startPrev()
                    + ", but this manifest signs "
                    + m.hashes().get(i));
          }
          continue;
        }
        if (r == null) {
          if (seq > maxSeq) {
            cutIn = cutIn == null ? ml : cutIn;
            cutTo = Math.max(cutTo, seq);
          } else if (c.missingOverlapping(seq - 1, seq + 1) == null) {
            c.missing.add(
                new ModelCheck.Missing(
                    seq,
                    seq,
                    c.add(
                        Kind.DELETED,
                        seq,
                        ml.pos(),
                        "record deleted: listed in this manifest, missing from the archive")));
          }
        } else if (!m.hashes().get(i).equals(r.hash()) && !c.flagged.containsKey(seq)) {
          if (rewritten == null) {
            rewritten =
                c.add(
                    Kind.MODIFIED,
                    seq,
                    r.pos(),
                    "record was modified and its hash recomputed: the manifest at "
                        + c.archive.where(ml.pos())
                        + " signs another hash");
          } else {
            alsoRewritten++;
          }
          c.flagged.put(seq, rewritten);
        }
      }
    }
    if (alsoRewritten > 0) {
      rewritten.note(
          "; "
              + alsoRewritten
              + " later record"
              + (alsoRewritten == 1 ? " differs" : "s differ")
              + " from the signed hashes too (the chain was rewritten from here)");
    }
    if (cutIn != null) {
      Pos last = c.accepted.isEmpty() ? null : c.accepted.lastEntry().getValue().pos();
      BadLine b = c.badBetween(last, null);
      if (b != null) {
        b.finding()
            .note(
                "; model "
                    + c.model
                    + " "
                    + ModelCheck.seqs(maxSeq + 1, cutTo)
                    + ", signed in the manifest at "
                    + c.archive.where(cutIn.pos())
                    + ", are missing after it");
      } else {
        c.add(
            Kind.TRUNCATED,
            maxSeq + 1,
            cutIn.pos(),
            "records cut off at the end: "
                + ModelCheck.seqs(maxSeq + 1, cutTo)
                + " are signed in this manifest but the archive ends at "
                + (last == null
                    ? "no record"
                    : "seq " + maxSeq + " (" + c.archive.where(last) + ")"));
      }
    }
  }
}
