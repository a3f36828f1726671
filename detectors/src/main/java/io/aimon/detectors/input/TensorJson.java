package io.aimon.detectors.input;

import com.fasterxml.jackson.databind.JsonNode;
import io.aimon.detectors.event.DeadLetterReason;
import io.aimon.detectors.event.InvalidEventException;
import io.aimon.detectors.event.JsonFields;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON bodies of inference requests and responses into {@link InferenceTensors}: Open
 * Inference Protocol v2 ({@code inputs} / {@code outputs} of {@code {name, shape, datatype, data}})
 * and KServe V1 ({@code instances} / {@code predictions}).
 *
 * <p>OIP tensor data is row-major, nested or flat; its element count must equal the product of the
 * shape, and each element must fit the datatype (BOOL a JSON boolean, BYTES a string, integers
 * integral and in range, floats any number). A V1 list of scalars is an {@code [N]} tensor, a list
 * of equal-length arrays an {@code [N, F]} one, and a list of objects one {@code [N]} tensor per
 * key (null where an object lacks the key).
 */
public final class TensorJson {
  /** The tensor a V1 request's list of values or arrays is read as. */
  public static final String INSTANCES = "instances";

  /** The tensor a V1 response's list of values or arrays is read as. */
  public static final String PREDICTIONS = "predictions";

  /** At most this many tensors (or V1 object keys) per message; more is a wrong shape. */
  public static final int MAX_TENSORS = 4096;

  /**
   * At most this many values (rows times keys) from a V1 list of objects: objects with keys of
   * their own would otherwise cost rows times keys, quadratic in the record's size.
   */
  public static final long MAX_V1_VALUES = 1L << 22;

  private TensorJson() {}

  /** True when {@code body} is a V1 body ({@code instances} or {@code predictions}). */
  public static boolean isV1(JsonNode body) {
    return body.has(INSTANCES) || body.has(PREDICTIONS);
  }

