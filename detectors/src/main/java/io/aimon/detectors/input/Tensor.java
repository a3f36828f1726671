package io.aimon.detectors.input;

import java.util.Arrays;
import java.util.Objects;

/**
 * One tensor of a request or response, its elements flattened row-major. An {@code [N, ...]} tensor
 * is N rows (events); its trailing dimensions, flattened, are the columns. A scalar (shape {@code
 * []}) is one row of one column.
 *
 * <p>Each element is a number, a text or null: {@link #numbers()} holds the numbers (NaN where the
 * element is not one), {@link #texts()} the texts (null where the element is not one; the whole
 * array is null when no element is a text). Typed tensors hold one kind: numbers for the numeric
 * datatypes (BOOL as 1 and 0), texts for BYTES. A V1 body's JSON values have no datatype and may
 * mix kinds.
 *
 * @param name the tensor's name
 * @param shape its dimensions, each &gt;= 0
 * @param datatype its element type, or null for the JSON values of a V1 body
 * @param numbers the elements' numbers, one per element
 * @param texts the elements' texts, one per element, or null when there are none
 */
public record Tensor(
    String name, long[] shape, TensorDatatype datatype, double[] numbers, String[] texts) {
  public Tensor {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(numbers, "numbers");
    if (texts != null && texts.length != numbers.length) {
      throw new IllegalArgumentException("texts and numbers must have one entry per element");
    }
  }

  /** The number of rows: the first dimension, 1 for a scalar. */
  public long rows() {
    return shape.length == 0 ? 1 : shape[0];
  }

  /** The number of columns per row: the elements divided by the rows (0 without rows). */
  public int columns() {
    long rows = rows();
    return rows == 0 ? 0 : (int) (numbers.length / rows);
  }

  /** The number of elements. */
  public int size() {
    return numbers.length;
  }

  /** True when the element at {@code i} is a number (not a text, not null, not NaN). */
  public boolean isNumber(int i) {
    return (texts == null || texts[i] == null) && !Double.isNaN(numbers[i]);
  }

  /** True when the element at {@code i} is a text. */
  public boolean isText(int i) {
    return texts != null && texts[i] != null;
  }

  /**
   * The element at {@code i} as a categorical value: its text, or its number written as in the
   * event contract (integral numbers without a fraction, BOOL as {@code true} or {@code false}), or
   * null when it is null or NaN.
   */
  public String text(int i) {
    if (isText(i)) {
      return texts[i];
    }
    double v = numbers[i];
    if (Double.isNaN(v)) {
      return null;
    }
    if (datatype == TensorDatatype.BOOL) {
      return v != 0 ? "true" : "false";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  /** The shape as the protocol writes it, e.g. {@code [2, 14]}. */
  public String shapeText() {
    return Arrays.toString(shape);
  }
}
