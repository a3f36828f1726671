package io.aimon.evidence.export;

import static io.aimon.evidence.export.ExportFixtures.ALL;
import static io.aimon.evidence.export.ExportFixtures.CHURN;
import static io.aimon.evidence.export.ExportFixtures.CREDIT;
import static io.aimon.evidence.export.ExportFixtures.INC_ACC;
import static io.aimon.evidence.export.ExportFixtures.INC_PSI;
import static io.aimon.evidence.export.ExportFixtures.TEST_KEYS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OSCAL document validates against NIST's schema and says what the archive holds. */
class OscalAssessmentResultsTest {
  static final Path SCHEMA =
      ExportFixtures.RESOURCES.resolve("oscal/oscal_assessment-results_schema-1.0.6.json");
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static JsonSchema schema;

  @TempDir Path tmp;

  /** The schema's validation messages for the document in {@code file}; empty when valid. */
  static List<String> validate(Path file) throws IOException {
    if (schema == null) {
      try (InputStream in = Files.newInputStream(SCHEMA)) {
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
      }
    }
    Set<ValidationMessage> messages = schema.validate(MAPPER.readTree(file.toFile()));
    return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
  }

  private JsonNode export(AuditExport.Selection selection) throws IOException {
    Path out = tmp.resolve("bundle");
    AuditExport.export(
        ExportFixtures.archive(tmp.resolve("evidence")),
        selection,
        out,
        TEST_KEYS.getPublic(),
        null);
    Path file = out.resolve("oscal-assessment-results.json");
    assertEquals(List.of(), validate(file));
    return MAPPER.readTree(file.toFile()).get("assessment-results");
  }

  @Test
  void schemaRejectsAnInvalidDocument() throws IOException {
    Path bad = tmp.resolve("bad.json");
    Files.writeString(bad, "{\"assessment-results\":{\"uuid\":\"not-a-uuid\"}}");
    assertTrue(validate(bad).size() >= 2, "a bad uuid and missing members are reported");
  }

  @Test
  void schemaCatchesAWrongValueDeepInsideAResult() throws IOException {
    export(ALL);
    Path file = tmp.resolve("bundle/oscal-assessment-results.json");
    ObjectNode doc = (ObjectNode) MAPPER.readTree(file.toFile());
    JsonNode finding = doc.at("/assessment-results/results/0/findings/0/target/status");
    ((ObjectNode) finding).put("state", "maybe");
    Path bad = tmp.resolve("bad.json");
    MAPPER.writeValue(bad.toFile(), doc);
    assertTrue(validate(bad).stream().anyMatch(m -> m.contains("state")), validate(bad).toString());
  }

  @Test
  void documentValidatesAndHasOneFindingPerIncidentWithItsState() throws IOException {
    JsonNode ar = export(ALL);
    assertEquals("1.0.6", ar.at("/metadata/oscal-version").asText());
    JsonNode result = ar.get("results").get(0);
    assertEquals("2026-01-01T00:00:00Z", result.get("start").asText());
    assertEquals("2026-01-03T00:00:00Z", result.get("end").asText());

    Map<String, JsonNode> byIncident = new HashMap<>();
    for (JsonNode f : result.get("findings")) {
      if (prop(f, "incident-id") == null) {
        continue; // a control's finding
      }
      byIncident.put(prop(f, "incident-id"), f);
      assertEquals("objective-id", f.at("/target/type").asText());
      assertEquals("a.8.4", f.at("/target/target-id").asText());
    }
    assertEquals(2, byIncident.size());
    assertEquals("satisfied", byIncident.get(INC_PSI).at("/target/status/state").asText());
    assertEquals("resolved", prop(byIncident.get(INC_PSI), "state"));
    assertEquals("critical", prop(byIncident.get(INC_PSI), "severity"));
    assertEquals("not-satisfied", byIncident.get(INC_ACC).at("/target/status/state").asText());
    assertEquals("open", prop(byIncident.get(INC_ACC), "state"));

    // findings point at the observation of their model and metric
    Map<String, JsonNode> observations = new HashMap<>();
    for (JsonNode o : result.get("observations")) {
      observations.put(o.get("uuid").asText(), o);
    }
    JsonNode related =
        observations.get(
            byIncident.get(INC_PSI).at("/related-observations/0/observation-uuid").asText());
    assertEquals("psi", prop(related, "metric"));
    assertEquals(CREDIT, prop(related, "model-id"));
  }

  @Test
  void observationsArePerModelAndMetricWithCountsByStatus() throws IOException {
    JsonNode result = export(ALL).get("results").get(0);
    List<String> metricObservations = new ArrayList<>();
    JsonNode psi = null;
    for (JsonNode o : result.get("observations")) {
      if (prop(o, "metric") != null) {
        metricObservations.add(prop(o, "model-id") + "/" + prop(o, "metric"));
        assertEquals("TEST", o.at("/methods/0").asText());
        assertEquals("records.jsonl", o.at("/relevant-evidence/0/href").asText());
        assertEquals("component", o.at("/subjects/0/type").asText());
      }
      if (CREDIT.equals(prop(o, "model-id")) && "psi".equals(prop(o, "metric"))) {
        psi = o;
      }
    }
    assertEquals(
        List.of(
            CHURN + "/psi",
            CHURN + "/accuracy",
            CREDIT + "/psi",
            CREDIT + "/accuracy",
            CREDIT + "/demographic_parity_ratio",
            CREDIT + "/count",
            CREDIT + "/selection_rate"),
        metricObservations);
    assertEquals("8", prop(psi, "checks"));
    assertEquals("6", prop(psi, "status-ok"));
    assertEquals("2", prop(psi, "status-critical"));
    assertEquals("0.06", prop(psi, "last-value"));
    assertEquals("0.1", prop(psi, "last-threshold"));
    assertEquals("2026-01-03T00:00:00Z", psi.get("collected").asText());
    assertTrue(
        psi.get("remarks").asText().contains("psi[income]: last value 0.06 vs threshold 0.1 (ok)"));
  }

