package io.aimon.detectors.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aimon.config.Digests;
import io.aimon.detectors.common.EmpiricalCdf;
import io.aimon.detectors.estimate.IsotonicCalibration;
import io.aimon.detectors.estimate.ReferenceEstimation;
import io.aimon.detectors.estimate.ReferenceOutcomes;
import io.aimon.detectors.multivariate.PcaReconstruction;
import io.aimon.detectors.multivariate.ReconstructionReference;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one owner of the reference profile's JSON layout (format {@value #FORMAT}). The digest is the
 * SHA-256 of the canonical form (compact JSON written by this class, without the digest), so
 * re-formatting a stored file does not change it.
 *
 * <ul>
 *   <li>v1: distributions only;
 *   <li>v2: v1 plus {@code performance}, the reference's performance from its labels. A profile
 *       without labels is still written as v1, byte for byte, so its digest is stable.
 *   <li>v3: v2 plus {@code groups}, per fairness attribute the number of reference events carrying
 *       a group value ({@link ReferenceProfile#groups()}), so that an attribute that never occurs
 *       can be named. Only a profile with group counts is written as v3; any other is written as v2
 *       or v1 as before, byte for byte, so its digest is stable. A v1 or v2 profile reads with no
 *       group counts.
 *   <li>v4 (current): v3 plus {@code estimation} for performance estimation without labels: the
 *       score's isotonic calibration ({@code thresholds} and {@code values}) and the reference's
 *       outcomes in reference order ({@code predicted} and {@code positive}: one bit per event,
 *       base64 of the bytes, first event in the lowest bit of the first byte; {@code scores}:
 *       base64 of the big-endian IEEE 754 doubles; {@code left_out}: events beyond the limit). Only
 *       a profile with an estimation is written as v4 (with {@code groups} even when empty); any
 *       other is written as before, byte for byte. Earlier layouts read with no estimation. Also
 *       {@code multivariate}, the reconstruction check's transform: {@code explained}, {@code
 *       imputation} (per numeric feature), {@code categories} (per categorical feature, its kept
 *       categories), per column {@code mean}, {@code scale} and {@code center}, {@code components}
 *       (rows of column values) and {@code errors} (base64 of the reference rows' big-endian
 *       doubles). A profile with either is v4.
 * </ul>
 */
public final class ReferenceProfileCodec {
  public static final String FORMAT = "aimon-reference-profile";
  public static final int VERSION = 4;

  private static final int V1 = 1;
  private static final int V2 = 2;
  private static final int V3 = 3;
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private ReferenceProfileCodec() {}

  /** The profile as pretty JSON bytes, including its digest. */
  public static byte[] toJson(ReferenceProfile p) {
    ObjectNode root = canonical(p);
    root.put("digest", p.digest());
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads a profile written by {@link #toJson}.
   *
   * @throws IllegalArgumentException naming the field when the layout is not a known version or the
   *     stored digest does not match the content
   */
  public static ReferenceProfile fromJson(byte[] json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a JSON reference profile: " + e.getMessage(), e);
    }
    if (root == null || !FORMAT.equals(root.path("format").asText())) {
      throw new IllegalArgumentException("format: expected '" + FORMAT + "'");
    }
    int version = root.path("version").asInt(-1);
    if (version < V1 || version > VERSION) {
      throw new IllegalArgumentException(
          "version: expected " + V1 + " to " + VERSION + ", found " + version);
    }
    Map<String, NumericProfile> numeric = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("numeric").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      numeric.put(e.getKey(), readNumeric(e.getValue()));
    }
    Map<String, CategoricalProfile> categorical = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("categorical").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      categorical.put(e.getKey(), readCategorical(e.getValue()));
    }
    JsonNode score = root.path("score");
    JsonNode label = root.path("label");
    ReferenceProfile p =
        withDigest(
            new ReferenceProfile(
                root.path("model_id").asText(),
                root.path("events").asLong(),
                numeric,
                categorical,
                score.isObject() ? readNumeric(score) : null,
                label.isObject() ? readCategorical(label) : null,
                "pending",
                readPerformance(root.path("performance")),
                readGroups(root.path("groups")),
                version == VERSION && root.has("estimation")
                    ? readEstimation(root.path("estimation"))
                    : null,
                version == VERSION && root.has("multivariate")
                    ? readMultivariate(root.path("multivariate"))
                    : null));
    String stored = root.path("digest").asText("");
    if (stored.isEmpty()) {
      throw new IllegalArgumentException("digest: expected a SHA-256 hex string, found none");
    }
    if (!stored.equals(p.digest())) {
      throw new IllegalArgumentException(
          "digest: the stored digest "
              + stored
              + " does not match the content ("
              + p.digest()
              + ")");
    }
    return p;
  }

  /** The same profile with its digest computed from its canonical form. */
  public static ReferenceProfile withDigest(ReferenceProfile p) {
    byte[] bytes;
    try {
      bytes = MAPPER.writeValueAsBytes(canonical(p));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return new ReferenceProfile(
        p.modelId(),
        p.events(),
        p.numeric(),
        p.categorical(),
        p.score(),
        p.label(),
        Digests.sha256Hex(bytes),
        p.performance(),
        p.groups(),
        p.estimation(),
        p.multivariate());
  }

  private static ObjectNode canonical(ReferenceProfile p) {
    ObjectNode root = F.objectNode();
    root.put("format", FORMAT);
    root.put(
        "version",
        p.estimation() != null || p.multivariate() != null
            ? VERSION
            : !p.groups().isEmpty() ? V3 : p.performance().isEmpty() ? V1 : V2);
    root.put("model_id", p.modelId());
    root.put("events", p.events());
    ObjectNode num = root.putObject("numeric");
    p.numeric().forEach((k, v) -> num.set(k, writeNumeric(v)));
    ObjectNode cat = root.putObject("categorical");
    p.categorical().forEach((k, v) -> cat.set(k, writeCategorical(v)));
    root.set("score", p.score() == null ? F.nullNode() : writeNumeric(p.score()));
    root.set("label", p.label() == null ? F.nullNode() : writeCategorical(p.label()));
    if (!p.performance().isEmpty()) {
      ObjectNode perf = root.putObject("performance");
      p.performance().forEach(perf::put);
    }
    if (!p.groups().isEmpty() || p.estimation() != null || p.multivariate() != null) {
      ObjectNode groups = root.putObject("groups");
      p.groups().forEach(groups::put);
    }
    if (p.estimation() != null) {
      root.set("estimation", writeEstimation(p.estimation()));
    }
    if (p.multivariate() != null) {
      root.set("multivariate", writeMultivariate(p.multivariate()));
    }
    return root;
  }

  private static ObjectNode writeMultivariate(ReconstructionReference r) {
    PcaReconstruction t = r.transform();
    ObjectNode o = F.objectNode();
    o.put("explained", t.explained());
    o.set("imputation", array(t.imputation()));
    ArrayNode categories = o.putArray("categories");
    for (java.util.List<String> c : t.categories()) {
      ArrayNode a = categories.addArray();
      c.forEach(a::add);
    }
    o.set("mean", array(t.mean()));
    o.set("scale", array(t.scale()));
    o.set("center", array(t.center()));
    ArrayNode components = o.putArray("components");
    for (double[] w : t.componentRows()) {
      components.add(array(w));
    }
    double[] errors = r.errors();
    ByteBuffer bytes = ByteBuffer.allocate(8 * errors.length);
    for (double e : errors) {
      bytes.putDouble(e);
    }
    o.put("errors", Base64.getEncoder().encodeToString(bytes.array()));
    return o;
  }

  private static ReconstructionReference readMultivariate(JsonNode o) {
    try {
      String[][] categories = new String[o.path("categories").size()][];
      for (int f = 0; f < categories.length; f++) {
        JsonNode c = o.path("categories").get(f);
        categories[f] = new String[c.size()];
        for (int i = 0; i < c.size(); i++) {
          categories[f][i] = c.get(i).asText();
        }
      }
      double[][] components = new double[o.path("components").size()][];
      for (int i = 0; i < components.length; i++) {
        components[i] = doubles(o.path("components").get(i));
      }
      byte[] errorBytes;
      try {
        errorBytes = Base64.getDecoder().decode(o.path("errors").asText(""));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("errors: not base64", e);
      }
      if (errorBytes.length % 8 != 0) {
        throw new IllegalArgumentException("errors: expected whole doubles");
      }
      double[] errors = new double[errorBytes.length / 8];
      ByteBuffer buffer = ByteBuffer.wrap(errorBytes);
      for (int i = 0; i < errors.length; i++) {
        errors[i] = buffer.getDouble();
      }
      return new ReconstructionReference(
          new PcaReconstruction(
              doubles(o.path("imputation")),
              categories,
              doubles(o.path("mean")),
              doubles(o.path("scale")),
              doubles(o.path("center")),
              components,
              o.path("explained").asDouble()),
          errors);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("multivariate." + e.getMessage(), e);
    }
  }

  private static ArrayNode array(double[] values) {
    ArrayNode a = F.arrayNode();
    for (double v : values) {
      a.add(v);
    }
    return a;
  }

  private static ObjectNode writeEstimation(ReferenceEstimation e) {
    ObjectNode o = F.objectNode();
    ObjectNode calibration = o.putObject("calibration");
    ArrayNode x = calibration.putArray("thresholds");
    for (double v : e.calibration().thresholds()) {
      x.add(v);
    }
    ArrayNode y = calibration.putArray("values");
    for (double v : e.calibration().values()) {
      y.add(v);
    }
    ReferenceOutcomes r = e.outcomes();
    ObjectNode outcomes = o.putObject("outcomes");
    outcomes.put("events", r.size());
    outcomes.put("left_out", r.leftOut());
    outcomes.put("predicted", bits(r.predicted()));
    outcomes.put("positive", bits(r.positive()));
    ByteBuffer scores = ByteBuffer.allocate(8 * r.size());
    for (double s : r.scores()) {
      scores.putDouble(s);
    }
    outcomes.put("scores", Base64.getEncoder().encodeToString(scores.array()));
    return o;
  }

  private static ReferenceEstimation readEstimation(JsonNode o) {
    if (!o.isObject()) {
      throw new IllegalArgumentException("estimation: expected an object in a v4 profile");
    }
    JsonNode calibration = o.path("calibration");
    JsonNode outcomes = o.path("outcomes");
    int events = outcomes.path("events").asInt(-1);
    if (events < 0) {
      throw new IllegalArgumentException("estimation.outcomes.events: expected a count");
    }
    byte[] scoreBytes = base64(outcomes, "scores");
    if (scoreBytes.length != 8 * events) {
      throw new IllegalArgumentException(
          "estimation.outcomes.scores: expected " + events + " doubles");
    }
    double[] scores = new double[events];
    ByteBuffer buffer = ByteBuffer.wrap(scoreBytes);
    for (int i = 0; i < events; i++) {
      scores[i] = buffer.getDouble();
    }
    try {
      return new ReferenceEstimation(
          IsotonicCalibration.of(
              doubles(calibration.path("thresholds")), doubles(calibration.path("values"))),
          new ReferenceOutcomes(
              unbits(base64(outcomes, "predicted"), events, "predicted"),
              unbits(base64(outcomes, "positive"), events, "positive"),
              scores,
              outcomes.path("left_out").asLong()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("estimation: " + e.getMessage(), e);
    }
  }

  private static String bits(boolean[] b) {
    byte[] out = new byte[(b.length + 7) / 8];
    for (int i = 0; i < b.length; i++) {
      if (b[i]) {
        out[i / 8] |= (byte) (1 << (i % 8));
      }
    }
    return Base64.getEncoder().encodeToString(out);
  }

  private static boolean[] unbits(byte[] bytes, int n, String name) {
    if (bytes.length != (n + 7) / 8) {
      throw new IllegalArgumentException(
          "estimation.outcomes." + name + ": expected " + n + " bits");
    }
    boolean[] out = new boolean[n];
    for (int i = 0; i < n; i++) {
      out[i] = (bytes[i / 8] & (1 << (i % 8))) != 0;
    }
    return out;
  }

  private static byte[] base64(JsonNode o, String name) {
    try {
      return Base64.getDecoder().decode(o.path(name).asText(""));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("estimation.outcomes." + name + ": not base64", e);
    }
  }

  private static Map<String, Long> readGroups(JsonNode o) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), e.getValue().asLong());
    }
    return out;
  }

  private static Map<String, Double> readPerformance(JsonNode o) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), e.getValue().doubleValue());
    }
    return out;
  }

  private static ObjectNode writeNumeric(NumericProfile n) {
    ObjectNode o = F.objectNode();
    ArrayNode edges = o.putArray("edges");
    for (double e : n.edges()) {
      edges.add(e);
    }
    ArrayNode bins = o.putArray("bin_counts");
    for (long b : n.binCounts()) {
      bins.add(b);
    }
    o.put("missing", n.missing());
    o.put("exact", n.exact());
    ArrayNode values = o.putArray("values");
    ArrayNode counts = o.putArray("counts");
    EmpiricalCdf cdf = n.values();
    for (int i = 0; i < cdf.size(); i++) {
      values.add(cdf.value(i));
      counts.add(cdf.count(i));
    }
    return o;
  }

  private static NumericProfile readNumeric(JsonNode o) {
    double[] edges = doubles(o.path("edges"));
    long[] bins = longs(o.path("bin_counts"));
    EmpiricalCdf cdf = new EmpiricalCdf(doubles(o.path("values")), longs(o.path("counts")));
    return new NumericProfile(
        edges, bins, cdf, o.path("exact").asBoolean(), o.path("missing").asLong());
  }

  private static ObjectNode writeCategorical(CategoricalProfile c) {
    ObjectNode o = F.objectNode();
    ObjectNode counts = o.putObject("counts");
    c.counts().forEach(counts::put);
    return o;
  }

  private static CategoricalProfile readCategorical(JsonNode o) {
    TreeMap<String, Long> counts = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = o.path("counts").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      counts.put(e.getKey(), e.getValue().asLong());
    }
    return new CategoricalProfile(counts);
  }

  private static double[] doubles(JsonNode a) {
    double[] out = new double[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).doubleValue();
    }
    return out;
  }

  private static long[] longs(JsonNode a) {
    long[] out = new long[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).longValue();
    }
    return out;
  }
}
