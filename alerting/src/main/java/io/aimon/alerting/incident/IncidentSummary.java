package io.aimon.alerting.incident;

import io.aimon.config.IncidentGrouping;
import io.aimon.config.MetricIds;
import io.aimon.detectors.check.CheckResult;
import io.aimon.detectors.check.CheckStatus;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The one-line summary of an incident event, naming the model, metric, subject, value against the
 * threshold, window and sample size, e.g.
 *
 * <pre>
 * credit-risk: psi of income is 0.81 (critical &gt;= 0.25) in window 2026-11-22T18:26:20Z..18:26:30Z over 1000 events
 * credit-risk: ks of income is 0.31 with p 0.0001 (critical p &lt; 0.01) in window ... over 1000 events
 * credit-risk: demographic_parity_ratio for sex is 0.62 (critical &lt; 0.8) in window ... over 800 events
 * credit-risk: tpr for sex=Female is 0.5 (warning &gt;= 0.1) in window ... over 120 events; escalated from warning
 * credit-risk: psi of income is 0.04 (ok, warning at &gt;= 0.1) in window ... over 1000 events; back to normal for 2 windows
 * credit-risk version 8: challenger_psi of income is 0.42 (critical &gt;= 0.25) in window ... over 100 events
 * </pre>
 *
 * <p>The comparison is the one the status was judged by: {@code >=} for higher-is-worse metrics,
 * {@code <} for lower-is-worse ones (lower-bound thresholds such as {@code
 * demographic_parity_ratio}, and the performance metrics with drop thresholds, where the threshold
 * is the reference value minus the drop and equality breaches too), and {@code p <} for the p-value
 * metrics {@code ks} and {@code chi_square}. An ok window shows the warning level it stayed clear
 * of. Numbers have at most 4 significant digits; the end of the window is shown as a time only when
 * it falls on the start's UTC day. Without a threshold the parenthesis holds the status only; a
 * value that could not be computed shows as {@code n/a}.
 */
public final class IncidentSummary {

  private IncidentSummary() {}

  /**
   * The summary of an event of {@code type} triggered by {@code r}.
   *
   * @param okWindows for {@link IncidentEvent.Type#RESOLVED}: the consecutive ok windows that
   *     resolved it; ignored otherwise
   */
  public static String of(IncidentEvent.Type type, CheckResult r, int okWindows) {
    StringBuilder sb = new StringBuilder();
    sb.append(r.modelId());
    if (r.version() != null) {
      sb.append(" version ").append(r.version());
    }
    sb.append(": ").append(r.metric());
    if (r.feature() != null) {
      sb.append(" of ").append(r.feature());
    }
    if (r.attribute() != null) {
      sb.append(" for ").append(r.attribute());
      if (r.group() != null) {
        sb.append('=').append(r.group());
      }
    }
    judged(sb, r.metric(), r.value(), r.pValue(), r.status().code(), r.threshold());
    sb.append(" in window ").append(window(r.windowStart(), r.windowEnd()));
    sb.append(" over ").append(r.n()).append(r.n() == 1 ? " event" : " events");
    if (type == IncidentEvent.Type.ESCALATED) {
      sb.append("; escalated from warning");
    } else if (type == IncidentEvent.Type.RESOLVED) {
      sb.append("; back to normal for ")
          .append(okWindows)
          .append(okWindows == 1 ? " window" : " windows");
    }
    return sb.toString();
  }

  /** Members a grouped summary names one by one; the rest are counted. */
  static final int MEMBERS_SHOWN = 4;

