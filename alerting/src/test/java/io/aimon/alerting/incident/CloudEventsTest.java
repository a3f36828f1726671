package io.aimon.alerting.incident;

import static io.aimon.alerting.AlertFixtures.checkId;
import static io.aimon.alerting.AlertFixtures.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aimon.alerting.policy.AlertPolicy;
import io.aimon.alerting.policy.AlertStateMachine;
import io.aimon.alerting.policy.IncidentGrouper;
import io.aimon.alerting.policy.SeriesState;
import io.aimon.detectors.check.CheckResult;
import io.aimon.detectors.check.CheckStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CloudEventsTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final AlertPolicy POLICY =
      AlertPolicy.builder().runbookUrl("https://runbooks.example.com/credit-risk#psi").build();

  /** The events of windows 0 (warning), 1 (critical), 2 (critical), 3 and 4 (ok). */
  private static List<IncidentEvent> events() {
    List<IncidentEvent> out = new ArrayList<>();
    SeriesState state = SeriesState.INITIAL;
    String statuses = "wccoo";
    for (int i = 0; i < statuses.length(); i++) {
      AlertStateMachine.Step step =
          AlertStateMachine.step(POLICY, state, result(i, statuses.charAt(i)));
      state = step.next();
      out.addAll(step.events());
    }
    return out;
  }

  @Test
  void openedEventIsStructuredCloudEventsJsonWithEveryField() throws Exception {
    IncidentEvent opened = events().get(0);
    String json = CloudEvents.toJson(opened);
    JsonNode o = MAPPER.readTree(json);

    assertFalse(json.contains("\n"));
    assertEquals("1.0", o.get("specversion").asText());
    assertEquals(opened.eventId(), o.get("id").asText());
    assertEquals(32, o.get("id").asText().length());
    assertEquals("aimon/credit-risk", o.get("source").asText());
    assertEquals("io.aimon.incident.opened", o.get("type").asText());
    assertEquals("2026-11-22T18:26:20Z", o.get("time").asText());
    assertEquals("application/json", o.get("datacontenttype").asText());
    assertEquals("credit-risk/psi/feature=income", o.get("subject").asText());
    assertEquals(
        Set.of("specversion", "id", "source", "type", "time", "datacontenttype", "subject", "data"),
        fieldNames(o));

    JsonNode d = o.get("data");
    assertEquals(opened.incidentId(), d.get("incident_id").asText());
    assertEquals(opened.dedupKey(), d.get("dedup_key").asText());
    assertEquals("credit-risk", d.get("model_id").asText());
    assertEquals("7", d.get("model_version").asText());
    assertEquals("psi", d.get("metric").asText());
    assertEquals("income", d.get("feature").asText());
    assertFalse(d.has("attribute"));
    assertFalse(d.has("group"));
    assertEquals("critical", d.get("severity").asText());
    assertEquals("critical", d.get("window_status").asText());
    assertEquals("2026-11-22T18:26:10Z", d.get("first_window_start").asText());
    assertEquals("2026-11-22T18:26:20Z", d.get("last_window_end").asText());
    assertEquals("2026-11-22T18:26:10Z", d.get("window_start").asText());
    assertEquals("2026-11-22T18:26:20Z", d.get("window_end").asText());
    assertEquals(0.81, d.get("value").asDouble());
    assertFalse(d.has("p_value"));
    assertEquals(0.25, d.get("threshold").asDouble());
    assertEquals(1000, d.get("n").asLong());
    assertEquals(1, d.get("breach_count").asInt());
    assertEquals(
        "credit-risk: psi of income is 0.81 (critical >= 0.25) in window "
            + "2026-11-22T18:26:10Z..18:26:20Z over 1000 events",
        d.get("summary").asText());
    assertEquals("https://runbooks.example.com/credit-risk#psi", d.get("runbook_url").asText());
    assertEquals(
        List.of(checkId(0), checkId(1)), MAPPER.convertValue(d.get("check_ids"), List.class));
  }

  @Test
  void typesOfTheEpisodeAreOpenedUpdatedResolvedWithOneIdEach() throws Exception {
    List<IncidentEvent> events = events();
    List<String> types = new ArrayList<>();
    Set<String> ids = new java.util.HashSet<>();
    for (IncidentEvent e : events) {
      JsonNode o = MAPPER.readTree(CloudEvents.toJson(e));
      types.add(o.get("type").asText());
      ids.add(o.get("id").asText());
      assertEquals(events.get(0).dedupKey(), o.get("data").get("dedup_key").asText());
    }

    assertEquals(
        List.of(
            "io.aimon.incident.opened", "io.aimon.incident.updated", "io.aimon.incident.resolved"),
        types);
    assertEquals(3, ids.size());
  }

  @Test
  void escalatedTypeIsWritten() throws Exception {
    SeriesState s = SeriesState.INITIAL;
    IncidentEvent escalated = null;
    for (int i = 0; i < 3; i++) {
      AlertStateMachine.Step step = AlertStateMachine.step(POLICY, s, result(i, "wwc".charAt(i)));
      s = step.next();
      if (i == 2) {
        escalated = step.events().get(0);
      }
    }
    JsonNode o = MAPPER.readTree(CloudEvents.toJson(escalated));

    assertEquals("io.aimon.incident.escalated", o.get("type").asText());
    assertTrue(o.get("data").get("summary").asText().endsWith("; escalated from warning"));
  }

  @Test
  void eventIdsAreDeterministicAndDifferByTypeAndWindow() {
    List<IncidentEvent> a = events();
    List<IncidentEvent> b = events();

    assertEquals(CloudEvents.toJson(a.get(0)), CloudEvents.toJson(b.get(0)));
    assertEquals(
        IncidentIds.eventId(a.get(0).dedupKey(), IncidentEvent.Type.OPENED, a.get(0).eventTime()),
        a.get(0).eventId());
    assertNotEquals(a.get(0).eventId(), a.get(1).eventId());
  }

  @Test
  void fromJsonReadsBackEveryEvent() {
    for (IncidentEvent e : events()) {
      assertEquals(e, CloudEvents.fromJson(CloudEvents.toJson(e)));
    }
  }

  @Test
  void aGroupedIncidentCarriesItsGroupKeyAndMembersBothWays() throws Exception {
    long start = 1_767_225_600_000L;
    List<IncidentGrouper.Judged> judged = new ArrayList<>();
    for (String metric : List.of("psi", "ks")) {
      CheckResult r =
          CheckResult.builder()
              .checkId(metric + "-0")
              .modelId("credit-risk")
              .window(start, start + 3_600_000L)
              .metric(metric)
              .feature("income")
              .value(0.4)
              .pValue(metric.equals("ks") ? 1e-6 : null)
              .threshold(metric.equals("ks") ? 0.01 : 0.25)
              .n(1000)
              .status(CheckStatus.CRITICAL)
              .build();
      var step = AlertStateMachine.step(AlertPolicy.DEFAULT, SeriesState.INITIAL, r);
      judged.add(new IncidentGrouper.Judged(r, step.events().get(0)));
    }
    IncidentEvent e =
        IncidentGrouper.step(AlertPolicy.DEFAULT, "credit-risk/feature=income", null, judged)
            .events()
            .get(0);
    JsonNode o = new ObjectMapper().readTree(CloudEvents.toJson(e));
    assertEquals("credit-risk/feature=income", o.get("subject").asText());
    assertEquals("credit-risk/feature=income", o.get("data").get("group_key").asText());
    JsonNode members = o.get("data").get("members");
    assertEquals(2, members.size());
    assertEquals("credit-risk/ks/feature=income", members.get(0).get("series").asText());
    assertEquals(1e-6, members.get(0).get("p_value").asDouble());
    assertEquals(true, members.get(1).get("open").asBoolean());
    assertEquals(e, CloudEvents.fromJson(CloudEvents.toJson(e)));
  }

  @Test
  void fromJsonNamesWhatIsWrong() {
    assertEquals(
        "specversion: expected 1.0, found '0.3'",
        assertThrows(
                IllegalArgumentException.class,
                () -> CloudEvents.fromJson("{\"specversion\":\"0.3\",\"type\":\"x\"}"))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> CloudEvents.fromJson("[1]"));
    assertThrows(IllegalArgumentException.class, () -> CloudEvents.fromJson("{"));
  }

  private static Set<String> fieldNames(JsonNode o) {
    Set<String> out = new java.util.HashSet<>();
    o.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
