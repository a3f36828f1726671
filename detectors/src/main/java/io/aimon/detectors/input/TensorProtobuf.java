package io.aimon.detectors.input;

import com.google.protobuf.ByteString;
import io.aimon.detectors.event.DeadLetterReason;
import io.aimon.detectors.event.InvalidEventException;
import io.aimon.detectors.event.JsonFields;
import io.aimon.detectors.input.proto.InferTensorContents;
import io.aimon.detectors.input.proto.ModelInferRequest;
import io.aimon.detectors.input.proto.ModelInferResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads Open Inference Protocol protobuf messages ({@link ModelInferRequest}, {@link
 * ModelInferResponse}) into {@link InferenceTensors}, with the checks {@link TensorJson} applies to
 * JSON: a known datatype, an element count equal to the product of the shape, integers in range.
 *
 * <p>A tensor's elements come either typed, in the {@link InferTensorContents} field of its
 * datatype (INT8 to INT32 in {@code int_contents}, UINT8 to UINT32 in {@code uint_contents}), or
 * raw, in the message's {@code raw_input_contents} / {@code raw_output_contents}, one entry per
 * tensor: little-endian elements without padding, a BYTES element a 4-byte little-endian length
 * then its bytes. FP16 comes raw only. BYTES elements are read as UTF-8 text.
 */
public final class TensorProtobuf {
  private TensorProtobuf() {}

