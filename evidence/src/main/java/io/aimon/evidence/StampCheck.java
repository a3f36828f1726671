package io.aimon.evidence;

import io.aimon.evidence.ArchiveReader.ManifestLine;
import io.aimon.evidence.ArchiveReader.TimestampLine;
import io.aimon.evidence.ArchiveVerifier.Kind;
import io.aimon.evidence.timestamp.TimestampCheck;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The check of {@link ArchiveVerifier} on RFC 3161 time stamps ({@link ManifestTimestamp}): each
 * stamp must name a manifest of its model and hold for it ({@link TimestampCheck}), else it is a
 * {@link Kind#BAD_TIMESTAMP} at the stamp's line. When the archive holds any stamp, every manifest
 * without a valid one is listed as {@link Kind#UNSTAMPED} (a finding, not an integrity problem: the
 * TSA may have been unreachable when it was written), except those whose stamp is bad, which are
 * problems already.
 */
final class StampCheck {
  /** What the stamps add up to, over every model. */
  static final class Tally {
    long manifests;
    long stamped;
    final Set<String> tsas = new TreeSet<>();

    ArchiveVerifier.Stamps stamps(boolean anyStamp, boolean trusted) {
      return new ArchiveVerifier.Stamps(manifests, stamped, List.copyOf(tsas), anyStamp && trusted);
    }
  }

  private StampCheck() {}

  /** Whether the archive holds a time stamp line of any model. */
  static boolean anyStamp(ArchiveReader archive) {
    return archive.models().stream().anyMatch(m -> !archive.timestamps(m).isEmpty());
  }

  /**
   * Checks the stamps of {@code model}.
   *
   * @param trustedTsa the trusted TSA's certificate, or null to check against the one each token
   *     carries
   * @param listUnstamped whether to list the manifests without a valid stamp
   */
  static void check(
      String model,
      ArchiveReader archive,
      X509Certificate trustedTsa,
      boolean listUnstamped,
      Tally tally,
      List<Finding> out) {
    Map<List<Long>, ManifestLine> manifests = new HashMap<>();
    for (ManifestLine ml : archive.manifests(model)) {
      manifests.putIfAbsent(List.of(ml.manifest().firstSeq(), ml.manifest().lastSeq()), ml);
    }
    tally.manifests += manifests.size();
    Set<List<Long>> stamped = new HashSet<>();
    Set<List<Long>> bad = new HashSet<>();
    for (TimestampLine tl : archive.timestamps(model)) {
      ManifestTimestamp t = tl.stamp();
      List<Long> seqs = List.of(t.firstSeq(), t.lastSeq());
      ManifestLine ml = manifests.get(seqs);
      if (ml == null) {
        out.add(
            new Finding(
                Kind.BAD_TIMESTAMP,
                model,
                null,
                tl.pos(),
                "a time stamp of seqs "
                    + t.firstSeq()
                    + ".."
                    + t.lastSeq()
                    + ", but the archive has no manifest of those seqs"));
        continue;
      }
      TimestampCheck.Result r = TimestampCheck.check(t, ml.manifest(), trustedTsa);
      if (r.outcome().valid()) {
        stamped.add(seqs);
        tally.tsas.add(r.tsa());
      } else {
        bad.add(seqs);
        out.add(
            new Finding(
                Kind.BAD_TIMESTAMP,
                model,
                null,
                tl.pos(),
                "time stamp of the manifest of seqs "
                    + t.firstSeq()
                    + ".."
                    + t.lastSeq()
                    + " ("
                    + archive.where(ml.pos())
                    + "): "
                    + r.outcome()
                    + ", "
                    + r.message()));
      }
    }
    tally.stamped += stamped.size();
    if (!listUnstamped) {
      return;
    }
    for (Map.Entry<List<Long>, ManifestLine> e : manifests.entrySet()) {
      if (!stamped.contains(e.getKey()) && !bad.contains(e.getKey())) {
        Manifest m = e.getValue().manifest();
        out.add(
            new Finding(
                Kind.UNSTAMPED,
                model,
                null,
                e.getValue().pos(),
                "the manifest of seqs "
                    + m.firstSeq()
                    + ".."
                    + m.lastSeq()
                    + " (window ending "
                    + EvidenceJson.iso(m.windowEnd())
                    + ") has no time stamp"));
      }
    }
  }
}
