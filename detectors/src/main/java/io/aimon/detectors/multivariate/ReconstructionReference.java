package io.aimon.detectors.multivariate;

import io.aimon.detectors.common.BoundedText;
import io.aimon.detectors.common.CodePointOrder;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * What a model's reference gives the multivariate drift check: the fitted transform and the
 * reconstruction errors of the reference rows it was fitted on, in reference order.
 *
 * <p>Band. A window of n events is compared with the reference's mean error plus or minus k bands,
 * the band being the standard deviation (ddof 0) of the mean error over consecutive reference
 * chunks of n rows (the incomplete last chunk left out), as a window of that size strays by chance;
 * with fewer than {@value #MIN_CHUNKS} such chunks that standard deviation is too uncertain, and
 * the band is the reference errors' standard deviation over √n, the value it tends to for
 * independent rows.
 *
 * @param transform the fitted transform
 * @param errors the reconstruction error of each reference row the transform was fitted on
 */
public record ReconstructionReference(PcaReconstruction transform, double[] errors)
    implements Serializable {
  /** Reference rows the transform is fitted on, the first ones: 100,000. */
  public static final int LIMIT = 100_000;

  /** Reference chunks below which the band is the errors' standard deviation over √n: 10. */
  public static final int MIN_CHUNKS = 10;

  public ReconstructionReference {
    Objects.requireNonNull(transform, "transform");
    if (errors.length < 2 || errors.length > LIMIT) {
      throw new IllegalArgumentException(
          "multivariate reference: expected 2 to " + LIMIT + " errors, found " + errors.length);
    }
    errors = errors.clone();
  }

  /** The number of reference rows (and errors). */
  public int size() {
    return errors.length;
  }

  /** The reference's mean reconstruction error. */
  public double mean() {
    return meanOf(errors, 0, errors.length);
  }

  /** The band of a window of {@code n} events (class comment), or null for n < 1. */
  public Double band(long n) {
    if (n < 1) {
      return null;
    }
    long chunks = errors.length / n;
    if (chunks < MIN_CHUNKS) {
      double m = mean();
      double squares = 0;
      for (double e : errors) {
        squares += (e - m) * (e - m);
      }
      return Math.sqrt(squares / errors.length) / Math.sqrt(n);
    }
    double[] means = new double[(int) chunks];
    for (int c = 0; c < chunks; c++) {
      means[c] = meanOf(errors, (int) (c * n), (int) ((c + 1) * n));
    }
    double m = meanOf(means, 0, means.length);
    double squares = 0;
    for (double v : means) {
      squares += (v - m) * (v - m);
    }
    return Math.sqrt(squares / means.length);
  }

  private static double meanOf(double[] values, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += values[i];
    }
    return sum / (to - from);
  }

  @Override
  public double[] errors() {
    return errors.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReconstructionReference r
        && transform.equals(r.transform)
        && Arrays.equals(errors, r.errors);
  }

  @Override
  public int hashCode() {
    return transform.hashCode() * 31 + Arrays.hashCode(errors);
  }

  /**
   * Keeps the first {@value #LIMIT} reference rows (numeric values, and per categorical feature an
   * index into a dictionary of its values) and fits the transform on them.
   */
  public static final class Builder {
    private final int numeric;
    private final int maxCategories;
    private final double variance;
    private final List<Map<String, Integer>> dictionaries = new ArrayList<>();
    private final List<double[]> numericRows = new ArrayList<>();
    private final List<int[]> categoryRows = new ArrayList<>();
    private long leftOut;

    /**
     * @param numeric the number of numeric features
     * @param categorical the number of categorical features
     * @param maxCategories the most frequent categories per feature kept as columns, >= 0
     * @param variance the share of the variance the kept components explain, in (0, 1)
     */
    public Builder(int numeric, int categorical, int maxCategories, double variance) {
      if (!(variance > 0 && variance < 1) || maxCategories < 0) {
        throw new IllegalArgumentException(
            "multivariate: expected a variance share in (0, 1) and max_categories >= 0");
      }
      this.numeric = numeric;
      this.maxCategories = maxCategories;
      this.variance = variance;
      for (int f = 0; f < categorical; f++) {
        dictionaries.add(new HashMap<>());
      }
    }

    /** Keeps one reference event's values (the first {@value #LIMIT} only). */
    public void add(double[] numericValues, String[] categoricalValues) {
      if (numericRows.size() == LIMIT) {
        leftOut++;
        return;
      }
      numericRows.add(Arrays.copyOf(numericValues, numeric));
      int[] codes = new int[dictionaries.size()];
      for (int f = 0; f < codes.length; f++) {
        String v = categoricalValues[f] == null ? null : BoundedText.of(categoricalValues[f]);
        Map<String, Integer> dict = dictionaries.get(f);
        // a dictionary holds at most the kept rows' distinct values: bounded by LIMIT
        codes[f] = v == null ? -1 : dict.computeIfAbsent(v, k -> dict.size());
      }
      categoryRows.add(codes);
    }

    /** Reference events beyond {@value #LIMIT}, not kept. */
    public long leftOut() {
      return leftOut;
    }

    /**
     * The fitted reference, or null with fewer than two rows or no column.
     *
     * @throws IllegalStateException when the covariance cannot be decomposed
     */
    public ReconstructionReference build() {
      int n = numericRows.size();
      if (n < 2) {
        return null;
      }
      double[] imputation = new double[numeric];
      for (int j = 0; j < numeric; j++) {
        double sum = 0;
        long count = 0;
        for (double[] r : numericRows) {
          if (!Double.isNaN(r[j])) {
            sum += r[j];
            count++;
          }
        }
        imputation[j] = count == 0 ? 0 : sum / count;
      }
      String[][] categories = new String[dictionaries.size()][];
      String[][] valueNames = new String[dictionaries.size()][];
      int[][] columnOf = new int[dictionaries.size()][];
      int d = numeric;
      for (int f = 0; f < categories.length; f++) {
        long[] counts = new long[dictionaries.get(f).size()];
        for (int[] r : categoryRows) {
          if (r[f] >= 0) {
            counts[r[f]]++;
          }
        }
        String[] names = new String[counts.length];
        dictionaries.get(f).forEach((k, v) -> names[v] = k);
        valueNames[f] = names;
        Integer[] order = new Integer[counts.length];
        for (int i = 0; i < order.length; i++) {
          order[i] = i;
        }
        // most frequent first, ties by code-point order
        Arrays.sort(
            order,
            (a, b) ->
                counts[a] != counts[b]
                    ? Long.compare(counts[b], counts[a])
                    : CodePointOrder.COMPARATOR.compare(names[a], names[b]));
        int kept = Math.min(maxCategories, order.length);
        categories[f] = new String[kept];
        columnOf[f] = new int[counts.length];
        Arrays.fill(columnOf[f], -1);
        for (int i = 0; i < kept; i++) {
          categories[f][i] = names[order[i]];
          columnOf[f][order[i]] = d + i;
        }
        d += kept;
      }
      if (d == 0) {
        return null;
      }
      double[][] x = new double[n][d];
      for (int i = 0; i < n; i++) {
        double[] r = numericRows.get(i);
        for (int j = 0; j < numeric; j++) {
          x[i][j] = Double.isNaN(r[j]) ? imputation[j] : r[j];
        }
        int[] codes = categoryRows.get(i);
        for (int f = 0; f < codes.length; f++) {
          if (codes[f] >= 0 && columnOf[f][codes[f]] >= 0) {
            x[i][columnOf[f][codes[f]]] = 1;
          }
        }
      }
      // StandardScaler: mean, population standard deviation, 1 for a constant column
      double[] mean = new double[d];
      double[] scale = new double[d];
      for (int j = 0; j < d; j++) {
        double sum = 0;
        for (double[] r : x) {
          sum += r[j];
        }
        mean[j] = sum / n;
        double squares = 0;
        for (double[] r : x) {
          squares += (r[j] - mean[j]) * (r[j] - mean[j]);
        }
        double sd = Math.sqrt(squares / n);
        scale[j] = sd == 0 ? 1 : sd;
      }
      double[] center = new double[d];
      for (double[] r : x) {
        for (int j = 0; j < d; j++) {
          r[j] = (r[j] - mean[j]) / scale[j];
          center[j] += r[j];
        }
      }
      for (int j = 0; j < d; j++) {
        center[j] /= n;
      }
      double[][] cov = new double[d][d];
      for (double[] r : x) {
        for (int a = 0; a < d; a++) {
          double ca = r[a] - center[a];
          for (int b = a; b < d; b++) {
            cov[a][b] += ca * (r[b] - center[b]);
          }
        }
      }
      for (int a = 0; a < d; a++) {
        for (int b = a; b < d; b++) {
          cov[a][b] /= n - 1;
          cov[b][a] = cov[a][b];
        }
      }
      EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(cov, false));
      double[] values = eigen.getRealEigenvalues();
      Integer[] order = new Integer[d];
      double total = 0;
      for (int i = 0; i < d; i++) {
        order[i] = i;
        total += Math.max(0, values[i]);
      }
      Arrays.sort(order, (a, b) -> Double.compare(values[b], values[a]));
      // scikit-learn: the fewest components whose cumulative ratio exceeds the share
      int k = 0;
      double cumulative = 0;
      while (k < d && cumulative <= variance) {
        cumulative += Math.max(0, values[order[k]]) / total;
        k++;
      }
      double[][] components = new double[k][];
      for (int i = 0; i < k; i++) {
        components[i] = eigen.getEigenvector(order[i]).toArray();
      }
      PcaReconstruction transform =
          new PcaReconstruction(
              imputation, categories, mean, scale, center, components, Math.min(1, cumulative));
      double[] errors = new double[n];
      for (int i = 0; i < n; i++) {
        double[] r = numericRows.get(i);
        String[] cat = new String[categories.length];
        int[] codes = categoryRows.get(i);
        for (int f = 0; f < cat.length; f++) {
          cat[f] = codes[f] >= 0 ? valueNames[f][codes[f]] : null;
        }
        errors[i] = transform.error(r, cat);
      }
      return new ReconstructionReference(transform, errors);
    }
  }
}
