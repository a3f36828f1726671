package io.aimon.jobs.monitor;

import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Watermarks of a side input: none, the stream is always idle, so it never holds back the monitor's
 * event time. Used for operators' corrective actions (rare, on their own clock), the alert job's
 * deliveries read back, and the decoders' dead-letter counts (made before watermarks exist).
 * Actions and deliveries wait in their keyed operator until the monitored data's watermark passes
 * their time (one behind it is taken on the next watermark); dead-letter counts are counted on
 * arrival.
 */
final class SideInputWatermarks<T> implements WatermarkGenerator<T> {

  /** Timestamps from {@code time}, no watermarks: the stream is always idle. */
  static <T> WatermarkStrategy<T> strategy(SerializableTimestampAssigner<T> time) {
    WatermarkGeneratorSupplier<T> idle = context -> new SideInputWatermarks<>();
    return WatermarkStrategy.<T>forGenerator(idle).withTimestampAssigner(time);
  }

  @Override
  public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
    output.markIdle();
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    output.markIdle();
  }
}
