package io.aimon.detectors.input;

/**
 * IEEE 754 binary16 (the protocol's FP16) to float. Java 17 has no conversion of its own ({@code
 * Float.float16ToFloat} arrived in Java 20); every binary16 value, subnormals, infinities and NaN
 * included, is exactly a float.
 */
final class HalfFloat {
  private HalfFloat() {}

  static float toFloat(short half) {
    int bits = half & 0xffff;
    int sign = (bits & 0x8000) << 16;
    int exponent = (bits >>> 10) & 0x1f;
    int mantissa = bits & 0x3ff;
    if (exponent == 0x1f) { // infinity or NaN: all exponent bits set in float too
      return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
    }
    if (exponent == 0) { // zero or subnormal: mantissa * 2^-24
      float magnitude = mantissa * 0x1p-24f;
      return sign == 0 ? magnitude : -magnitude;
    }
    // normal: rebias the exponent from 15 to 127
    return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
  }
}