  @Test
  void eachControlHasAFindingWithItsGapsAndTheirReasons() throws IOException {
    JsonNode result = export(ALL).get("results").get(0); // validated against NIST's schema
    Map<String, JsonNode> byControl = new HashMap<>();
    for (JsonNode f : result.get("findings")) {
      if (prop(f, "control-id") != null) {
        byControl.put(prop(f, "control-id"), f);
      }
    }
    assertEquals(
        Set.of("9.1", "10.2", "A.6.2.6", "A.6.2.8", "A.7.4", "A.8.4", "A.6.2.4", "A.6.2.5"),
        byControl.keySet());
    // the fixture's two incidents have no notification record: A.8.4 is not met
    JsonNode a84 = byControl.get("A.8.4");
    assertEquals("a.8.4", a84.at("/target/target-id").asText());
    assertEquals("not-satisfied", a84.at("/target/status/state").asText());
    assertEquals("fail", a84.at("/target/status/reason").asText());
    assertEquals("gap", prop(a84, "control-status"));
    assertEquals("incident_not_communicated", prop(a84, "gap-reason"));
    assertTrue(
        a84.get("remarks")
            .asText()
            .startsWith(
                "incident_not_communicated: 2 incidents never communicated (no notification"
                    + " delivered): credit-risk psi[income] (critical)"),
        a84.get("remarks").asText());
    // no plan recorded in the fixture: 9.1 is a gap too, A.6.2.6 is met
    JsonNode c91 = byControl.get("9.1");
    assertEquals("not-satisfied", c91.at("/target/status/state").asText());
    assertEquals("no_monitoring_plan", prop(c91, "gap-reason"));
    assertEquals("72", prop(c91, "records"), "56 checks and 16 coverage records");
    JsonNode a626 = byControl.get("A.6.2.6");
    assertEquals("satisfied", a626.at("/target/status/state").asText());
    assertEquals("pass", a626.at("/target/status/reason").asText());
    assertEquals("met", prop(a626, "control-status"));
    assertEquals(null, prop(a626, "gap-reason"));
  }

  @Test
  void reviewedControlsListEveryIdServedAsTokens() throws IOException {
    JsonNode ar = export(ALL);
    List<String> ids = new ArrayList<>();
    for (JsonNode c : ar.at("/results/0/reviewed-controls/control-selections/0/include-controls")) {
      ids.add(c.get("control-id").asText());
    }
    assertEquals(
        List.of(
            "clause-9.1",
            "clause-10.2",
            "a.6.2.6",
            "a.6.2.8",
            "a.7.4",
            "a.8.4",
            "a.6.2.4",
            "a.6.2.5"),
        ids);
    assertEquals("a.8.4", OscalAssessmentResults.controlId("A.8.4"));
    assertEquals("clause-9.1", OscalAssessmentResults.controlId("9.1"));
    assertEquals("x-y", OscalAssessmentResults.controlId("X Y"));
  }

  @Test
  void uuidsAreVersion5AndTheModelComponentIsStableAcrossExports() throws IOException {
    JsonNode ar = export(ALL);
    assertEquals(5, UUID.fromString(ar.get("uuid").asText()).version());
    String credit =
        ar.at("/results/0/local-definitions/components").findValuesAsText("uuid").get(1);
    assertEquals(NameUuid.of("aimon-model|" + CREDIT), credit);
    assertEquals(
        "2ed6657d-e927-568b-95e1-2665a8aea6a2",
        NameUuid.of(UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "www.example.com"));
  }

  @Test
  void backMatterHashesTheDataFiles() throws Exception {
    Path out = tmp.resolve("bundle");
    AuditExport.export(ExportFixtures.archive(tmp.resolve("evidence")), ALL, out, null, null);
    JsonNode ar =
        MAPPER
            .readTree(out.resolve("oscal-assessment-results.json").toFile())
            .get("assessment-results");
    assertEquals(List.of(), validate(out.resolve("oscal-assessment-results.json")));
    Map<String, String> hashes = new HashMap<>();
    for (JsonNode r : ar.at("/back-matter/resources")) {
      if (r.has("rlinks")) {
        hashes.put(r.at("/rlinks/0/href").asText(), r.at("/rlinks/0/hashes/0/value").asText());
      }
    }
    assertEquals(5, hashes.size());
    assertEquals(
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(out.resolve("records.jsonl")))),
        hashes.get("records.jsonl"));
    assertTrue(ar.at("/import-ap/href").asText().startsWith("#"));
  }

  static String prop(JsonNode o, String name) {
    for (JsonNode p : o.path("props")) {
      if (name.equals(p.get("name").asText())) {
        return p.get("value").asText();
      }
    }
    return null;
  }
}
