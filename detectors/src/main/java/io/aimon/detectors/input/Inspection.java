package io.aimon.detectors.input;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aimon.config.AimonConfig;
import io.aimon.config.InputFormat;
import io.aimon.config.ModelConfig;
import io.aimon.config.TensorMapping;
import io.aimon.detectors.event.DeadLetter;
import io.aimon.detectors.event.Decoded;
import io.aimon.detectors.event.EventDecoder;
import io.aimon.detectors.event.InferenceEvent;
import io.aimon.detectors.event.InvalidEventException;
import io.aimon.detectors.event.RawRecord;
import io.aimon.detectors.model.ModelSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code aimon inspect} prints: how each record maps to events under the config, so a new user
 * can write a {@code tensors} mapping against real records. For every record, the tensors it holds
 * (name, datatype, shape, and what each feeds or that nothing does), then each event it gives in
 * the native event schema (or the dead letter it becomes); at the end, what went unmapped: tensors
 * no model reads, and the features and fairness attributes no record filled.
 *
 * <p>A paired format's halves wait here, in memory, for their other half (inspection reads a
 * handful of records, not a stream).
 */
public final class Inspection {
  private final InputFormat format;
  private final EventDecoder events;
  private final FormatDecoder formats;
  private final Map<String, ModelSpec> specs;
  private final Map<String, PairHalf> waiting = new LinkedHashMap<>();
  private final Set<String> unreadTensors = new TreeSet<>();
  private final Map<String, Set<String>> filled = new LinkedHashMap<>();
  private int eventCount;
  private int deadLetterCount;

  /**
   * @param formats the decoder of the config's platform format, or null for native events
   */
  public Inspection(
      InputFormat format,
      EventDecoder events,
      FormatDecoder formats,
      Map<String, ModelSpec> specs) {
    this.format = format;
    this.events = events;
    this.formats = formats;
    this.specs = specs;
  }

  /** The inspection of records under {@code config}: its models, format and mappings. */
  public static Inspection of(AimonConfig config) {
    Map<String, ModelSpec> specs = new LinkedHashMap<>();
    Map<String, TensorMapping> mappings = new LinkedHashMap<>();
    for (ModelConfig m : config.models()) {
      specs.put(m.id(), ModelSpec.from(m, config.job().exactValues()));
      mappings.put(m.id(), m.tensors());
    }
    EventDecoder events =
        new EventDecoder(
            specs,
            config.job().maxRecordBytes(),
            config.job().maxFutureSkew().toMillis(),
            config.job().maxEventAge().toMillis());
    InputFormat format = config.input().format();
    return new Inspection(
        format,
        events,
        format == InputFormat.NATIVE
            ? null
            : new FormatDecoder(config.input(), events, specs, mappings),
        specs);
  }

  /** The lines describing one record. */
  public List<String> record(RawRecord raw, long nowMillis) {
    List<String> out = new ArrayList<>();
    out.add("record " + raw.source() + ":" + raw.position());
    switch (format) {
      case NATIVE -> emit(List.of(events.decodeInference(raw, nowMillis)), out);
      case SAGEMAKER -> {
        try {
          InferenceTensors[] t = formats.captureTensors(raw);
          String model = formats.sagemakerModel();
          describe("input", t[0], formats.reads(model, PairHalf.Side.REQUEST, List.of()), out);
          describe("output", t[1], formats.reads(model, PairHalf.Side.RESPONSE, names(t[1])), out);
        } catch (InvalidEventException e) {
          // the decoder below gives the same dead letter
        }
        List<Decoded<InferenceEvent>> decoded = new ArrayList<>();
        formats.record(raw, nowMillis, decoded);
        emit(decoded, out);
      }
      case OTLP -> {
        List<Decoded<InferenceEvent>> decoded = new ArrayList<>();
        formats.record(raw, nowMillis, decoded);
        emit(decoded, out);
      }
      case KSERVE, OIP, SELDON -> half(raw, nowMillis, out);
    }
    return out;
  }

  /** The closing lines: halves still alone, and what went unmapped. */
  public List<String> finish() {
    List<String> out = new ArrayList<>();
    for (PairHalf h : waiting.values()) {
      out.add(
          "waiting: the "
              + h.side().word()
              + " "
              + h.pairId()
              + " ("
              + h.source()
              + ":"
              + h.position()
              + ") met no "
              + h.side().other().word()
              + " among the records read");
    }
    out.add(
        "summary: "
            + eventCount
            + (eventCount == 1 ? " event, " : " events, ")
            + deadLetterCount
            + (deadLetterCount == 1 ? " dead letter" : " dead letters"));
    if (!unreadTensors.isEmpty()) {
      out.add("unmapped tensors (no model reads them): " + String.join(", ", unreadTensors));
    }
    for (Map.Entry<String, ModelSpec> m : specs.entrySet()) {
      Set<String> seen = filled.getOrDefault(m.getKey(), Set.of());
      List<String> never = new ArrayList<>();
      for (String f : names(m.getValue())) {
        if (!seen.contains(f)) {
          never.add(f);
        }
      }
      if (eventCount > 0 && !never.isEmpty()) {
        out.add(
            "model "
                + m.getKey()
                + ": no event filled "
                + String.join(", ", never)
                + " (map them in models[].tensors, or check the records)");
      }
    }
    return out;
  }

