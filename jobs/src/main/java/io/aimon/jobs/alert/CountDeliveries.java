package io.aimon.jobs.alert;

import io.aimon.alerting.notify.Delivery;
import io.aimon.config.NotifierConfig;
import io.aimon.config.NotifyConfig;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * Counts deliveries by notifier and outcome ({@code aimon_notifier_outcome_deliveries}); the labels
 * are bounded by the configured notifiers.
 */
final class CountDeliveries extends RichMapFunction<AlertDelivery, AlertDelivery> {
  private static final long serialVersionUID = 1L;
  private final NotifyConfig notify;
  private transient Map<String, Counter> counters;

  CountDeliveries(NotifyConfig notify) {
    this.notify = notify;
  }

  @Override
  public void open(OpenContext context) {
    counters = new HashMap<>();
    MetricGroup aimon = getRuntimeContext().getMetricGroup().addGroup("aimon");
    for (NotifierConfig n : notify.notifiers()) {
      MetricGroup byNotifier = aimon.addGroup("notifier", n.name());
      for (Delivery.Outcome o : Delivery.Outcome.values()) {
        String outcome = o.name().toLowerCase(Locale.ROOT);
        counters.put(
            n.name() + "/" + o, byNotifier.addGroup("outcome", outcome).counter("deliveries"));
      }
    }
  }

  @Override
  public AlertDelivery map(AlertDelivery a) {
    Counter c = counters.get(a.delivery().notifier() + "/" + a.delivery().outcome());
    if (c != null) {
      c.inc();
    }
    return a;
  }
}
