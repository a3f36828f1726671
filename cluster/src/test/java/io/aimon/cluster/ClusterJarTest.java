package io.aimon.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The cluster jar holds aimon and what the Flink distribution does not (the Kafka connector and
 * client, Jackson, DataSketches, picocli, ...), and none of Flink's runtime, the embedded Kafka
 * broker, Scala or a logging backend: the cluster brings those, and a second copy in the job jar is
 * what breaks a submission with linkage errors.
 */
class ClusterJarTest {
  private static final Path JAR = Path.of("target/aimon-cluster.jar");

  @Test
  void holdsTheJobAndNothingTheClusterBrings() throws IOException {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      List<String> names = jar.stream().map(e -> e.getName()).toList();
      for (String wanted :
          List.of(
              "io/aimon/jobs/cli/AimonCommand.class",
              "io/aimon/jobs/monitor/MonitorJob.class",
              "org/apache/flink/connector/kafka/source/KafkaSource.class",
              "org/apache/flink/connector/base/source/reader/SourceReaderBase.class",
              "org/apache/kafka/clients/consumer/KafkaConsumer.class",
              "org/apache/datasketches/kll/KllDoublesSketch.class",
              "picocli/CommandLine.class")) {
        assertTrue(names.contains(wanted), wanted);
      }
      for (String banned :
          List.of(
              "org/apache/flink/runtime/",
              "org/apache/flink/streaming/api/",
              "org/apache/flink/api/common/",
              "org/apache/flink/client/",
              "org/apache/flink/connector/file/",
              "org/apache/flink/metrics/prometheus/",
              "kafka/server/",
              "org/apache/kafka/raft/",
              "scala/",
              "org/apache/logging/log4j/core/")) {
        assertEquals(
            List.of(),
            names.stream().filter(n -> n.startsWith(banned)).limit(3).toList(),
            "classes under " + banned);
      }
      assertEquals(
          "io.aimon.jobs.cli.AimonCommand",
          jar.getManifest().getMainAttributes().getValue("Main-Class"));
    }
  }
}
