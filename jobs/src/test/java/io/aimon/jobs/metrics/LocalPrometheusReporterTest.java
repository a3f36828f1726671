package io.aimon.jobs.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The local endpoint answers on loopback and is not reachable on the machine's other addresses. */
class LocalPrometheusReporterTest {
  @Test
  void servesMetricsOnLoopbackOnly() throws Exception {
    Properties props = new Properties();
    props.setProperty("port", "19249-19299");
    LocalPrometheusReporter reporter =
        new LocalPrometheusReporterFactory().createMetricReporter(props);
    try {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + reporter.port() + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      // the job's metrics through this endpoint: AlertDeliveryIntegrationTest scrapes them
      assertEquals(200, r.statusCode());

      Optional<InetAddress> other = nonLoopbackAddress();
      Assumptions.assumeTrue(other.isPresent(), "this machine has no non-loopback IPv4 address");
      assertThrows(
          ConnectException.class,
          () -> {
            try (Socket s = new Socket()) {
              s.connect(new InetSocketAddress(other.get(), reporter.port()), 2000);
            }
          },
          "not reachable on " + other.get().getHostAddress());
      System.out.println(
          "metrics on 127.0.0.1:"
              + reporter.port()
              + ", refused on "
              + other.get().getHostAddress()
              + ":"
              + reporter.port());
    } finally {
      reporter.close();
    }
  }

  private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
    for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!nif.isUp() || nif.isLoopback()) {
        continue;
      }
      for (InetAddress a : Collections.list(nif.getInetAddresses())) {
        if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
          return Optional.of(a);
        }
      }
    }
    return Optional.empty();
  }
}
