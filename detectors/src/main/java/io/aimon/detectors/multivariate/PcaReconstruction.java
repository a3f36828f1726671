package io.aimon.detectors.multivariate;

import io.aimon.detectors.common.BoundedText;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * The fitted transform of the multivariate drift check: an event's row of numeric values and
 * one-hot categories, standardized as scikit-learn's {@code StandardScaler} does and projected on
 * the principal components of the reference that explain the configured share of its variance, as
 * {@code PCA(n_components=share, svd_solver="full")} keeps them.
 *
 * <p>Row. The numeric features in config order, a missing value (NaN) imputed with the reference
 * mean; then per categorical feature in config order one 0/1 column for each kept category (its
 * most frequent reference categories, at most {@code max_categories}); a value outside them sets
 * none. Categories are compared bounded ({@link BoundedText}), as the window keeps them.
 *
 * <p>Reconstruction error. With z the standardized row ((x - mean) / scale), c = z - center (the
 * mean of the standardized reference rows) and W the k x d matrix of kept components (orthonormal
 * rows), the error is |c - Wᵀ W c|, the Euclidean distance between the row and its reconstruction
 * from k components: {@code norm(z - pca.inverse_transform(pca.transform(z)))}. Components are
 * unique up to sign, which the error does not depend on.
 *
 * <p>Bounds: d columns (numeric features plus kept categories) and k x d component values, fixed at
 * fit time; computing one error costs about 3 k d multiplications and keeps nothing. Immutable.
 */
public final class PcaReconstruction implements Serializable {
  private static final long serialVersionUID = 1L;

  private final double[] imputation;
  private final String[][] categories;
  private final double[] mean;
  private final double[] scale;
  private final double[] center;
  private final double[][] components;
  private final double explained;

  /**
   * @param imputation per numeric feature, the reference mean a missing value takes
   * @param categories per categorical feature, the kept categories in column order
   * @param mean per column, the scaler's mean
   * @param scale per column, the scaler's scale (> 0)
   * @param center per column, the mean of the standardized reference rows
   * @param components k rows of d values, the kept principal components
   * @param explained the share of the reference's variance the k components explain, in (0, 1]
   * @throws IllegalArgumentException naming what does not fit
   */
  public PcaReconstruction(
      double[] imputation,
      String[][] categories,
      double[] mean,
      double[] scale,
      double[] center,
      double[][] components,
      double explained) {
    int d = imputation.length;
    for (String[] c : categories) {
      d += c.length;
    }
    if (mean.length != d || scale.length != d || center.length != d) {
      throw new IllegalArgumentException(
          "multivariate transform: expected " + d + " columns in mean, scale and center");
    }
    for (int j = 0; j < d; j++) {
      if (!(scale[j] > 0) || !Double.isFinite(mean[j]) || !Double.isFinite(center[j])) {
        throw new IllegalArgumentException(
            "multivariate transform: column " + j + " needs a finite mean and a scale > 0");
      }
    }
    if (components.length == 0 || components.length > d) {
      throw new IllegalArgumentException(
          "multivariate transform: expected 1 to " + d + " components, found " + components.length);
    }
    for (double[] w : components) {
      if (w.length != d) {
        throw new IllegalArgumentException(
            "multivariate transform: expected components of " + d + " values");
      }
    }
    if (!(explained > 0 && explained <= 1 + 1e-9)) {
      throw new IllegalArgumentException(
          "multivariate transform: explained share must be in (0, 1], found " + explained);
    }
    this.imputation = imputation.clone();
    this.categories = new String[categories.length][];
    for (int f = 0; f < categories.length; f++) {
      this.categories[f] = categories[f].clone();
    }
    this.mean = mean.clone();
    this.scale = scale.clone();
    this.center = center.clone();
    this.components = new double[components.length][];
    for (int i = 0; i < components.length; i++) {
      this.components[i] = components[i].clone();
    }
    this.explained = explained;
  }

  /** The number of columns of a row. */
  public int columns() {
    return mean.length;
  }

  /** The number of components kept. */
  public int components() {
    return components.length;
  }

  /** The share of the reference's variance the kept components explain. */
  public double explained() {
    return explained;
  }

  /**
   * The row of an event (see the class comment): numeric values in config order (NaN missing),
   * categorical values in config order.
   */
  public double[] row(double[] numeric, String[] categorical) {
    double[] x = new double[mean.length];
    for (int j = 0; j < imputation.length; j++) {
      x[j] = Double.isNaN(numeric[j]) ? imputation[j] : numeric[j];
    }
    int col = imputation.length;
    for (int f = 0; f < categories.length; f++) {
      String v = categorical[f] == null ? null : BoundedText.of(categorical[f]);
      for (String c : categories[f]) {
        x[col++] = c.equals(v) ? 1 : 0;
      }
    }
    return x;
  }

  /** The reconstruction error of an event's values (class comment), >= 0. */
  public double error(double[] numeric, String[] categorical) {
    return errorOfRow(row(numeric, categorical));
  }

  /** The reconstruction error of a row built by {@link #row}. */
  public double errorOfRow(double[] x) {
    int d = mean.length;
    double[] c = new double[d];
    for (int j = 0; j < d; j++) {
      c[j] = (x[j] - mean[j]) / scale[j] - center[j];
    }
    double[] residual = c.clone();
    for (double[] w : components) {
      double p = 0;
      for (int j = 0; j < d; j++) {
        p += w[j] * c[j];
      }
      for (int j = 0; j < d; j++) {
        residual[j] -= p * w[j];
      }
    }
    double sum = 0;
    for (double r : residual) {
      sum += r * r;
    }
    return Math.sqrt(sum);
  }

  /** Per numeric feature, the imputed value (a copy). */
  public double[] imputation() {
    return imputation.clone();
  }

  /** Per categorical feature, the kept categories (a copy). */
  public List<List<String>> categories() {
    return Arrays.stream(categories).map(List::of).toList();
  }

  /** Per column, the scaler's mean (a copy). */
  public double[] mean() {
    return mean.clone();
  }

  /** Per column, the scaler's scale (a copy). */
  public double[] scale() {
    return scale.clone();
  }

  /** Per column, the mean of the standardized reference rows (a copy). */
  public double[] center() {
    return center.clone();
  }

  /** The kept components, one row of {@link #columns()} values each (a copy). */
  public double[][] componentRows() {
    double[][] out = new double[components.length][];
    for (int i = 0; i < out.length; i++) {
      out[i] = components[i].clone();
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PcaReconstruction p
        && explained == p.explained
        && Arrays.equals(imputation, p.imputation)
        && Arrays.deepEquals(categories, p.categories)
        && Arrays.equals(mean, p.mean)
        && Arrays.equals(scale, p.scale)
        && Arrays.equals(center, p.center)
        && Arrays.deepEquals(components, p.components);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(mean) * 31 + Arrays.deepHashCode(components);
  }
}