  /** A request's inputs. */
  public static InferenceTensors request(ModelInferRequest r) throws InvalidEventException {
    int n = r.getInputsCount();
    checkCount("inputs", n, r.getRawInputContentsCount(), "raw_input_contents");
    List<Tensor> tensors = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ModelInferRequest.InferInputTensor t = r.getInputs(i);
      tensors.add(
          tensor(
              "inputs[" + i + "]",
              t.getName(),
              t.getDatatype(),
              t.getShapeList(),
              t.hasContents() ? t.getContents() : null,
              r.getRawInputContentsCount() == 0 ? null : r.getRawInputContents(i)));
    }
    return new InferenceTensors(
        blankToNull(r.getId()),
        blankToNull(r.getModelName()),
        blankToNull(r.getModelVersion()),
        tensors);
  }

  /** A response's outputs. */
  public static InferenceTensors response(ModelInferResponse r) throws InvalidEventException {
    int n = r.getOutputsCount();
    checkCount("outputs", n, r.getRawOutputContentsCount(), "raw_output_contents");
    List<Tensor> tensors = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ModelInferResponse.InferOutputTensor t = r.getOutputs(i);
      tensors.add(
          tensor(
              "outputs[" + i + "]",
              t.getName(),
              t.getDatatype(),
              t.getShapeList(),
              t.hasContents() ? t.getContents() : null,
              r.getRawOutputContentsCount() == 0 ? null : r.getRawOutputContents(i)));
    }
    return new InferenceTensors(
        blankToNull(r.getId()),
        blankToNull(r.getModelName()),
        blankToNull(r.getModelVersion()),
        tensors);
  }

  private static void checkCount(String field, int tensors, int raws, String rawField)
      throws InvalidEventException {
    if (tensors > TensorJson.MAX_TENSORS) {
      throw new InvalidEventException(
          DeadLetterReason.WRONG_SHAPE,
          field + ": expected at most " + TensorJson.MAX_TENSORS + " tensors, found " + tensors);
    }
    if (raws != 0 && raws != tensors) {
      throw new InvalidEventException(
          DeadLetterReason.WRONG_SHAPE,
          rawField + ": expected one entry per tensor (" + tensors + "), found " + raws);
    }
  }

  private static Tensor tensor(
      String at,
      String name,
      String datatypeName,
      List<Long> dims,
      InferTensorContents contents,
      ByteString raw)
      throws InvalidEventException {
    if (name.isEmpty()) {
      throw InputJson.missing(at + ".name");
    }
    String where = at + " (" + JsonFields.abbreviate(name) + ")";
    if (datatypeName.isEmpty()) {
      throw InputJson.missing(where + ".datatype");
    }
    TensorDatatype datatype = TensorDatatype.parse(datatypeName);
    if (datatype == null) {
      throw TensorDatatype.unknown(where, JsonFields.abbreviate(datatypeName));
    }
    long[] shape = new long[dims.size()];
    for (int d = 0; d < shape.length; d++) {
      shape[d] = dims.get(d);
      if (shape[d] < 0) {
        throw new InvalidEventException(
            DeadLetterReason.WRONG_SHAPE,
            where + ".shape[" + d + "]: expected a dimension >= 0, found " + shape[d]);
      }
    }
    long expected = TensorJson.elements(shape, where);
    int typed = contents == null ? 0 : elementCount(contents);
    if (raw != null && typed > 0) {
      throw new InvalidEventException(
          DeadLetterReason.WRONG_SHAPE,
          where + ": both contents and raw contents given; the protocol allows one");
    }
    Elements e =
        raw != null
            ? fromRaw(where, datatype, expected, raw)
            : fromContents(where, datatype, contents);
    if (e.numbers.length != expected) {
      throw new InvalidEventException(
          DeadLetterReason.WRONG_SHAPE,
          where
              + ": shape "
              + Arrays.toString(shape)
              + " holds "
              + expected
              + " elements, "
              + (raw != null ? "raw contents have " : "contents have ")
              + e.numbers.length);
    }
    if (datatype.integral()) {
      for (int i = 0; i < e.numbers.length; i++) {
        if (!datatype.holds(e.numbers[i])) {
          throw new InvalidEventException(
              DeadLetterReason.WRONG_TYPE,
              where
                  + ".contents["
                  + i
                  + "]: expected an integer within "
                  + datatype
                  + ", found "
                  + e.numbers[i]);
        }
      }
    }
    return new Tensor(name, shape, datatype, e.numbers, e.texts);
  }

  private static int elementCount(InferTensorContents c) {
    return c.getBoolContentsCount()
        + c.getIntContentsCount()
        + c.getInt64ContentsCount()
        + c.getUintContentsCount()
        + c.getUint64ContentsCount()
        + c.getFp32ContentsCount()
        + c.getFp64ContentsCount()
        + c.getBytesContentsCount();
  }

  /** The elements of typed contents, from the one field the datatype uses. */
  private static Elements fromContents(String where, TensorDatatype datatype, InferTensorContents c)
      throws InvalidEventException {
    if (c == null) {
      c = InferTensorContents.getDefaultInstance();
    }
    int total = elementCount(c);
    int own =
        switch (datatype) {
          case BOOL -> c.getBoolContentsCount();
          case INT8, INT16, INT32 -> c.getIntContentsCount();
          case INT64 -> c.getInt64ContentsCount();
          case UINT8, UINT16, UINT32 -> c.getUintContentsCount();
          case UINT64 -> c.getUint64ContentsCount();
          case FP32 -> c.getFp32ContentsCount();
          case FP64 -> c.getFp64ContentsCount();
          case BYTES -> c.getBytesContentsCount();
          case FP16 -> 0;
        };
    if (total != own) {
      throw new InvalidEventException(
          DeadLetterReason.WRONG_TYPE,
          where
              + ".contents: "
              + datatype
              + (datatype == TensorDatatype.FP16
                  ? " elements travel only as raw contents"
                  : " elements belong in " + field(datatype))
              + ", found "
              + (total - own)
              + " in other fields");
    }
    double[] numbers = new double[own];
    String[] texts = null;
    switch (datatype) {
      case BOOL -> {
        for (int i = 0; i < own; i++) {
          numbers[i] = c.getBoolContents(i) ? 1 : 0;
        }
      }
      case INT8, INT16, INT32 -> {
        for (int i = 0; i < own; i++) {
          numbers[i] = c.getIntContents(i);
        }
      }
      case INT64 -> {
        for (int i = 0; i < own; i++) {
          numbers[i] = c.getInt64Contents(i);
        }
      }
      case UINT8, UINT16, UINT32 -> {
        for (int i = 0; i < own; i++) {
          numbers[i] = Integer.toUnsignedLong(c.getUintContents(i));
        }
      }
      case UINT64 -> {
        for (int i = 0; i < own; i++) {
          numbers[i] = unsigned(c.getUint64Contents(i));
        }
      }
      case FP32 -> {
        for (int i = 0; i < own; i++) {
          numbers[i] = c.getFp32Contents(i);
        }
      }
      case FP64 -> {
        for (int i = 0; i < own; i++) {
          numbers[i] = c.getFp64Contents(i);
        }
      }
      case BYTES -> {
        texts = new String[own];
        Arrays.fill(numbers, Double.NaN);
        for (int i = 0; i < own; i++) {
          texts[i] = utf8(c.getBytesContents(i).asReadOnlyByteBuffer(), where, i);
        }
      }
      case FP16 -> {}
    }
    return new Elements(numbers, texts);
  }

  /** The elements of a tensor's raw contents. */
  private static Elements fromRaw(
      String where, TensorDatatype datatype, long expected, ByteString raw)
      throws InvalidEventException {
    ByteBuffer b = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    if (datatype == TensorDatatype.BYTES) {
      List<String> texts = new ArrayList<>();
      while (b.hasRemaining()) {
        if (b.remaining() < 4) {
          throw rawWrongSize(where, "a BYTES element's 4-byte length is cut short");
        }
        int length = b.getInt();
        if (length < 0 || length > b.remaining()) {
          throw rawWrongSize(
              where,
              "BYTES element "
                  + texts.size()
                  + " claims "
                  + Integer.toUnsignedString(length)
                  + " bytes, "
                  + b.remaining()
                  + " remain");
        }
        ByteBuffer element = b.slice();
        element.limit(length);
        texts.add(utf8(element, where, texts.size()));
        b.position(b.position() + length);
      }
      double[] numbers = new double[texts.size()];
      Arrays.fill(numbers, Double.NaN);
      return new Elements(numbers, texts.toArray(new String[0]));
    }
    int size = datatype.byteSize();
    if (raw.size() % size != 0 || raw.size() / size != expected) {
      throw rawWrongSize(
          where,
          raw.size()
              + " bytes of raw contents, expected "
              + expected
              + " elements of "
              + size
              + " bytes ("
              + datatype
              + ")");
    }
    double[] numbers = new double[raw.size() / size];
    for (int i = 0; i < numbers.length; i++) {
      numbers[i] =
          switch (datatype) {
            case BOOL -> b.get() != 0 ? 1 : 0;
            case UINT8 -> Byte.toUnsignedInt(b.get());
            case UINT16 -> Short.toUnsignedInt(b.getShort());
            case UINT32 -> Integer.toUnsignedLong(b.getInt());
            case UINT64 -> unsigned(b.getLong());
            case INT8 -> b.get();
            case INT16 -> b.getShort();
            case INT32 -> b.getInt();
            case INT64 -> b.getLong();
            case FP16 -> HalfFloat.toFloat(b.getShort());
            case FP32 -> b.getFloat();
            case FP64 -> b.getDouble();
            case BYTES -> throw new IllegalStateException("BYTES is read above");
          };
    }
    return new Elements(numbers, null);
  }

  private static InvalidEventException rawWrongSize(String where, String what) {
    return new InvalidEventException(DeadLetterReason.WRONG_SHAPE, where + ": " + what);
  }

  private static String field(TensorDatatype t) {
    return switch (t) {
      case BOOL -> "bool_contents";
      case INT8, INT16, INT32 -> "int_contents";
      case INT64 -> "int64_contents";
      case UINT8, UINT16, UINT32 -> "uint_contents";
      case UINT64 -> "uint64_contents";
      case FP32 -> "fp32_contents";
      case FP64 -> "fp64_contents";
      case BYTES -> "bytes_contents";
      case FP16 -> "raw contents";
    };
  }

  /** An unsigned 64-bit integer as the nearest double. */
  private static double unsigned(long v) {
    return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
  }

  private static String utf8(ByteBuffer bytes, String where, int element)
      throws InvalidEventException {
    try {
      return InputJson.utf8(bytes);
    } catch (CharacterCodingException e) {
      throw new InvalidEventException(
          DeadLetterReason.BAD_ENCODING,
          where + " element " + element + ": BYTES element is not UTF-8 text");
    }
  }

  private static String blankToNull(String s) {
    return s.isEmpty() ? null : s;
  }

  private record Elements(double[] numbers, String[] texts) {}
}
