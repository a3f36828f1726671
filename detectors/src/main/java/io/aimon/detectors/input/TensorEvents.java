package io.aimon.detectors.input;

import io.aimon.config.TensorColumns;
import io.aimon.config.TensorMapping;
import io.aimon.config.TensorRef;
import io.aimon.detectors.event.DeadLetter;
import io.aimon.detectors.event.DeadLetterReason;
import io.aimon.detectors.event.Decoded;
import io.aimon.detectors.event.InferenceEvent;
import io.aimon.detectors.event.InvalidEventException;
import io.aimon.detectors.event.JsonFields;
import io.aimon.detectors.event.RawRecord;
import io.aimon.detectors.model.ModelSpec;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns one model's request and response tensors into inference events, by its {@link
 * TensorMapping}: row {@code r} of the input tensors and of the output columns is one event.
 *
 * <p>Every tensor read must have the same number of rows, and a tensor mapped by column exactly the
 * columns the mapping names; otherwise the whole message is a {@code wrong_shape} dead letter.
 * Within a row the event contract's rules apply as for native events: a numeric feature holding
 * text, or NaN, counts as missing (text also as a type mismatch); an infinite one rejects the row;
 * a null prediction rejects the row; a score must be a finite number when present.
 *
 * <p>Event ids: the message's id for a one-row message, {@code <id>/<row>} (0-based) for more.
 */
public final class TensorEvents implements Serializable {
  private static final long serialVersionUID = 1L;

  private final ModelSpec spec;
  private final TensorMapping mapping;
  // where each feature (numeric, then categorical) and each fairness attribute is read from
  private final List<String> names;
  private final Map<String, TensorRef> mapped;

  public TensorEvents(ModelSpec spec, TensorMapping mapping) {
    this.spec = spec;
    this.mapping = mapping;
    this.names = new ArrayList<>(spec.numericFeatures());
    names.addAll(spec.categoricalFeatures());
    names.addAll(spec.fairnessAttributes());
    this.mapped = new HashMap<>();
    for (TensorColumns c : mapping.inputs()) {
      for (int i = 0; i < c.columns().size(); i++) {
        if (!c.columns().get(i).equals(TensorColumns.SKIP)) {
          mapped.put(c.columns().get(i), new TensorRef(c.tensor(), i));
        }
      }
    }
  }

  /** The input tensors this model reads: those mapped by column and those named like a name. */
  public Set<String> requestTensors() {
    Set<String> out = new HashSet<>(names);
    for (TensorColumns c : mapping.inputs()) {
      out.add(c.tensor());
    }
    return out;
  }

  /** The output tensors this model reads by name: its prediction's and its score's. */
  public Set<String> responseTensors() {
    Set<String> out = new HashSet<>();
    if (mapping.prediction() != null) {
      out.add(mapping.prediction().tensor());
    }
    if (mapping.score() != null) {
      out.add(mapping.score().tensor());
    }
    return out;
  }

  /** True when the prediction is the first output tensor's (no {@code tensors.prediction}). */
  public boolean predictsFromFirstOutput() {
    return mapping.prediction() == null;
  }

  /**
   * The events of one inference, appended to {@code out}: one per row, each accepted or (for a row
   * breaking the contract) a dead letter of {@code raw}.
   *
   * @param id the inference's id (the request id)
   * @param latencyMs the serving latency, or NaN
   * @param raw the record that dead letters name (the later half of a pair)
   * @throws InvalidEventException when the message as a whole cannot be read (its shape)
   */
  public void events(
      InferenceTensors request,
      InferenceTensors response,
      String id,
      String version,
      long timestamp,
      double latencyMs,
      RawRecord raw,
      List<Decoded<InferenceEvent>> out)
      throws InvalidEventException {
    int count = names.size();
    Tensor[] from = new Tensor[count];
    int[] column = new int[count];
    long rows = -1;
    String rowsFrom = null;
    for (TensorColumns c : mapping.inputs()) {
      Tensor t = request.tensor(c.tensor());
      if (t == null) {
        continue;
      }
      if (t.columns() != c.columns().size() && t.rows() > 0) {
        throw new InvalidEventException(
            DeadLetterReason.WRONG_SHAPE,
            "input tensor "
                + c.tensor()
                + ": shape "
                + t.shapeText()
                + " has "
                + t.columns()
                + " columns, models[].tensors maps "
                + c.columns().size());
      }
    }
    for (int i = 0; i < count; i++) {
      String name = names.get(i);
      TensorRef ref = mapped.get(name);
      Tensor t;
      if (ref != null) {
        t = request.tensor(ref.tensor());
        column[i] = ref.column();
      } else {
        t = request.tensor(name);
        if (t != null && t.columns() != 1 && t.rows() > 0) {
          throw new InvalidEventException(
              DeadLetterReason.WRONG_SHAPE,
              "input tensor "
                  + name
                  + ": expected one column (shape [N] or [N, 1]) for feature "
                  + name
                  + ", found shape "
                  + t.shapeText());
        }
      }
      if (t == null) {
        continue;
      }
      if (rows < 0) {
        rows = t.rows();
        rowsFrom = t.name();
      } else if (t.rows() != rows) {
        throw rowsDiffer(t, rows, rowsFrom);
      }
      from[i] = t;
    }
    TensorRef predictionRef = mapping.prediction();
    Tensor prediction =
        predictionRef != null
            ? response.tensor(predictionRef.tensor())
            : response.tensors().isEmpty() ? null : response.tensors().get(0);
    if (prediction == null) {
      throw new InvalidEventException(
          DeadLetterReason.MISSING_FIELD,
          "outputs: no tensor "
              + (predictionRef == null ? "at all" : "'" + predictionRef.tensor() + "'")
              + " to read the prediction from (models[].tensors.prediction)");
    }
    int predictionColumn = predictionRef == null ? 0 : predictionRef.column();
    rows = checkOutput(prediction, predictionColumn, rows, rowsFrom, "prediction");
    if (rowsFrom == null) {
      rowsFrom = prediction.name();
    }
    TensorRef scoreRef = mapping.score();
    Tensor score = scoreRef == null ? null : response.tensor(scoreRef.tensor());
    if (score != null) {
      checkOutput(score, scoreRef.column(), rows, rowsFrom, "score");
    }
    int numeric = spec.numericFeatures().size();
    int categorical = spec.categoricalFeatures().size();
    for (int r = 0; r < rows; r++) {
      String eventId = rows == 1 ? id : id + "/" + r;
      try {
        out.add(
            Decoded.ok(
                event(
                    eventId,
                    version,
                    timestamp,
                    latencyMs,
                    raw,
                    from,
                    column,
                    numeric,
                    categorical,
                    r,
                    prediction,
                    predictionColumn,
                    score,
                    scoreRef == null ? 0 : scoreRef.column())));
      } catch (InvalidEventException e) {
        out.add(
            Decoded.rejected(
                DeadLetter.of(
                    e.reason(), "row " + r + " (" + eventId + "): " + e.getMessage(), raw)));
      }
    }
  }