  /**
   * The summary of an event of a grouped incident: the group, how many of its members breach in
   * their latest window and how many are open but ok there (recovering, not yet resolve_after ok
   * windows), and the open ones (breaching and most severe first, at most {@link #MEMBERS_SHOWN})
   * with their latest values, e.g.
   *
   * <pre>
   * credit-risk feature income: 3 of 3 checks breach: psi is 0.81 (critical &gt;= 0.25), ks is 0.31 with p 0.0001 (critical p &lt; 0.01), jensen_shannon is 0.2 (warning &gt;= 0.1); window 2026-11-22T18:26:20Z..18:26:30Z
   * credit-risk feature income: all 3 checks back to normal
   * </pre>
   *
   * @param grouping how the incident's series are grouped
   * @param lead the lead member (names the group's subject)
   * @param members every member
   */
  public static String ofGroup(
      IncidentEvent.Type type,
      IncidentGrouping grouping,
      IncidentMember lead,
      List<IncidentMember> members) {
    SeriesKey s = lead.series();
    StringBuilder sb = new StringBuilder(s.modelId());
    if (s.version() != null) {
      sb.append(" version ").append(s.version());
    }
    if (grouping == IncidentGrouping.FEATURE && s.feature() != null) {
      sb.append(" feature ").append(s.feature());
    } else if (grouping == IncidentGrouping.FEATURE && s.attribute() != null) {
      sb.append(" attribute ").append(s.attribute());
    } else if (grouping == IncidentGrouping.FEATURE) {
      sb.append(" model-level checks");
    }
    int total = members.size();
    String checks = total == 1 ? " check" : " checks";
    if (type == IncidentEvent.Type.RESOLVED) {
      return sb.append(": ")
          .append(total == 1 ? "the" : "all " + total)
          .append(checks)
          .append(" back to normal")
          .toString();
    }
    List<IncidentMember> open = new ArrayList<>();
    for (IncidentMember m : members) {
      if (m.open()) {
        open.add(m);
      }
    }
    // breaching first, then the most severe; stable, so series order on ties
    open.sort(
        Comparator.comparing((IncidentMember m) -> m.status().equals(CheckStatus.OK.code()))
            .thenComparing(Comparator.comparing(IncidentMember::severity).reversed()));
    long breaching = open.stream().filter(m -> !m.status().equals(CheckStatus.OK.code())).count();
    sb.append(": ").append(breaching).append(" of ").append(total).append(checks);
    sb.append(breaching == 1 ? " breaches" : " breach");
    if (breaching < open.size()) {
      sb.append(", ").append(open.size() - breaching).append(" recovering");
    }
    sb.append(": ");
    for (int i = 0; i < Math.min(open.size(), MEMBERS_SHOWN); i++) {
      sb.append(i == 0 ? "" : ", ").append(memberText(grouping, open.get(i)));
    }
    if (open.size() > MEMBERS_SHOWN) {
      sb.append(" and ").append(open.size() - MEMBERS_SHOWN).append(" more");
    }
    sb.append("; window ").append(window(lead.windowStart(), lead.windowEnd()));
    if (type == IncidentEvent.Type.ESCALATED) {
      sb.append("; escalated from warning");
    }
    return sb.toString();
  }

  /** {@code psi is 0.81 (critical >= 0.25)}, naming the subject where the group does not. */
  private static String memberText(IncidentGrouping grouping, IncidentMember m) {
    SeriesKey s = m.series();
    StringBuilder sb = new StringBuilder(s.metric());
    boolean named = grouping == IncidentGrouping.FEATURE; // the summary named feature or attribute
    if (s.feature() != null && !named) {
      sb.append(" of ").append(s.feature());
    }
    if (s.attribute() != null && (!named || s.group() != null)) {
      sb.append(" for ").append(s.attribute());
      if (s.group() != null) {
        sb.append('=').append(s.group());
      }
    }
    judged(sb, s.metric(), m.value(), m.pValue(), m.status(), m.threshold());
    return sb.toString();
  }

  /**
   * {@code " is 0.81 (critical >= 0.25)"}: the value (with its p-value for the tests judged by it)
   * and the status it was judged to, against the threshold; an ok status shows the warning level.
   */
  private static void judged(
      StringBuilder sb,
      String metric,
      Double value,
      Double pValue,
      String status,
      Double threshold) {
    sb.append(" is ").append(value == null ? "n/a" : number(value));
    if (MetricIds.P_VALUE_THRESHOLD_METRICS.contains(metric) && pValue != null) {
      sb.append(" with p ").append(number(pValue));
    }
    sb.append(" (").append(status);
    if (threshold != null) {
      sb.append(status.equals(CheckStatus.OK.code()) ? ", warning at " : " ")
          .append(operator(metric))
          .append(' ')
          .append(number(threshold));
    }
    sb.append(')');
  }

  /** The comparison that makes a value breach the threshold of {@code metric}. */
  static String operator(String metric) {
    metric = MetricIds.judgedAs(metric);
    if (MetricIds.P_VALUE_THRESHOLD_METRICS.contains(metric)) {
      return "p <";
    }
    if (MetricIds.DROP_THRESHOLD_METRICS.contains(metric)
        || MetricIds.LOWER_BOUND_THRESHOLD_METRICS.contains(metric)) {
      return "<";
    }
    return ">=";
  }

  /** At most 4 significant digits, plain below 1e15 and from 1e-4 on, else scientific. */
  static String number(double v) {
    if (v == 0) {
      return "0";
    }
    BigDecimal d = new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros();
    double abs = Math.abs(v);
    return abs >= 1e-4 && abs < 1e15 ? d.toPlainString() : d.toString();
  }

  /** {@code start..end} in ISO-8601 UTC, the end as a time only when on the start's day. */
  static String window(long start, long end) {
    String s = Instant.ofEpochMilli(start).toString();
    String e = Instant.ofEpochMilli(end).toString();
    return s.substring(0, 11).equals(e.substring(0, 11))
        ? s + ".." + e.substring(11)
        : s + ".." + e;
  }
}
