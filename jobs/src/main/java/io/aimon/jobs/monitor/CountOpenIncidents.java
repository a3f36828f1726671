package io.aimon.jobs.monitor;

import io.aimon.alerting.incident.IncidentEvent;
import io.aimon.alerting.incident.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;

/**
 * Publishes the number of open incidents per model and severity ({@code
 * aimon.model.<m>.severity.<s>.open_incidents}) from the incident events that pass through. The
 * open incidents (id, model, severity) are checkpointed, so the gauges are right after a restart;
 * there are at most as many as alert series, which the config bounds. Runs with parallelism 1, so
 * one instance sees every incident.
 */
final class CountOpenIncidents extends RichMapFunction<IncidentEvent, IncidentEvent>
    implements CheckpointedFunction {
  private static final long serialVersionUID = 1L;
  private final List<String> models;

  /** incident id -> "model\nseverity code". */
  private transient Map<String, String> open;

  private transient ListState<String> checkpointed;

  CountOpenIncidents(List<String> models) {
    this.models = List.copyOf(models);
  }

  @Override
  public void initializeState(FunctionInitializationContext context) throws Exception {
    checkpointed =
        context
            .getOperatorStateStore()
            .getListState(new ListStateDescriptor<>("open-incidents", Types.STRING));
    open = new ConcurrentHashMap<>();
    for (String entry : checkpointed.get()) {
      int cut = entry.indexOf('\t');
      open.put(entry.substring(0, cut), entry.substring(cut + 1));
    }
  }

  @Override
  public void snapshotState(FunctionSnapshotContext context) throws Exception {
    List<String> entries = new ArrayList<>(open.size());
    open.forEach((id, modelSeverity) -> entries.add(id + '\t' + modelSeverity));
    checkpointed.update(entries);
  }

  @Override
  public void open(OpenContext context) {
    MetricGroup aimon = getRuntimeContext().getMetricGroup().addGroup("aimon");
    for (String model : models) {
      for (Severity s : Severity.values()) {
        String key = model + '\n' + s.code();
        aimon
            .addGroup("model", model)
            .addGroup("severity", s.code())
            .gauge("open_incidents", () -> count(key));
      }
    }
  }

  @Override
  public IncidentEvent map(IncidentEvent e) {
    if (e.type() == IncidentEvent.Type.RESOLVED) {
      open.remove(e.incidentId());
    } else {
      open.put(e.incidentId(), e.modelId() + '\n' + e.severity().code());
    }
    return e;
  }

  private long count(String modelSeverity) {
    return open.values().stream().filter(modelSeverity::equals).count();
  }
}
