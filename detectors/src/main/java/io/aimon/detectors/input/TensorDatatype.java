package io.aimon.detectors.input;

import io.aimon.detectors.event.DeadLetterReason;
import io.aimon.detectors.event.InvalidEventException;

/**
 * The Open Inference Protocol's tensor element types, with their size in bytes in raw (binary)
 * contents, where elements are little-endian and a BYTES element is a 4-byte little-endian length
 * followed by its bytes.
 */
public enum TensorDatatype {
  BOOL(1),
  UINT8(1),
  UINT16(2),
  UINT32(4),
  UINT64(8),
  INT8(1),
  INT16(2),
  INT32(4),
  INT64(8),
  FP16(2),
  FP32(4),
  FP64(8),
  BYTES(0);

  private final int byteSize;

  TensorDatatype(int byteSize) {
    this.byteSize = byteSize;
  }

  /** The datatype named {@code name} (as the protocol spells it), or null when unknown. */
  public static TensorDatatype parse(String name) {
    if (name == null) {
      return null;
    }
    for (TensorDatatype t : values()) {
      if (t.name().equals(name)) {
        return t;
      }
    }
    return null;
  }

  /** The dead letter of a tensor at {@code where} whose datatype is {@code found}. */
  static InvalidEventException unknown(String where, String found) {
    return new InvalidEventException(
        DeadLetterReason.UNKNOWN_DATATYPE,
        where
            + ".datatype: expected one of BOOL, UINT8..UINT64, INT8..INT64, FP16, FP32, FP64, "
            + "BYTES, found "
            + found);
  }

  /** Bytes per element in raw contents; 0 for BYTES (variable). */
  public int byteSize() {
    return byteSize;
  }

  /** True for the signed and unsigned integer types. */
  public boolean integral() {
    return this != BOOL && this != BYTES && this != FP16 && this != FP32 && this != FP64;
  }

  /** True for the types whose elements are numbers (integers, floats, and BOOL as 1 and 0). */
  public boolean numeric() {
    return this != BYTES;
  }

  /**
   * True when {@code v} is a value of this integer type: integral and within its range (UINT64 and
   * INT64 up to what a double holds exactly at the ends of the range).
   */
  public boolean holds(double v) {
    if (v != Math.rint(v)) {
      return false;
    }
    return switch (this) {
      case UINT8 -> v >= 0 && v <= 255;
      case UINT16 -> v >= 0 && v <= 65_535;
      case UINT32 -> v >= 0 && v <= 4_294_967_295.0;
      case UINT64 -> v >= 0 && v <= 18_446_744_073_709_551_615.0;
      case INT8 -> v >= -128 && v <= 127;
      case INT16 -> v >= -32_768 && v <= 32_767;
      case INT32 -> v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
      case INT64 -> v >= -9_223_372_036_854_775_808.0 && v <= 9_223_372_036_854_775_807.0;
      default -> true;
    };
  }
}