  private InferenceEvent event(
      String eventId,
      String version,
      long timestamp,
      double latencyMs,
      RawRecord raw,
      Tensor[] from,
      int[] column,
      int numeric,
      int categorical,
      int row,
      Tensor prediction,
      int predictionColumn,
      Tensor score,
      int scoreColumn)
      throws InvalidEventException {
    double[] numbers = new double[numeric];
    int[] mismatches = null;
    int mismatchCount = 0;
    for (int i = 0; i < numeric; i++) {
      Tensor t = from[i];
      numbers[i] = Double.NaN;
      if (t == null) {
        continue;
      }
      int at = row * t.columns() + column[i];
      if (t.isText(at)) {
        if (mismatches == null) {
          mismatches = new int[numeric + categorical];
        }
        mismatches[mismatchCount++] = i;
      } else if (Double.isInfinite(t.numbers()[at])) {
        throw new InvalidEventException(
            DeadLetterReason.NON_FINITE_NUMBER,
            "features." + names.get(i) + ": expected a finite number, found " + t.numbers()[at]);
      } else {
        numbers[i] = t.numbers()[at];
      }
    }
    String[] categories = new String[categorical];
    for (int i = 0; i < categorical; i++) {
      categories[i] = category(from[numeric + i], column[numeric + i], row);
    }
    String[] groups = new String[spec.fairnessAttributes().size()];
    for (int i = 0; i < groups.length; i++) {
      int slot = numeric + categorical + i;
      groups[i] = category(from[slot], column[slot], row);
    }
    int p = row * prediction.columns() + predictionColumn;
    String predicted = prediction.text(p);
    if (predicted == null) {
      throw new InvalidEventException(
          DeadLetterReason.MISSING_FIELD,
          "prediction: " + prediction.name() + " holds no value in this row");
    }
    if (prediction.isNumber(p) && Double.isInfinite(prediction.numbers()[p])) {
      throw new InvalidEventException(
          DeadLetterReason.NON_FINITE_NUMBER, "prediction: expected a finite number");
    }
    double s = Double.NaN;
    if (score != null) {
      int at = row * score.columns() + scoreColumn;
      if (score.isText(at)) {
        throw new InvalidEventException(
            DeadLetterReason.WRONG_TYPE,
            "score: expected a number, found the text '"
                + JsonFields.abbreviate(score.texts()[at])
                + "'");
      }
      s = score.numbers()[at];
      if (Double.isInfinite(s)) {
        throw new InvalidEventException(
            DeadLetterReason.NON_FINITE_NUMBER, "score: expected a finite number, found " + s);
      }
    }
    return new InferenceEvent(
        eventId,
        spec.id(),
        version,
        timestamp,
        numbers,
        categories,
        predicted,
        s,
        null,
        groups,
        latencyMs,
        mismatches == null ? new int[0] : java.util.Arrays.copyOf(mismatches, mismatchCount),
        raw.source(),
        raw.position());
  }

  /** A categorical value as native events have it: null, "", NaN and infinities are missing. */
  private static String category(Tensor t, int column, int row) {
    if (t == null) {
      return InferenceEvent.MISSING;
    }
    int at = row * t.columns() + column;
    if (t.isNumber(at) && Double.isInfinite(t.numbers()[at])) {
      return InferenceEvent.MISSING;
    }
    String v = t.text(at);
    return v == null || v.isEmpty() ? InferenceEvent.MISSING : v;
  }

  /** Checks an output tensor's rows and column; the rows of the message. */
  private static long checkOutput(Tensor t, int column, long rows, String rowsFrom, String what)
      throws InvalidEventException {
    if (rows >= 0 && t.rows() != rows) {
      throw rowsDiffer(t, rows, rowsFrom);
    }
    if (t.rows() > 0 && column >= t.columns()) {
      throw new InvalidEventException(
          DeadLetterReason.WRONG_SHAPE,
          what
              + ": output tensor "
              + t.name()
              + " has "
              + t.columns()
              + " columns (shape "
              + t.shapeText()
              + "), models[].tensors."
              + what
              + " reads column "
              + column);
    }
    return t.rows();
  }

  private static InvalidEventException rowsDiffer(Tensor t, long rows, String rowsFrom) {
    return new InvalidEventException(
        DeadLetterReason.WRONG_SHAPE,
        "tensor "
            + t.name()
            + " has "
            + t.rows()
            + " rows (shape "
            + t.shapeText()
            + "), "
            + rowsFrom
            + " has "
            + rows);
  }
}
