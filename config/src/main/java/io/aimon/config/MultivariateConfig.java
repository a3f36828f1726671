package io.aimon.config;

import java.io.Serializable;

/**
 * The {@code multivariate} section of a model: the reconstruction-error check of how features move
 * together (docs/metrics.md, "Multivariate drift").
 *
 * @param enabled whether the reference fits the transform and windows are checked
 * @param variance the share of the reference's variance the kept principal components explain, in
 *     (0, 1)
 * @param maxCategories per categorical feature, its most frequent reference categories that get a
 *     one-hot column, &gt;= 0 (0 leaves categorical features out)
 */
public record MultivariateConfig(boolean enabled, double variance, int maxCategories)
    implements Serializable {

  public MultivariateConfig {
    if (!(variance > 0 && variance < 1)) {
      throw new IllegalArgumentException("variance: expected in (0, 1), found " + variance);
    }
    if (maxCategories < 0) {
      throw new IllegalArgumentException("max_categories: expected >= 0, found " + maxCategories);
    }
  }

  /** The registry defaults: enabled, 0.65 of the variance, 20 categories per feature. */
  public static MultivariateConfig defaults() {
    return new MultivariateConfig(
        ConfigKeys.MODEL_MULTIVARIATE_ENABLED.defaultValue(),
        ConfigKeys.MODEL_MULTIVARIATE_VARIANCE.defaultValue(),
        ConfigKeys.MODEL_MULTIVARIATE_MAX_CATEGORIES.defaultValue());
  }
}
