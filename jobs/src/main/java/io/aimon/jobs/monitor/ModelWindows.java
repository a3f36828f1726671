package io.aimon.jobs.monitor;

import io.aimon.detectors.event.InferenceEvent;
import io.aimon.detectors.model.EpochWindows;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.triggers.EventTimeTrigger;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * Tumbling event-time windows whose size is the element's model's configured window, aligned to the
 * UTC epoch (a 1d window is a UTC day): for inference events, and for the partial window states of
 * their shards (timestamped in the window they are of).
 */
final class ModelWindows extends WindowAssigner<Object, TimeWindow> {
  private static final long serialVersionUID = 1L;
  private final Map<String, Long> sizes;

  ModelWindows(Map<String, Long> sizes) {
    this.sizes = Map.copyOf(sizes);
  }

  @Override
  public Collection<TimeWindow> assignWindows(
      Object element, long timestamp, WindowAssignerContext context) {
    String model =
        element instanceof WindowState partial
            ? partial.modelId()
            : ((InferenceEvent) element).modelId();
    long size = sizes.get(model);
    long start = EpochWindows.start(timestamp, size);
    return List.of(new TimeWindow(start, start + size));
  }

  @Override
  public Trigger<Object, TimeWindow> getDefaultTrigger() {
    return EventTimeTrigger.create();
  }

  @Override
  public TypeSerializer<TimeWindow> getWindowSerializer(ExecutionConfig executionConfig) {
    return new TimeWindow.Serializer();
  }

  @Override
  public boolean isEventTime() {
    return true;
  }

  @Override
  public String toString() {
    return "ModelWindows" + sizes;
  }
}
