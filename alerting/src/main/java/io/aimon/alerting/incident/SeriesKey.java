package io.aimon.alerting.incident;

import io.aimon.config.IncidentGrouping;
import io.aimon.detectors.check.CheckResult;
import java.util.Objects;

/**
 * One alerting series: a metric of a model, or of one of its versions, on a feature or a fairness
 * attribute (and group), or model level. The alert state machine keeps one state per series.
 *
 * <p>The string form {@link #asString()} is stable and unambiguous, e.g. {@code
 * credit-risk/psi/feature=income}, {@code credit-risk/tpr/attribute=sex/group=Female} or {@code
 * credit-risk/challenger_psi/version=8/feature=income}: model and metric, then {@code version=},
 * {@code feature=}, {@code attribute=} and {@code group=} when present, in that order, joined with
 * {@code /}; in every value {@code %} is written {@code %25} and {@code /} {@code %2F}. It names
 * the series in CloudEvents ({@code subject}) and feeds the deduplication key, so it must never
 * change.
 *
 * @param modelId the model, non-null
 * @param metric the metric id, non-null
 * @param feature the feature, or null
 * @param attribute the fairness attribute, or null
 * @param group the fairness group, or null
 * @param version the model version of a result of that version's events alone ({@link
 *     CheckResult#version}), or null for the model's whole window
 */
public record SeriesKey(
    String modelId, String metric, String feature, String attribute, String group, String version) {

  public SeriesKey {
    Objects.requireNonNull(modelId, "modelId");
    Objects.requireNonNull(metric, "metric");
  }

  /** A series of the model's whole window. */
  public SeriesKey(String modelId, String metric, String feature, String attribute, String group) {
    this(modelId, metric, feature, attribute, group, null);
  }

  /** The series of a check result. */
  public static SeriesKey of(CheckResult r) {
    return new SeriesKey(
        r.modelId(), r.metric(), r.feature(), r.attribute(), r.group(), r.version());
  }

  /** The stable string form (see the class doc). */
  public String asString() {
    StringBuilder sb = new StringBuilder(escape(modelId)).append('/').append(escape(metric));
    if (version != null) {
      sb.append("/version=").append(escape(version));
    }
    if (feature != null) {
      sb.append("/feature=").append(escape(feature));
    }
    if (attribute != null) {
      sb.append("/attribute=").append(escape(attribute));
    }
    if (group != null) {
      sb.append("/group=").append(escape(group));
    }
    return sb.toString();
  }

  /**
   * The key of the group this series pages with under {@code by}: for {@link
   * IncidentGrouping#SERIES} the series itself ({@link #asString()}); for {@link
   * IncidentGrouping#FEATURE} the model (and version) with the feature, e.g. {@code
   * credit-risk/feature=income}, or with the attribute, e.g. {@code credit-risk/attribute=sex}
   * (every group of it), or the model alone for a model-level metric, e.g. {@code credit-risk}; for
   * {@link IncidentGrouping#MODEL} the model (and version) alone. Written as {@link #asString()}
   * without the metric, so a group key never equals a series key (whose second part is a metric id,
   * never holding {@code =}). It feeds the grouped incident's deduplication key: it must never
   * change.
   */
  public String groupKey(IncidentGrouping by) {
    if (by == IncidentGrouping.SERIES) {
      return asString();
    }
    StringBuilder sb = new StringBuilder(escape(modelId));
    if (version != null) {
      sb.append("/version=").append(escape(version));
    }
    if (by == IncidentGrouping.FEATURE && feature != null) {
      sb.append("/feature=").append(escape(feature));
    } else if (by == IncidentGrouping.FEATURE && attribute != null) {
      sb.append("/attribute=").append(escape(attribute));
    }
    return sb.toString();
  }

  /**
   * The series of a string from {@link #asString()}.
   *
   * @throws IllegalArgumentException when {@code text} is not of that form
   */
  public static SeriesKey parse(String text) {
    String[] parts = text.split("/", -1);
    if (parts.length < 2 || parts.length > 6) {
      throw new IllegalArgumentException(FORM + ", found '" + text + "'");
    }
    String[] optional = new String[4];
    String[] names = {"version=", "feature=", "attribute=", "group="};
    int next = 0;
    for (int i = 2; i < parts.length; i++) {
      while (next < names.length && !parts[i].startsWith(names[next])) {
        next++;
      }
      if (next == names.length) {
        throw new IllegalArgumentException(FORM + ", found '" + text + "'");
      }
      optional[next] = unescape(parts[i].substring(names[next].length()));
      next++;
    }
    return new SeriesKey(
        unescape(parts[0]), unescape(parts[1]), optional[1], optional[2], optional[3], optional[0]);
  }

  private static final String FORM =
      "expected model/metric[/version=V][/feature=F][/attribute=A][/group=G]";

  @Override
  public String toString() {
    return asString();
  }

  private static String escape(String s) {
    return s.replace("%", "%25").replace("/", "%2F");
  }

  private static String unescape(String s) {
    return s.replace("%2F", "/").replace("%25", "%");
  }
}