  /**
   * An OIP v2 request ({@code response} false: its {@code inputs}) or response (its {@code
   * outputs}).
   */
  public static InferenceTensors readOip(JsonNode body, boolean response)
      throws InvalidEventException {
    requireObject(body);
    String field = response ? "outputs" : "inputs";
    JsonNode list = body.get(field);
    if (list == null || list.isNull()) {
      throw InputJson.missing(field);
    }
    if (!list.isArray()) {
      throw wrongType(field, "an array of tensors", list);
    }
    if (list.size() > MAX_TENSORS) {
      throw new InvalidEventException(
          DeadLetterReason.WRONG_SHAPE,
          field + ": expected at most " + MAX_TENSORS + " tensors, found " + list.size());
    }
    List<Tensor> tensors = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      tensors.add(tensor(list.get(i), field + "[" + i + "]"));
    }
    return new InferenceTensors(
        InputJson.text(body, "id"),
        InputJson.text(body, "model_name"),
        InputJson.text(body, "model_version"),
        tensors);
  }

  /** A V1 request ({@code instances}) or response ({@code predictions}). */
  public static InferenceTensors readV1(JsonNode body, boolean response)
      throws InvalidEventException {
    requireObject(body);
    String field = response ? PREDICTIONS : INSTANCES;
    JsonNode list = body.get(field);
    if (list == null || list.isNull()) {
      throw InputJson.missing(field);
    }
    if (!list.isArray()) {
      throw wrongType(field, "an array", list);
    }
    return new InferenceTensors(null, null, null, v1Tensors(field, list));
  }

  private static List<Tensor> v1Tensors(String field, JsonNode list) throws InvalidEventException {
    int n = list.size();
    if (n == 0) {
      return List.of(new Tensor(field, new long[] {0}, null, new double[0], null));
    }
    JsonNode first = list.get(0);
    if (first.isObject()) {
      Map<String, Elements> byKey = new LinkedHashMap<>();
      for (int row = 0; row < n; row++) {
        JsonNode item = list.get(row);
        if (!item.isObject()) {
          throw wrongType(field + "[" + row + "]", "an object like the first", item);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          Elements col = byKey.get(e.getKey());
          if (col == null) {
            if (byKey.size() == MAX_TENSORS || (byKey.size() + 1L) * n > MAX_V1_VALUES) {
              throw new InvalidEventException(
                  DeadLetterReason.WRONG_SHAPE,
                  field
                      + ": "
                      + n
                      + " objects over more than "
                      + byKey.size()
                      + " keys: expected at most "
                      + MAX_TENSORS
                      + " keys and "
                      + MAX_V1_VALUES
                      + " values");
            }
            col = new Elements(n);
            byKey.put(e.getKey(), col);
          }
          col.set(row, e.getValue(), field + "[" + row + "]." + e.getKey());
        }
      }
      List<Tensor> out = new ArrayList<>(byKey.size());
      byKey.forEach((k, col) -> out.add(col.tensor(k, new long[] {n})));
      return out;
    }
    if (first.isArray()) {
      int width = -1;
      List<JsonNode> flat = new ArrayList<>();
      for (int row = 0; row < n; row++) {
        JsonNode item = list.get(row);
        if (!item.isArray()) {
          throw wrongType(field + "[" + row + "]", "an array like the first", item);
        }
        int before = flat.size();
        flatten(item, flat, field + "[" + row + "]");
        int w = flat.size() - before;
        if (width >= 0 && w != width) {
          throw new InvalidEventException(
              DeadLetterReason.WRONG_SHAPE,
              field
                  + "["
                  + row
                  + "]: expected "
                  + width
                  + " values like the rows before, found "
                  + w);
        }
        width = w;
      }
      Elements col = new Elements(flat.size());
      for (int i = 0; i < flat.size(); i++) {
        col.set(i, flat.get(i), field);
      }
      return List.of(col.tensor(field, new long[] {n, width}));
    }
    Elements col = new Elements(n);
    for (int row = 0; row < n; row++) {
      JsonNode item = list.get(row);
      if (item.isContainerNode()) {
        throw wrongType(field + "[" + row + "]", "a value like the first", item);
      }
      col.set(row, item, field + "[" + row + "]");
    }
    return List.of(col.tensor(field, new long[] {n}));
  }

  private static Tensor tensor(JsonNode t, String at) throws InvalidEventException {
    if (!t.isObject()) {
      throw wrongType(at, "a tensor object", t);
    }
    JsonNode nameNode = t.get("name");
    if (nameNode == null
        || nameNode.isNull()
        || (nameNode.isTextual() && nameNode.textValue().isEmpty())) {
      throw InputJson.missing(at + ".name");
    }
    if (!nameNode.isTextual()) {
      throw wrongType(at + ".name", "a string", nameNode);
    }
    String name = nameNode.textValue();
    String where = at + " (" + JsonFields.abbreviate(name) + ")";
    long[] shape = shape(t.get("shape"), where + ".shape");
    JsonNode dt = t.get("datatype");
    if (dt == null || dt.isNull()) {
      throw InputJson.missing(where + ".datatype");
    }
    TensorDatatype datatype = TensorDatatype.parse(dt.isTextual() ? dt.textValue() : null);
    if (datatype == null) {
      throw TensorDatatype.unknown(where, JsonFields.abbreviate(dt.toString()));
    }
    JsonNode data = t.get("data");
    if (data == null || data.isNull()) {
      throw InputJson.missing(where + ".data");
    }
    List<JsonNode> flat = new ArrayList<>();
    if (data.isArray()) {
      flatten(data, flat, where + ".data");
    } else {
      flat.add(data); // a scalar tensor's single element
    }
    long expected = elements(shape, where);
    if (flat.size() != expected) {
      throw new InvalidEventException(
          DeadLetterReason.WRONG_SHAPE,
          where
              + ": shape "
              + java.util.Arrays.toString(shape)
              + " holds "
              + expected
              + " elements, data has "
              + flat.size());
    }
    double[] numbers = new double[flat.size()];
    String[] texts = datatype == TensorDatatype.BYTES ? new String[flat.size()] : null;
    for (int i = 0; i < numbers.length; i++) {
      JsonNode v = flat.get(i);
      String e = where + ".data[" + i + "]";
      if (datatype == TensorDatatype.BYTES) {
        if (!v.isTextual()) {
          throw wrongType(e, "a string (BYTES)", v);
        }
        texts[i] = v.textValue();
        numbers[i] = Double.NaN;
      } else if (datatype == TensorDatatype.BOOL) {
        if (!v.isBoolean()) {
          throw wrongType(e, "a boolean (BOOL)", v);
        }
        numbers[i] = v.booleanValue() ? 1 : 0;
      } else {
        if (!v.isNumber()) {
          throw wrongType(e, "a number (" + datatype + ")", v);
        }
        double d = v.doubleValue();
        if (datatype.integral() && !datatype.holds(d)) {
          throw new InvalidEventException(
              DeadLetterReason.WRONG_TYPE,
              e + ": expected an integer within " + datatype + ", found " + v.asText());
        }
        numbers[i] = d;
      }
    }
    return new Tensor(name, shape, datatype, numbers, texts);
  }

  /** The elements a shape holds; a wrong shape when the product overflows. */
  static long elements(long[] shape, String where) throws InvalidEventException {
    long n = 1;
    for (long d : shape) {
      try {
        n = Math.multiplyExact(n, d);
      } catch (ArithmeticException e) {
        throw new InvalidEventException(
            DeadLetterReason.WRONG_SHAPE,
            where + ": shape " + java.util.Arrays.toString(shape) + " holds too many elements");
      }
    }
    return n;
  }

  private static long[] shape(JsonNode s, String at) throws InvalidEventException {
    if (s == null || s.isNull()) {
      throw InputJson.missing(at);
    }
    if (!s.isArray()) {
      throw wrongType(at, "an array of dimensions", s);
    }
    long[] out = new long[s.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode d = s.get(i);
      if (!d.isIntegralNumber() || !d.canConvertToLong() || d.longValue() < 0) {
        throw new InvalidEventException(
            DeadLetterReason.WRONG_SHAPE,
            at
                + "["
                + i
                + "]: expected a dimension >= 0, found "
                + JsonFields.abbreviate(d.toString()));
      }
      out[i] = d.longValue();
    }
    return out;
  }

  /** Appends the scalars of a nested array in row-major order. */
  private static void flatten(JsonNode array, List<JsonNode> out, String at)
      throws InvalidEventException {
    for (JsonNode v : array) {
      if (v.isArray()) {
        flatten(v, out, at);
      } else if (v.isObject()) {
        throw wrongType(at, "numbers, strings or booleans", v);
      } else {
        out.add(v);
      }
    }
  }

  private static void requireObject(JsonNode body) throws InvalidEventException {
    if (!body.isObject()) {
      throw new InvalidEventException(
          DeadLetterReason.NOT_AN_OBJECT, "body: expected a JSON object, found " + kind(body));
    }
  }

  static InvalidEventException wrongType(String field, String expected, JsonNode found) {
    return new InvalidEventException(
        DeadLetterReason.WRONG_TYPE, field + ": expected " + expected + ", found " + kind(found));
  }

  static String kind(JsonNode n) {
    if (n.isObject()) {
      return "an object";
    }
    if (n.isArray()) {
      return "an array";
    }
    if (n.isTextual()) {
      return "a string";
    }
    if (n.isBoolean()) {
      return "a boolean";
    }
    if (n.isNumber()) {
      return "a number";
    }
    return "null";
  }

  /** The elements of a V1 tensor: JSON scalars of any kind. */
  private static final class Elements {
    private final double[] numbers;
    private String[] texts;

    Elements(int n) {
      numbers = new double[n];
      java.util.Arrays.fill(numbers, Double.NaN);
    }

    void set(int i, JsonNode v, String at) throws InvalidEventException {
      if (v.isNumber()) {
        numbers[i] = v.doubleValue();
      } else if (v.isTextual() || v.isBoolean()) {
        if (texts == null) {
          texts = new String[numbers.length];
        }
        texts[i] = v.isTextual() ? v.textValue() : Boolean.toString(v.booleanValue());
      } else if (v.isContainerNode()) {
        throw wrongType(at, "a number, string, boolean or null", v);
      }
    }

    Tensor tensor(String name, long[] shape) {
      return new Tensor(name, shape, null, numbers, texts);
    }
  }
}