  private void half(RawRecord raw, long nowMillis, List<String> out) {
    Decoded<PairHalf> d = formats.wholeHalf(raw);
    if (!d.isOk()) {
      deadLetter(d.deadLetter(), out);
      return;
    }
    PairHalf whole = d.event();
    String model = whole.tensors().modelName();
    out.add(
        "  "
            + whole.side().word()
            + " "
            + whole.pairId()
            + (model == null ? "" : " of model " + model)
            + " at "
            + Instant.ofEpochMilli(whole.timestamp()));
    describe(
        whole.side() == PairHalf.Side.REQUEST ? "input" : "output",
        whole.tensors(),
        formats.reads(model, whole.side(), names(whole.tensors())),
        out);
    PairHalf half = formats.kept(whole);
    PairHalf other = waiting.remove(half.joinKey());
    if (other == null || other.side() == half.side()) {
      if (other != null) {
        out.add("  a second " + half.side().word() + " with this id: the first counts");
        waiting.put(other.joinKey(), other);
      } else {
        waiting.put(half.joinKey(), half);
        out.add("  waits for its " + half.side().other().word());
      }
      return;
    }
    List<Decoded<InferenceEvent>> decoded = new ArrayList<>();
    PairHalf request = half.side() == PairHalf.Side.REQUEST ? half : other;
    PairHalf response = half.side() == PairHalf.Side.REQUEST ? other : half;
    formats.pair(request, response, nowMillis, decoded);
    out.add(
        "  pairs with the "
            + other.side().word()
            + " at "
            + other.source()
            + ":"
            + other.position());
    emit(decoded, out);
  }

  /** One line per tensor: its name, datatype and shape, and whether a model reads it. */
  private void describe(String side, InferenceTensors t, Set<String> reads, List<String> out) {
    for (Tensor tensor : t.tensors()) {
      boolean read = reads == null || reads.contains(tensor.name());
      if (!read) {
        unreadTensors.add(tensor.name() + " (" + side + ")");
      }
      out.add(
          "  "
              + side
              + " tensor "
              + tensor.name()
              + " "
              + (tensor.datatype() == null ? "(untyped)" : tensor.datatype().name())
              + " "
              + tensor.shapeText()
              + (read ? "" : ": no model reads it"));
    }
  }

  private void emit(List<Decoded<InferenceEvent>> decoded, List<String> out) {
    for (Decoded<InferenceEvent> d : decoded) {
      if (d.isOk()) {
        eventCount++;
        out.add("  event " + json(d.event()));
      } else {
        deadLetter(d.deadLetter(), out);
      }
    }
  }

  private void deadLetter(DeadLetter d, List<String> out) {
    deadLetterCount++;
    out.add("  dead letter " + d.reason() + ": " + d.detail());
  }

  /** The event in the native schema, with only the values it has. */
  private String json(InferenceEvent e) {
    ObjectNode o = InputJson.MAPPER.createObjectNode();
    o.put("inference_id", e.inferenceId());
    o.put("model_id", e.modelId());
    if (e.modelVersion() != null) {
      o.put("model_version", e.modelVersion());
    }
    o.put("timestamp", Instant.ofEpochMilli(e.timestamp()).toString());
    if (!Double.isNaN(e.latencyMs())) {
      o.put("latency_ms", e.latencyMs());
    }
    ModelSpec spec = specs.get(e.modelId());
    Set<String> seen = filled.computeIfAbsent(e.modelId(), k -> new LinkedHashSet<>());
    ObjectNode features = o.putObject("features");
    for (int i = 0; i < e.numeric().length; i++) {
      if (!Double.isNaN(e.numeric()[i])) {
        String name = spec.numericFeatures().get(i);
        features.put(name, e.numeric()[i]);
        seen.add(name);
      }
    }
    for (int i = 0; i < e.categorical().length; i++) {
      if (!InferenceEvent.MISSING.equals(e.categorical()[i])) {
        String name = spec.categoricalFeatures().get(i);
        features.put(name, e.categorical()[i]);
        seen.add(name);
      }
    }
    if (e.groups().length > 0) {
      ObjectNode groups = o.putObject("groups");
      for (int i = 0; i < e.groups().length; i++) {
        String name = spec.fairnessAttributes().get(i);
        if (e.groups()[i] != null && !InferenceEvent.MISSING.equals(e.groups()[i])) {
          groups.put(name, e.groups()[i]);
          seen.add(name);
        }
      }
    }
    if (e.prediction() != null) {
      o.put("prediction", e.prediction());
    }
    if (!Double.isNaN(e.score())) {
      o.put("score", e.score());
    }
    if (e.label() != null) {
      o.put("label", e.label());
    }
    return o.toString();
  }

  private static List<String> names(InferenceTensors t) {
    return t.tensors().stream().map(Tensor::name).toList();
  }

  private static List<String> names(ModelSpec spec) {
    List<String> out = new ArrayList<>(spec.numericFeatures());
    out.addAll(spec.categoricalFeatures());
    for (String a : spec.fairnessAttributes()) {
      if (!out.contains(a)) {
        out.add(a);
      }
    }
    return out;
  }
}
