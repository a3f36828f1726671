package io.aimon.jobs.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.aimon.config.AimonConfig;
import io.aimon.config.ConfigLoader;
import io.aimon.jobs.cli.AimonCommand;
import io.aimon.jobs.demo.DemoGenerator;
import io.aimon.jobs.demo.DemoGenerator.Phase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manifests of {@code deploy/kubernetes/} are what the Flink Kubernetes operator (1.15)
 * accepts: each FlinkDeployment validates against the operator's CRD schema, runs aimon's jar where
 * the Dockerfile puts it, in application mode with savepoint upgrades; the ConfigMap holds an aimon
 * config that aimon's own loader accepts.
 */
class KubernetesManifestsTest {
  private static final Path DEPLOY = Path.of("../deploy");
  private static final Path CRD =
      Path.of("src/test/resources/kubernetes/flinkdeployments.flink.apache.org-v1.yml");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void everyFlinkDeploymentValidatesAgainstTheOperatorsSchema() throws IOException {
    JsonSchema schema = schema();
    List<JsonNode> deployments = documents("FlinkDeployment");
    assertEquals(2, deployments.size(), "the monitor and the alert job");
    for (JsonNode d : deployments) {
      Set<ValidationMessage> problems = schema.validate(d);
      assertEquals(Set.of(), problems, d.path("metadata").path("name").asText());
      JsonNode spec = d.path("spec");
      assertEquals("v2_2", spec.path("flinkVersion").asText());
      assertEquals("savepoint", spec.path("job").path("upgradeMode").asText());
      assertEquals("local:///opt/flink/usrlib/aimon.jar", spec.path("job").path("jarURI").asText());
      assertEquals("io.aimon.jobs.cli.AimonCommand", spec.path("job").path("entryClass").asText());
      JsonNode conf = spec.path("flinkConfiguration");
      assertTrue(conf.path("execution.checkpointing.dir").asText().startsWith("s3://"));
      assertTrue(conf.path("execution.checkpointing.savepoint-dir").asText().startsWith("s3://"));
      assertEquals("false", conf.path("metrics.reporter.prom.filterLabelValueCharacters").asText());
    }
    String dockerfile = Files.readString(DEPLOY.resolve("docker/Dockerfile"));
    assertTrue(dockerfile.contains("FROM flink:2.2.1-java17"), dockerfile);
    assertTrue(
        dockerfile.contains("cluster/target/aimon-cluster.jar /opt/flink/usrlib/aimon.jar"),
        dockerfile);
  }

  @Test
  void aManifestBreakingTheSchemaIsCaught() throws IOException {
    JsonNode d = documents("FlinkDeployment").get(0).deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) d.path("spec").path("job"))
        .put("upgradeMode", "whenever");
    ((com.fasterxml.jackson.databind.node.ObjectNode) d.path("spec")).put("flinkVersion", "v3_0");
    Set<ValidationMessage> problems = schema().validate(d);
    assertEquals(2, problems.size(), problems.toString());
  }

  @Test
  void theConfigMapHoldsAConfigAimonAccepts(@TempDir Path dir) throws Exception {
    // the reference profile it names, built as the README says, from the demo's credit-risk events
    Path events = dir.resolve("reference-credit-risk.jsonl");
    DemoGenerator generator = new DemoGenerator(7);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      lines.add(generator.event("credit-risk", 1_767_225_600_000L + i * 1000L, Phase.NORMAL));
    }
    Files.write(events, lines);
    String text = documents("ConfigMap").get(0).path("data").path("aimon.yaml").asText();
    Path build = dir.resolve("build.yaml");
    Files.writeString(
        build, text.replace("profile: reference-credit-risk.json", "events: " + events));
    assertEquals(
        0,
        AimonCommand.execute(
            "reference",
            "build",
            "--config",
            build.toString(),
            "--model",
            "credit-risk",
            "--out",
            dir.resolve("reference-credit-risk.json").toString()));

    Path config = dir.resolve("aimon.yaml");
    Files.writeString(config, text);
    assertEquals(0, AimonCommand.execute("config", "validate", config.toString()));
    AimonConfig loaded = ConfigLoader.load(config);
    assertEquals(2, loaded.job().parallelism());
    assertEquals("credit-risk", loaded.models().get(0).id());
    assertEquals("s3://aimon/checkpoints", loaded.job().checkpointDir());
  }

  /** The openAPIV3Schema of the CRD's v1beta1 version. */
  private static JsonSchema schema() throws IOException {
    JsonNode crd = YAML.readTree(CRD.toFile());
    JsonNode version = null;
    for (JsonNode v : crd.path("spec").path("versions")) {
      if (v.path("name").asText().equals("v1beta1")) {
        version = v;
      }
    }
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4)
        .getSchema(version.path("schema").path("openAPIV3Schema"));
  }

  /** The documents of {@code kind} in every manifest of deploy/kubernetes. */
  private static List<JsonNode> documents(String kind) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(DEPLOY.resolve("kubernetes"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        try (YAMLParser parser = new YAMLFactory().createParser(f.toFile())) {
          for (JsonNode doc : YAML.readValues(parser, JsonNode.class).readAll()) {
            if (doc.path("kind").asText().equals(kind)) {
              out.add(doc);
            }
          }
        }
      }
    }
    return out;
  }
}
