package io.aimon.jobs.metrics;

import java.util.Properties;
import org.apache.flink.metrics.reporter.MetricReporterFactory;
import org.apache.flink.util.PortRange;

/**
 * Creates a {@link LocalPrometheusReporter} from the reporter's {@code host} (default {@value
 * #DEFAULT_HOST}) and {@code port} (a port or a range such as {@code 9249-9259}) properties.
 */
public final class LocalPrometheusReporterFactory implements MetricReporterFactory {
  /** Where the endpoint listens unless told otherwise: this machine only. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  @Override
  public LocalPrometheusReporter createMetricReporter(Properties properties) {
    return new LocalPrometheusReporter(
        properties.getProperty("host", DEFAULT_HOST),
        new PortRange(properties.getProperty("port", "9249")));
  }
}
