package io.aimon.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aimon.detectors.check.CheckResult;
import io.aimon.detectors.check.OutputJson;
import io.aimon.detectors.gate.GateOutcome;
import io.aimon.detectors.gate.GateVerdict;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A signed record of a pre-deployment gate ({@code aimon gate}, ISO/IEC 42001 A.6.2.4 verification
 * and validation, A.6.2.5 deployment): which candidate version was judged, on which evaluation
 * events (the file's SHA-256), against which reference and configuration, every check result and
 * the verdict. The monitor job looks a version up here when it first sees it in production ({@link
 * GateLog}). Layout version 1, one JSON line in {@code model=<id>/_gates.jsonl}:
 *
 * <pre>{@code
 * {"v":1,"kind":"gate","model_id":"credit-risk","model_version":"7","gated_at":"2027-01-02T03:00:00Z",
 *  "verdict":"fail","reasons":["2 checks breached"],
 *  "candidate":{"file":"eval.jsonl","sha256":"<64 hex>","records":4000,"events":4000,
 *    "labelled":4000,"rejected":{},"first_event":"...","last_event":"..."},
 *  "reference_digest":"<64 hex>","config_digest":"<64 hex>","aimon_version":"0.1.0",
 *  "checks":[{check result}, ...],
 *  "public_key":"<base64 X.509>","key_id":"<16 hex>","signature":"<base64>"}
 * }</pre>
 *
 * <p>{@code signature} is the Ed25519 signature of the RFC 8785 form of this object without it,
 * made with the evidence signing key; {@link #digest()} names the signed line.
 *
 * @param version layout version, {@link #VERSION}
 * @param modelId the model
 * @param modelVersion the candidate version
 * @param gatedAt epoch ms, when the gate ran (wall clock)
 * @param verdict the decision
 * @param reasons why it is not a pass, one sentence each (empty for a pass)
 * @param candidate what was judged
 * @param referenceDigest the digest of the reference the candidate was judged against
 * @param configDigest SHA-256 of the configuration file that gave the thresholds
 * @param aimonVersion the aimon version that judged it
 * @param checks every check result
 * @param publicKey base64 of the X.509 encoding of the signer's public key
 * @param keyId {@link Ed25519Keys#keyId} of that key
 * @param signature base64 of the 64-byte Ed25519 signature
 */
public record Gate(
    int version,
    String modelId,
    String modelVersion,
    long gatedAt,
    GateVerdict verdict,
    List<String> reasons,
    Candidate candidate,
    String referenceDigest,
    String configDigest,
    String aimonVersion,
    List<CheckResult> checks,
    String publicKey,
    String keyId,
    String signature)
    implements ArchiveLine {
  /** The layout version this class reads and writes. */
  public static final int VERSION = 1;

  /** The {@code kind} of a gate line. */
  public static final String KIND = "gate";

  /** The file, under {@code model=<id>/}, that gate records are appended to. */
  public static final String FILE = "_gates.jsonl";

  private static final String UNSIGNED = Base64.getEncoder().encodeToString(new byte[64]);
  private static final Set<String> FIELDS =
      Set.of(
          "v",
          "kind",
          "model_id",
          "model_version",
          "gated_at",
          "verdict",
          "reasons",
          "candidate",
          "reference_digest",
          "config_digest",
          "aimon_version",
          "checks",
          "public_key",
          "key_id",
          "signature");
  private static final Set<String> CANDIDATE_FIELDS =
      Set.of(
          "file",
          "sha256",
          "records",
          "events",
          "labelled",
          "rejected",
          "first_event",
          "last_event");

  /**
   * The evaluation events a gate judged.
   *
   * @param file the file's name (no directories: they say nothing about its content)
   * @param sha256 SHA-256 of the file's bytes as read (compressed, for a .gz)
   * @param records records read
   * @param events records accepted as the model's events
   * @param labelled events with an inline label
   * @param rejected rejected records by dead-letter reason, sorted
   * @param firstEvent epoch ms of the earliest event
   * @param lastEvent epoch ms of the latest event
   */
  public record Candidate(
      String file,
      String sha256,
      long records,
      long events,
      long labelled,
      SortedMap<String, Long> rejected,
      long firstEvent,
      long lastEvent) {
    public Candidate {
      EvidenceJson.requireText(file, "candidate.file");
      EvidenceJson.requireHash(sha256, "candidate.sha256");
      if (records < 0 || events < 0 || labelled < 0 || events > records || labelled > events) {
        throw new IllegalArgumentException(
            "candidate: expected 0 <= labelled <= events <= records, found "
                + labelled
                + ", "
                + events
                + ", "
                + records);
      }
      rejected = Collections.unmodifiableSortedMap(new TreeMap<>(rejected));
    }

    /** The candidate judged in {@code o}, read from a file named {@code file}. */
    public static Candidate of(String file, String sha256, GateOutcome o) {
      return new Candidate(
          file,
          sha256,
          o.records(),
          o.events(),
          o.labelled(),
          o.rejected(),
          o.firstEvent(),
          o.lastEvent());
    }
  }

  public Gate {
    if (version != VERSION) {
      throw new IllegalArgumentException("v: expected " + VERSION + ", found " + version);
    }
    EvidenceJson.requireText(modelId, "model_id");
    EvidenceJson.requireText(modelVersion, "model_version");
    Objects.requireNonNull(verdict, "verdict");
    reasons = List.copyOf(reasons);
    Objects.requireNonNull(candidate, "candidate");
    EvidenceJson.requireHash(referenceDigest, "reference_digest");
    EvidenceJson.requireHash(configDigest, "config_digest");
    EvidenceJson.requireText(aimonVersion, "aimon_version");
    checks = List.copyOf(checks);
    Objects.requireNonNull(publicKey, "public_key");
    if (!EvidenceJson.isLowerHex(keyId, 16)) {
      throw new IllegalArgumentException(
          "key_id: expected 16 lower-case hex digits, found " + EvidenceJson.quoted(keyId));
    }
    Objects.requireNonNull(signature, "signature");
  }

  /** The gate record of {@code outcome}, signed with {@code keys}. */
  public static Gate sign(
      String modelId,
      String modelVersion,
      long gatedAt,
      GateOutcome outcome,
      Candidate candidate,
      String referenceDigest,
      String configDigest,
      String aimonVersion,
      KeyPair keys) {
    PublicKey pub = keys.getPublic();
    Gate unsigned =
        new Gate(
            VERSION,
            modelId,
            modelVersion,
            gatedAt,
            outcome.verdict(),
            outcome.reasons(),
            candidate,
            referenceDigest,
            configDigest,
            aimonVersion,
            outcome.results(),
            Base64.getEncoder().encodeToString(pub.getEncoded()),
            Ed25519Keys.keyId(pub),
            UNSIGNED);
    return unsigned.withSignature(
        Ed25519Keys.sign(keys, EvidenceJson.canonical(unsigned.toNode(false))));
  }

  /**
   * Whether the signature verifies: with {@code trusted}, only if the embedded key is that one;
   * without, against the embedded key (intact, not who signed).
   */
  public boolean signatureValid(PublicKey trusted) {
    return Ed25519Keys.embeddedSignatureValid(
        publicKey, keyId, EvidenceJson.canonical(toNode(false)), signature, trusted);
  }

  /** SHA-256 of the canonical JSON of the signed record: how other records name it. */
  public String digest() {
    return EvidenceJson.sha256Hex(EvidenceJson.canonical(toNode(true)));
  }

  /** The results that breached, in result order. */
  public List<CheckResult> breaches() {
    return checks.stream().filter(r -> r.status().isBreach()).toList();
  }

  /** When the gate ran: the line is kept apart from the date partitions, so any time will do. */
  @Override
  public long archiveTime() {
    return gatedAt;
  }

  @Override
  public String toJson() {
    return EvidenceJson.write(toNode(true));
  }

  /**
   * Reads the JSON form of layout version 1.
   *
   * @throws IllegalArgumentException naming the offending field
   */
  public static Gate fromJson(String json) {
    ObjectNode o = EvidenceJson.parseObject(json);
    EvidenceJson.requireLine(o, VERSION, KIND, FIELDS);
    JsonNode c = EvidenceJson.required(o, "candidate");
    if (!c.isObject()) {
      throw new IllegalArgumentException(
          "candidate: expected an object, found " + EvidenceJson.describe(c));
    }
    ObjectNode co = (ObjectNode) c;
    EvidenceJson.onlyFields(co, CANDIDATE_FIELDS);
    JsonNode checks = EvidenceJson.required(o, "checks");
    if (!checks.isArray()) {
      throw new IllegalArgumentException(
          "checks: expected an array, found " + EvidenceJson.describe(checks));
    }
    List<CheckResult> results = new ArrayList<>(checks.size());
    for (int i = 0; i < checks.size(); i++) {
      try {
        results.add(OutputJson.readCheckResult(checks.get(i)));
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new IllegalArgumentException("checks[" + i + "]: " + e.getMessage(), e);
      }
    }
    return new Gate(
        VERSION,
        EvidenceJson.text(o, "model_id"),
        EvidenceJson.text(o, "model_version"),
        EvidenceJson.instant(o, "gated_at"),
        GateVerdict.ofCode(EvidenceJson.text(o, "verdict")),
        EvidenceJson.strings(o, "reasons"),
        new Candidate(
            EvidenceJson.text(co, "file"),
            EvidenceJson.text(co, "sha256"),
            EvidenceJson.integer(co, "records", 0),
            EvidenceJson.integer(co, "events", 0),
            EvidenceJson.integer(co, "labelled", 0),
            counts(co, "rejected"),
            EvidenceJson.instant(co, "first_event"),
            EvidenceJson.instant(co, "last_event")),
        EvidenceJson.text(o, "reference_digest"),
        EvidenceJson.text(o, "config_digest"),
        EvidenceJson.text(o, "aimon_version"),
        results,
        EvidenceJson.text(o, "public_key"),
        EvidenceJson.text(o, "key_id"),
        EvidenceJson.text(o, "signature"));
  }

  private static SortedMap<String, Long> counts(ObjectNode o, String field) {
    JsonNode n = EvidenceJson.required(o, field);
    if (!n.isObject()) {
      throw new IllegalArgumentException(
          field + ": expected an object of counts, found " + EvidenceJson.describe(n));
    }
    TreeMap<String, Long> out = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : n.properties()) {
      out.put(e.getKey(), EvidenceJson.integer((ObjectNode) n, e.getKey(), 1));
    }
    return out;
  }

  private Gate withSignature(String sig) {
    return new Gate(
        version,
        modelId,
        modelVersion,
        gatedAt,
        verdict,
        reasons,
        candidate,
        referenceDigest,
        configDigest,
        aimonVersion,
        checks,
        publicKey,
        keyId,
        sig);
  }

  private ObjectNode toNode(boolean withSignature) {
    ObjectNode o = EvidenceJson.MAPPER.createObjectNode();
    o.put("v", version);
    o.put("kind", KIND);
    o.put("model_id", modelId);
    o.put("model_version", modelVersion);
    o.put("gated_at", EvidenceJson.iso(gatedAt));
    o.put("verdict", verdict.code());
    o.set("reasons", EvidenceJson.array(reasons));
    ObjectNode c = o.putObject("candidate");
    c.put("file", candidate.file());
    c.put("sha256", candidate.sha256());
    c.put("records", candidate.records());
    c.put("events", candidate.events());
    c.put("labelled", candidate.labelled());
    ObjectNode rejected = c.putObject("rejected");
    candidate.rejected().forEach(rejected::put);
    c.put("first_event", EvidenceJson.iso(candidate.firstEvent()));
    c.put("last_event", EvidenceJson.iso(candidate.lastEvent()));
    o.put("reference_digest", referenceDigest);
    o.put("config_digest", configDigest);
    o.put("aimon_version", aimonVersion);
    ArrayNode a = o.putArray("checks");
    checks.forEach(r -> a.add(OutputJson.checkResultNode(r)));
    o.put("public_key", publicKey);
    o.put("key_id", keyId);
    if (withSignature) {
      o.put("signature", signature);
    }
    return o;
  }
}
