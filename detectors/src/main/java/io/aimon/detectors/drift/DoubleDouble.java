package io.aimon.detectors.drift;

/**
 * Double-double arithmetic (a value hi + lo with |lo| <= ulp(hi)/2), the subset of scipy's {@code
 * scipy/special/cephes/dd_real_idefs.h} and {@code dd_idefs.h} (from the QD library of Hida, Li and
 * Bailey) that {@link Smirnov} needs. Each method ports the C function named in its comment
 * operation for operation; {@code two_prod} uses {@link Math#fma}, which gives the same exact error
 * term as the C code's splitting (or FMS) for operands that neither overflow nor underflow.
 *
 * <p>Package-private helper; not a general-purpose library (no sqrt, exp, trig).
 */
final class DoubleDouble {
  static final DoubleDouble ZERO = new DoubleDouble(0.0, 0.0);
  static final DoubleDouble ONE = new DoubleDouble(1.0, 0.0);

  final double hi;
  final double lo;

  DoubleDouble(double hi, double lo) {
    this.hi = hi;
    this.lo = lo;
  }

  boolean isZero() {
    return hi == 0.0;
  }

  boolean isFinite() {
    return Double.isFinite(hi);
  }

  // ---- error-free transformations (dd_idefs.h) ----

  /** quick_two_sum: s = fl(a+b), err; assumes |a| >= |b|. Returns {s, err}. */
  private static DoubleDouble quickTwoSum(double a, double b) {
    double s = a + b;
    double c = s - a;
    return new DoubleDouble(s, b - c);
  }

  /** two_sum. */
  private static DoubleDouble twoSum(double a, double b) {
    double s = a + b;
    double c = s - a;
    double d = b - c;
    double e = s - c;
    return new DoubleDouble(s, (a - e) + d);
  }

  /** two_prod. */
  private static DoubleDouble twoProd(double a, double b) {
    double p = a * b;
    return new DoubleDouble(p, Math.fma(a, b, -p));
  }

  // ---- double2 routines (dd_real_idefs.h) ----

  /** dd_add_d_d. */
  static DoubleDouble add(double a, double b) {
    return twoSum(a, b);
  }

  /** dd_mul_d_d. */
  static DoubleDouble mul(double a, double b) {
    return twoProd(a, b);
  }

  /** dd_div_d_d = dd_accurate_div(a, b). */
  static DoubleDouble div(double a, double b) {
    return new DoubleDouble(a, 0.0).div(new DoubleDouble(b, 0.0));
  }

  /** dd_neg. */
  DoubleDouble negate() {
    return new DoubleDouble(-hi, -lo);
  }

  /** dd_add = dd_ieee_add. */
  DoubleDouble add(DoubleDouble b) {
    DoubleDouble s = twoSum(hi, b.hi);
    DoubleDouble t = twoSum(lo, b.lo);
    double s2 = s.lo + t.hi;
    DoubleDouble u = quickTwoSum(s.hi, s2);
    s2 = u.lo + t.lo;
    return quickTwoSum(u.hi, s2);
  }

  /** dd_sub. */
  DoubleDouble sub(DoubleDouble b) {
    return add(b.negate());
  }

  /** dd_add_dd_d. */
  DoubleDouble add(double b) {
    DoubleDouble s = twoSum(hi, b);
    return quickTwoSum(s.hi, s.lo + lo);
  }

  /** dd_sub_dd_d. */
  DoubleDouble sub(double b) {
    DoubleDouble s = twoSum(hi, -b);
    return quickTwoSum(s.hi, s.lo + lo);
  }

  /** dd_mul. */
  DoubleDouble mul(DoubleDouble b) {
    DoubleDouble p = twoProd(hi, b.hi);
    double p2 = p.lo + (hi * b.lo + lo * b.hi);
    return quickTwoSum(p.hi, p2);
  }

  /** dd_mul_dd_d. */
  DoubleDouble mul(double b) {
    DoubleDouble p1 = twoProd(hi, b);
    DoubleDouble p2 = twoProd(lo, b);
    return quickTwoSum(p1.hi, p2.lo + p2.hi + p1.lo);
  }

  /** dd_mul_d_dd (a * b). */
  static DoubleDouble mul(double a, DoubleDouble b) {
    DoubleDouble p1 = twoProd(a, b.hi);
    DoubleDouble p2 = twoProd(a, b.lo);
    return quickTwoSum(p1.hi, p2.lo + p2.hi + p1.lo);
  }

  /** dd_div = dd_accurate_div. */
  DoubleDouble div(DoubleDouble b) {
    double q1 = hi / b.hi;
    DoubleDouble r = sub(b.mul(q1));
    double q2 = r.hi / b.hi;
    r = r.sub(b.mul(q2));
    double q3 = r.hi / b.hi;
    DoubleDouble q = quickTwoSum(q1, q2);
    return q.add(q3);
  }

  /** dd_div_dd_d. */
  DoubleDouble div(double b) {
    return div(new DoubleDouble(b, 0.0));
  }

  /** dd_inv. */
  DoubleDouble inverse() {
    return ONE.div(this);
  }

  /** dd_floor. */
  DoubleDouble floor() {
    double h = Math.floor(hi);
    double l = 0.0;
    if (h == hi) {
      l = Math.floor(lo);
      return quickTwoSum(h, l);
    }
    return new DoubleDouble(h, l);
  }

  /** dd_ldexp. */
  DoubleDouble ldexp(int expt) {
    return new DoubleDouble(Math.scalb(hi, expt), Math.scalb(lo, expt));
  }

  /**
   * dd_frexp: returns the mantissa b with 0.5 <= |b.hi| < 1 (or |b.hi| == 1 with b.hi*b.lo < 0) and
   * stores the exponent in {@code expt[0]}.
   */
  DoubleDouble frexp(int[] expt) {
    int exponent = frexpExponent(hi);
    double man = Math.scalb(hi, -exponent);
    double b1 = Math.scalb(lo, -exponent);
    if (Math.abs(man) == 0.5 && man * b1 < 0) {
      man *= 2;
      b1 *= 2;
      exponent -= 1;
    }
    expt[0] = exponent;
    return new DoubleDouble(man, b1);
  }

  /**
   * The exponent C's frexp(x) gives: x = m * 2^e with 0.5 <= |m| < 1; 0 for 0, NaN and infinity.
   */
  static int frexpExponent(double x) {
    if (x == 0.0 || !Double.isFinite(x)) {
      return 0;
    }
    int e = Math.getExponent(x);
    if (e == Double.MIN_EXPONENT - 1) { // subnormal
      return Math.getExponent(x * 0x1p54) + 1 - 54;
    }
    return e + 1;
  }

  @Override
  public String toString() {
    return "DoubleDouble(" + hi + ", " + lo + ")";
  }
}
