package io.aimon.evidence.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aimon.alerting.remediation.NonconformityGrade;
import io.aimon.alerting.remediation.RemediationEvent;
import io.aimon.detectors.check.CheckResult;
import io.aimon.detectors.check.CheckStatus;
import io.aimon.detectors.check.InsufficientReason;
import io.aimon.detectors.common.CapCounts;
import io.aimon.evidence.EvidenceKind;
import io.aimon.evidence.EvidenceRecord;
import io.aimon.evidence.Payloads;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link EvidenceCodec}: every kind round trips, the layout is exact, bad data is named. */
class EvidenceCodecTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final long START = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
  private static final long END = START + 21_600_000L;

  private static final Map<String, CapCounts> CAPS =
      mapOf("categories", new CapCounts(600, 1300), "versions", new CapCounts(1284, 0));

  private static Map<String, CapCounts> mapOf(String k1, CapCounts v1, String k2, CapCounts v2) {
    Map<String, CapCounts> m = new LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return m;
  }

  private static List<EvidencePayload> allKinds() {
    return List.of(
        Payloads.check("credit-risk", START, END, "psi", "income", 0.3689, "critical"),
        Payloads.coverage(START, END, 996),
        CoverageEvidence.of(START, END, 5, 0, 0, List.of()),
        Payloads.incident("credit-risk", START, END),
        Payloads.notification("credit-risk"),
        Payloads.actionApplied("credit-risk", END),
        CoverageEvidence.of(START, END, 1300, 40, 2, List.of()).withCaps(CAPS));
  }

  @Test
  void everyKindDecodesToAnEqualPayload() {
    for (EvidencePayload p : allKinds()) {
      ObjectNode data = EvidenceCodec.encode(p);
      assertEquals(p, EvidenceCodec.decode(EvidenceRecord.VERSION, p.kind(), data), p.toString());
    }
  }

  @Test
  void aCheckReasonRoundTripsAndACheckWithoutOneReadsWithNone() {
    CheckEvidence plain = Payloads.check("credit-risk", START, END, "psi", "income", 0.3, "ok");
    ObjectNode data = EvidenceCodec.encode(plain);
    assertNull(data.get("reason"), "no reason, no member: v2 records are written as before");
    CheckEvidence read = (CheckEvidence) EvidenceCodec.decode(2, EvidenceKind.CHECK, data);
    assertNull(read.result().reason());

    CheckResult missing =
        CheckResult.builder()
            .checkId("c1")
            .modelId("credit-risk")
            .window(START, END)
            .metric("demographic_parity_ratio")
            .group("sex", null)
            .value(1.0)
            .n(996)
            .status(CheckStatus.INSUFFICIENT_DATA)
            .reason(InsufficientReason.ATTRIBUTE_MISSING)
            .build();
    CheckEvidence withReason = new CheckEvidence(missing, "c0ffee", "0.1.0");
    ObjectNode encoded = EvidenceCodec.encode(withReason);
    assertEquals(
        "{\"check_id\":\"c1\",\"model_id\":\"credit-risk\","
            + "\"window_start\":\"2026-01-01T00:00:00Z\",\"window_end\":\"2026-01-01T06:00:00Z\","
            + "\"metric\":\"demographic_parity_ratio\",\"attribute\":\"sex\",\"value\":1.0,"
            + "\"n\":996,\"status\":\"insufficient_data\",\"reason\":\"attribute_missing\","
            + "\"config_digest\":\"c0ffee\",\"aimon_version\":\"0.1.0\"}",
        encoded.toString());
    assertEquals(withReason, EvidenceCodec.decode(2, EvidenceKind.CHECK, encoded));
  }

  @Test
  void correctiveActionLayoutIsExact() {
    assertEquals(
        "{\"event\":\"action_recorded\",\"incident_id\":\"inc-7\",\"model_id\":\"credit-risk\","
            + "\"series\":\"credit-risk/psi/feature=income\",\"time\":\"2026-01-01T06:00:00Z\","
            + "\"actor\":\"alice\",\"action_id\":\"act-1\",\"action_type\":\"action_applied\","
            + "\"text\":\"reference refreshed\",\"effectiveness\":\"pending\","
            + "\"summary\":\"action_applied by alice: verifying effectiveness\"}",
        EvidenceCodec.encode(Payloads.actionApplied("credit-risk", END)).toString());
    RemediationEvent grade =
        new RemediationEvent(
            RemediationEvent.GRADE_CHANGED,
            "inc-7",
            "credit-risk",
            "credit-risk/psi/feature=income",
            END,
            null,
            null,
            null,
            null,
            NonconformityGrade.MAJOR,
            "reached critical and unresolved PT24H",
            null,
            "grade minor -> major: reached critical and unresolved PT24H");
    assertEquals(
        "{\"event\":\"grade_changed\",\"incident_id\":\"inc-7\",\"model_id\":\"credit-risk\","
            + "\"series\":\"credit-risk/psi/feature=income\",\"time\":\"2026-01-01T06:00:00Z\","
            + "\"grade\":\"major\",\"reason\":\"reached critical and unresolved PT24H\","
            + "\"summary\":\"grade minor -> major: reached critical and unresolved PT24H\"}",
        EvidenceCodec.encode(new CorrectiveActionEvidence(grade)).toString());
  }

  @Test
  void coverageLayoutIsExactAndCountsAreLeftOutUntilChained() throws Exception {
    assertEquals(
        "{\"window_start\":\"2026-01-01T00:00:00Z\",\"window_end\":\"2026-01-01T06:00:00Z\","
            + "\"events\":996,\"checks\":12,\"breaches\":1,\"sources\":[{\"source\":\"input.jsonl\","
            + "\"first\":1,\"last\":997,\"events\":996,\"sha256\":\""
            + "ab".repeat(32)
            + "\"}],\"late_events\":1,\"dead_letters\":{\"late\":1,\"malformed_json\":1},"
            + "\"unattributed_dead_letters\":{}}",
        EvidenceCodec.encode(Payloads.coverage(START, END, 996)).toString());
    CoverageEvidence waiting = CoverageEvidence.of(START, END, 5, 0, 0, List.of());
    ObjectNode data = EvidenceCodec.encode(waiting);
    assertEquals(List.of(), List.copyOf(data.findValues("late_events")));
    assertNull(
        ((CoverageEvidence) EvidenceCodec.decode(2, EvidenceKind.COVERAGE, data)).deadLetters());
  }

  @Test
  void coverageCapsComeAfterTheSourcesAndOnlyWhenSomethingWasCapped() {
    CoverageEvidence capped =
        CoverageEvidence.of(START, END, 1300, 40, 2, List.of())
            .withCaps(CAPS)
            .withDeadLetters(DeadLetterTotals.of(Map.of(), Map.of()));
    assertEquals(
        "{\"window_start\":\"2026-01-01T00:00:00Z\",\"window_end\":\"2026-01-01T06:00:00Z\","
            + "\"events\":1300,\"checks\":40,\"breaches\":2,\"sources\":[],\"caps\":{"
            + "\"categories\":{\"capped\":600,\"truncated\":1300},"
            + "\"versions\":{\"capped\":1284,\"truncated\":0}},\"late_events\":0,"
            + "\"dead_letters\":{},\"unattributed_dead_letters\":{}}",
        EvidenceCodec.encode(capped).toString());
    CoverageEvidence back =
        (CoverageEvidence)
            EvidenceCodec.decode(2, EvidenceKind.COVERAGE, EvidenceCodec.encode(capped));
    assertEquals(CAPS, back.caps());
    assertEquals(List.of("categories", "versions"), List.copyOf(back.caps().keySet()));
    ObjectNode plain = EvidenceCodec.encode(Payloads.coverage(START, END, 996));
    assertFalse(plain.has("caps"));
    assertEquals(
        Map.of(),
        ((CoverageEvidence) EvidenceCodec.decode(2, EvidenceKind.COVERAGE, plain)).caps());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            CoverageEvidence.of(START, END, 1, 1, 0, List.of())
                .withCaps(Map.of("groups", CapCounts.NONE)));
  }

  @Test
  void dataThatDoesNotFitIsRejectedNamingTheKindAndMember() throws Exception {
    ObjectNode check = EvidenceCodec.encode(allKinds().get(0));
    check.remove("status");
    assertEquals(
        "check data: status: expected a string, found nothing",
        assertThrows(
                IllegalArgumentException.class,
                () -> EvidenceCodec.decode(2, EvidenceKind.CHECK, check))
            .getMessage());
    ObjectNode coverage = EvidenceCodec.encode(allKinds().get(1));
    coverage.put("events", "many");
    assertEquals(
        "coverage data: events: expected an integer, found \"many\"",
        assertThrows(
                IllegalArgumentException.class,
                () -> EvidenceCodec.decode(2, EvidenceKind.COVERAGE, coverage))
            .getMessage());
    ObjectNode notification = EvidenceCodec.encode(allKinds().get(4));
    notification.remove("notifier");
    assertEquals(
        "notification data: notifier: expected a string, found nothing",
        assertThrows(
                IllegalArgumentException.class,
                () -> EvidenceCodec.decode(2, EvidenceKind.NOTIFICATION, notification))
            .getMessage());
    ObjectNode incident = (ObjectNode) MAPPER.readTree("{\"type\":\"io.aimon.incident.opened\"}");
    assertEquals(
        "incident data: specversion: expected a string, found nothing",
        assertThrows(
                IllegalArgumentException.class,
                () -> EvidenceCodec.decode(2, EvidenceKind.INCIDENT, incident))
            .getMessage());
  }

  @Test
  void layoutVersionOneHasNoTypedData() {
    assertEquals(
        "v: expected layout version 2 (version 1 data has no typed layout), found 1",
        assertThrows(
                IllegalArgumentException.class,
                () -> EvidenceCodec.decode(1, EvidenceKind.CHECK, MAPPER.createObjectNode()))
            .getMessage());
  }
}
