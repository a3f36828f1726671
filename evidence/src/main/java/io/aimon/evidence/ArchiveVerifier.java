package io.aimon.evidence;

import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Verifies an evidence archive: every {@code *.jsonl} file under a directory, each line an {@link
 * EvidenceRecord} or a {@link Manifest}, and reports each kind of tampering once, at its cause.
 *
 * <pre>{@code
 * ArchiveVerifier.Report report =
 *     ArchiveVerifier.verify(Path.of("evidence"), Ed25519Keys.readPublic(Path.of("signing.pub.pem")));
 * report.problems().forEach(p -> System.err.println(p.message()));
 * System.exit(report.intact() ? 0 : 1); // coverage gaps are reported, not an integrity problem
 * }</pre>
 *
 * <p>Files are read in path order, comparing path names segment by segment with digit runs compared
 * as numbers (so {@code part-2} comes before {@code part-10}); lines by position. For the order of
 * a model's records, its files are taken in the order of the lowest seq each holds (a writer's part
 * file names carry no order) and lines in file order. Records are grouped by model and checked for:
 *
 * <ul>
 *   <li>{@link Kind#MODIFIED}: a record whose content no longer gives its hash; a record whose hash
 *       was recomputed, seen from the next record's {@code prev} or a signed manifest (a chain
 *       rewritten from some record on is reported once, at its first record).
 *   <li>{@link Kind#DELETED}: a gap in the seqs (reported at the first missing seq, with the file
 *       and line of the record after the gap), or seqs between two manifests that no manifest
 *       covers.
 *   <li>{@link Kind#INSERTED}: a record whose seq repeats and which the chain does not continue
 *       from (the other one is linked by the next record, listed in a signed manifest, linked to
 *       the previous record; ties go to the first in the files); a manifest overlapping another.
 *   <li>{@link Kind#REORDERED}: records of a model that appear out of seq order; the records
 *       outside the longest in-order subsequence are reported.
 *   <li>{@link Kind#BAD_SIGNATURE}: a manifest whose signature does not verify, or (with a trusted
 *       key) signed with another key: reported once per model and key.
 *   <li>{@link Kind#TRUNCATED}: a signed manifest lists seqs beyond the model's last record.
 *       Records after the last manifest are fine: their window is still open.
 *   <li>{@link Kind#UNREADABLE}: a line that is not valid UTF-8 or JSON (e.g. a file cut mid-line),
 *       not a valid record or manifest, or longer than {@link BoundedLines#MAX_LINE_BYTES} (skipped
 *       unread to its newline; the lines after it are read). Records missing next to it are
 *       attributed to it.
 *   <li>{@link Kind#SKIPPED_FILE}: a symbolic link under the archive directory, to a file or a
 *       directory, whatever its name: never followed (it could lead out of the archive), its target
 *       never read or shown. An integrity problem, because an archive aimon writes holds regular
 *       files only, and a link in place of a file hides what the archive held; records missing
 *       where it sits are attributed to it.
 *   <li>{@link Kind#COVERAGE_GAP}: among a model's coverage records, sorted by window, a window end
 *       that is not the next window's start; the missing interval is reported. Overlapping windows
 *       are not reported. A coverage finding, not an integrity problem: the chain holds, the job
 *       evaluated no window there ({@link Kind#integrity()}).
 *   <li>{@link Kind#MULTIPLE_SIGNERS}: without a trusted key, manifests whose signatures verify
 *       against the keys they embed, but with more than one key: an archive has one signer, and
 *       nothing tells which key is genuine. Reported once, at the first manifest (in file and line
 *       order) of the second key, naming every key. With a trusted key, the manifests of another
 *       key are {@link Kind#BAD_SIGNATURE}s instead.
 *   <li>{@link Kind#MALFORMED_DATA}: a record whose hash holds but whose data does not fit the
 *       layout of its kind and version ({@link io.aimon.evidence.payload.EvidenceCodec}): intact,
 *       but not what aimon writes, so the export cannot read it.
 *   <li>{@link Kind#BAD_TIMESTAMP}: an RFC 3161 time stamp ({@link ManifestTimestamp}) that does
 *       not hold for its manifest: not a token, a token for other bytes, a manifest re-signed or
 *       altered after it was stamped, a TSA other than the trusted one, or no such manifest.
 *   <li>{@link Kind#UNSTAMPED}: when the archive holds time stamps, a manifest without one. A
 *       finding, not an integrity problem (the TSA may have been unreachable), listed apart.
 *   <li>{@link Kind#BAD_DELETION}: a deletion record of retention ({@link Deletion}) that does not
 *       hold: a bad signature (or, with a trusted key, another key's), or one that does not follow
 *       the chain's start or the deletion before it. It is then ignored, so the records it names
 *       are missing ({@link Kind#DELETED}) unless present. A chain whose start was removed through
 *       valid deletion records starts at the last one's {@code last_seq + 1}, linked to its {@code
 *       last_hash}: not a deletion. Removing records any other way is.
 *   <li>{@link Kind#BAD_GATE}: a gate record of a candidate version ({@link Gate}) whose signature
 *       does not verify (or, with a trusted key, is another key's): its verdict cannot be relied
 *       on, and the monitor job passes it over when it looks the version up.
 * </ul>
 *
 * <p>Every kind but {@link Kind#COVERAGE_GAP} and {@link Kind#UNSTAMPED} is an integrity problem:
 * {@link Report#intact()} is false while one is found. Coverage gaps are listed apart ({@link
 * Report#coverageGaps()}), so a window the job never evaluated does not read as tampering.
 *
 * <p>Manifests with a bad signature still count as present (no "deleted manifest" follows), but
 * their hashes are not used. Without a trusted key, a manifest's embedded key is used: that checks
 * integrity, not who signed.
 */
public final class ArchiveVerifier {
  private ArchiveVerifier() {}

  /** What kind of problem a {@link Problem} is; see the class comment for each. */
  public enum Kind {
    MODIFIED,
    DELETED,
    INSERTED,
    REORDERED,
    BAD_SIGNATURE,
    TRUNCATED,
    UNREADABLE,
    COVERAGE_GAP(false),
    MALFORMED_DATA,
    MULTIPLE_SIGNERS,
    SKIPPED_FILE,
    BAD_TIMESTAMP,
    UNSTAMPED(false),
    BAD_DELETION,
    BAD_GATE;

    private final boolean integrity;

    Kind() {
      this(true);
    }

    Kind(boolean integrity) {
      this.integrity = integrity;
    }

    /**
     * True for a problem of the archive's integrity (hashes, chains, signatures, lines that cannot
     * be read or do not fit their layout), which fails verification; false for a coverage finding
     * ({@link #COVERAGE_GAP}), which says what the job did not evaluate, not that evidence changed.
     */
    public boolean integrity() {
      return integrity;
    }
  }

  /**
   * One problem found in an archive.
   *
   * @param kind what is wrong
   * @param modelId the model, or null when the line could not be attributed to one
   * @param seq the record seq it is about (for a deletion the first missing seq), or null for a
   *     manifest or an unreadable line
   * @param file the file, relative to the archive directory, with {@code /} separators
   * @param line the 1-based line in {@code file}, or null for a finding about the whole file (one
   *     that cannot be read, a skipped link)
   * @param message one line: where ({@code model M seq N (file:line): }) and what
   */
  public record Problem(
      Kind kind, String modelId, Long seq, String file, Integer line, String message) {
    public Problem {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * What the archive holds for one model.
   *
   * @param records record lines read (including inserted ones)
   * @param manifests manifest lines read
   * @param firstSeq lowest record seq, 0 without records
   * @param lastSeq highest record seq, 0 without records
   * @param head hash of the record with the highest seq, {@link EvidenceRecord#GENESIS} without
   *     records
   * @param windowsCovered distinct windows with a coverage record
   * @param keyIds the {@link Ed25519Keys#keyId key ids} of the model's manifests whose signature
   *     verifies against the key they embed, sorted, each once (with a trusted key, another key
   *     listed here signed manifests that are {@link Kind#BAD_SIGNATURE}s); empty without manifests
   */
  public record ModelSummary(
      long records,
      long manifests,
      long firstSeq,
      long lastSeq,
      String head,
      long windowsCovered,
      List<String> keyIds) {
    public ModelSummary {
      keyIds = List.copyOf(new TreeSet<>(keyIds));
    }
  }

  /**
   * What the archive's RFC 3161 time stamps add up to.
   *
   * @param manifests distinct manifests (by model and seqs)
   * @param stamped those with a valid time stamp
   * @param tsas the subjects of the TSA certificates of the valid stamps, sorted
   * @param trusted whether the stamps were checked against a trusted TSA certificate
   */
  public record Stamps(long manifests, long stamped, List<String> tsas, boolean trusted) {
    public Stamps {
      tsas = List.copyOf(tsas);
    }
  }

  /**
   * The outcome of {@link #verify}.
   *
   * @param problems every problem, integrity problems and findings (coverage gaps, unstamped
   *     manifests), in file and line order
   * @param models per model id, sorted by id
   * @param stamps the time stamps' tally
   * @param gates gate records read ({@link Gate}), valid or not
   */
  public record Report(
      List<Problem> problems, Map<String, ModelSummary> models, Stamps stamps, long gates) {
    public Report {
      problems = List.copyOf(problems);
      models = Collections.unmodifiableMap(new TreeMap<>(models));
      Objects.requireNonNull(stamps, "stamps");
    }

    /** The manifests without a time stamp ({@link Kind#UNSTAMPED}), in file and line order. */
    public List<Problem> unstamped() {
      return problems.stream().filter(p -> p.kind() == Kind.UNSTAMPED).toList();
    }

    /** True when no integrity problem was found; coverage gaps do not count. */
    public boolean intact() {
      return problems.stream().noneMatch(p -> p.kind().integrity());
    }

    /** True when nothing at all was found: {@link #intact()}, no coverage gap, none unstamped. */
    public boolean ok() {
      return problems.isEmpty();
    }

    /** The integrity problems, in file and line order. */
    public List<Problem> integrityProblems() {
      return problems.stream().filter(p -> p.kind().integrity()).toList();
    }

    /** Every key id of {@link ModelSummary#keyIds}, over all models, sorted. */
    public List<String> keyIds() {
      Set<String> all = new TreeSet<>();
      models.values().forEach(m -> all.addAll(m.keyIds()));
      return List.copyOf(all);
    }

    /** The coverage gaps ({@link Kind#COVERAGE_GAP}), in file and line order. */
    public List<Problem> coverageGaps() {
      return problems.stream().filter(p -> p.kind() == Kind.COVERAGE_GAP).toList();
    }

    /**
     * One line: the counts, then the integrity verdict, then any coverage gaps, e.g. {@code 2
     * models, 84 records, 16 manifests: intact}, {@code ...: intact; 1 coverage gap (not an
     * integrity problem)} or {@code ...: 2 problems (MODIFIED 1, DELETED 1); 1 coverage gap}.
     */
    public String summary() {
      long records = models.values().stream().mapToLong(ModelSummary::records).sum();
      long manifests = models.values().stream().mapToLong(ModelSummary::manifests).sum();
      StringBuilder s =
          new StringBuilder()
              .append(models.size())
              .append(models.size() == 1 ? " model, " : " models, ")
              .append(records)
              .append(" records, ")
              .append(manifests)
              .append(" manifests: ");
      List<Problem> integrity = integrityProblems();
      if (integrity.isEmpty()) {
        s.append("intact");
      } else {
        Map<Kind, Long> byKind = new EnumMap<>(Kind.class);
        integrity.forEach(p -> byKind.merge(p.kind(), 1L, Long::sum));
        s.append(integrity.size())
            .append(integrity.size() == 1 ? " problem (" : " problems (")
            .append(
                byKind.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", ")))
            .append(')');
      }
      int gaps = coverageGaps().size();
      if (gaps > 0) {
        s.append("; ")
            .append(gaps)
            .append(gaps == 1 ? " coverage gap" : " coverage gaps")
            .append(integrity.isEmpty() ? " (not an integrity problem)" : "");
      }
      if (stamps.stamped() > 0 || !unstamped().isEmpty()) {
        s.append("; ")
            .append(stamps.stamped())
            .append(" of ")
            .append(stamps.manifests())
            .append(" manifests time-stamped")
            .append(stamps.trusted() ? " by the trusted TSA" : "");
      }
      if (gates > 0) {
        s.append("; ").append(gates).append(gates == 1 ? " gate record" : " gate records");
      }
      return s.toString();
    }
  }

  /**
   * Verifies every {@code *.jsonl} file under {@code archiveDir}, recursively.
   *
   * @param trustedOrNull the public key manifests must be signed with, or null to check each
   *     manifest against its embedded key only
   * @throws IllegalArgumentException when {@code archiveDir} is not a directory or holds no {@code
   *     *.jsonl} file
   * @throws java.io.UncheckedIOException when listing the directory fails
   */
  public static Report verify(Path archiveDir, PublicKey trustedOrNull) {
    return verify(archiveDir, trustedOrNull, null, BoundedLines.MAX_LINE_BYTES);
  }

  /**
   * As {@link #verify(Path, PublicKey)}, checking time stamps against {@code trustedTsa}.
   *
   * @param trustedTsa the certificate of the TSA trusted to stamp manifests, or null to check each
   *     token against the certificate it carries (intact, but the TSA unproven)
   */
  public static Report verify(
      Path archiveDir, PublicKey trustedOrNull, X509Certificate trustedTsa) {
    return verify(archiveDir, trustedOrNull, trustedTsa, BoundedLines.MAX_LINE_BYTES);
  }

  /** As {@link #verify(Path, PublicKey)} with another line cap (tests). */
  static Report verify(Path archiveDir, PublicKey trustedOrNull, int maxLineBytes) {
    return verify(archiveDir, trustedOrNull, null, maxLineBytes);
  }

  private static Report verify(
      Path archiveDir, PublicKey trustedOrNull, X509Certificate trustedTsa, int maxLineBytes) {
    ArchiveReader archive = ArchiveReader.read(archiveDir, maxLineBytes);
    List<Finding> findings = new ArrayList<>(archive.unreadable());
    findings.addAll(archive.malformedData());
    Map<String, ModelSummary> models = new TreeMap<>();
    List<ArchiveReader.ManifestLine> signed = new ArrayList<>();
    for (String model : archive.models()) {
      ModelCheck check = new ModelCheck(model, archive, trustedOrNull, findings);
      models.put(model, check.run());
      signed.addAll(check.signedManifests());
    }
    if (trustedOrNull == null) {
      SignerCheck.check(signed, archive, findings);
    }
    for (ArchiveReader.GateLine g : archive.gates()) {
      if (!g.gate().signatureValid(trustedOrNull)) {
        findings.add(
            new Finding(
                Kind.BAD_GATE,
                g.gate().modelId(),
                null,
                g.pos(),
                "gate record of version "
                    + EvidenceJson.quoted(g.gate().modelVersion())
                    + " ("
                    + g.gate().verdict().code()
                    + ", "
                    + EvidenceJson.iso(g.gate().gatedAt())
                    + "): its signature does not verify"
                    + (trustedOrNull == null ? "" : " with the trusted key")));
      }
    }
    boolean anyStamp = StampCheck.anyStamp(archive);
    StampCheck.Tally tally = new StampCheck.Tally();
    for (String model : archive.models()) {
      StampCheck.check(model, archive, trustedTsa, anyStamp, tally, findings);
    }
    findings.sort(null);
    List<Problem> problems = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      problems.add(f.toProblem(archive));
    }
    return new Report(
        problems, models, tally.stamps(anyStamp, trustedTsa != null), archive.gates().size());
  }
}
