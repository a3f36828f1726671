package io.aimon.jobs.metrics;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exporter.HTTPServer;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.util.Iterator;
import org.apache.flink.metrics.prometheus.AbstractPrometheusReporter;
import org.apache.flink.util.PortRange;

/**
 * Flink's Prometheus reporter (same metric names and labels), serving {@code /metrics} on a given
 * address instead of every interface: the local jobs' endpoint answers on 127.0.0.1 unless told
 * otherwise, so a laptop or a shared host does not publish a model's metrics to its network.
 *
 * <p>Flink's own reporter has no bind-address option and keeps its registry package-private, so
 * this one reads that registry by reflection (the one field it needs) and starts the same HTTP
 * server on the address.
 */
public final class LocalPrometheusReporter extends AbstractPrometheusReporter {
  private final HTTPServer server;
  private final int port;

  LocalPrometheusReporter(String host, PortRange ports) {
    CollectorRegistry registry = registry(this);
    HTTPServer started = null;
    int bound = -1;
    Iterator<Integer> it = ports.getPortsIterator();
    while (started == null && it.hasNext()) {
      int p = it.next();
      try {
        started = new HTTPServer(new InetSocketAddress(host, p), registry, true);
        bound = p;
      } catch (IOException e) {
        // taken: try the next port of the range
      }
    }
    if (started == null) {
      throw new IllegalStateException(
          "no free port for the Prometheus endpoint on " + host + " in " + ports);
    }
    this.server = started;
    this.port = bound;
    log.info("Prometheus metrics on http://{}:{}/metrics", host, bound);
  }

  /** The port the endpoint listens on. */
  public int port() {
    return port;
  }

  @Override
  public void close() {
    server.stop();
    super.close();
  }

  private static CollectorRegistry registry(AbstractPrometheusReporter reporter) {
    try {
      Field f = AbstractPrometheusReporter.class.getDeclaredField("registry");
      f.setAccessible(true);
      return (CollectorRegistry) f.get(reporter);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "this Flink version's Prometheus reporter has no registry", e);
    }
  }
}
