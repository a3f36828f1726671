package io.aimon.jobs.monitor;

import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Watermarks of a side input: none, the stream is always idle, so it never holds back the monitor's
 * event time. Used for operators' corrective actions (rare, on their own clock) and for the
 * dead-letter marks of coverage evidence (read before watermarks exist). Their elements wait in the
 * keyed operator until the monitored data's watermark passes their time; one behind it is taken on
 * the next watermark.
 */
final class SideInputWatermarks<T> implements WatermarkGenerator<T> {

  static <T> WatermarkGeneratorSupplier<T> supplier() {
    return context -> new SideInputWatermarks<>();
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
