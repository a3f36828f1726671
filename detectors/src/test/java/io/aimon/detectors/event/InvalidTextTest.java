package io.aimon.detectors.event;

import static io.aimon.detectors.event.EventFixtures.FEB_1_10_00_UTC;
import static io.aimon.detectors.event.EventFixtures.MAX_RECORD_BYTES;
import static io.aimon.detectors.event.EventFixtures.SPEC;
import static io.aimon.detectors.event.EventFixtures.decoder;
import static io.aimon.detectors.event.EventFixtures.raw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Lone surrogates are dead letters at decode; whole pairs (emoji) are ordinary text. */
class InvalidTextTest {
  private static final String HEAD =
      "{\"inference_id\":\"i\",\"model_id\":\""
          + SPEC.id()
          + "\",\"timestamp\":\"2024-02-01T09:00:00Z\",";

  @Test
  void aLoneHighSurrogateInAGroupValueIsInvalidText() {
    DeadLetter d =
        decoder()
            .decodeInference(
                raw(HEAD + "\"features\":{},\"prediction\":1,\"groups\":{\"sex\":\"ab\\ud83d\"}}"),
                FEB_1_10_00_UTC)
            .deadLetter();
    assertEquals("invalid_text", d.reason());
    assertEquals(
        "groups.sex: a lone UTF-16 surrogate (\\ud83d) at character 3, not valid Unicode",
        d.detail());
    // the dead letter keeps the record's text, where the surrogate is still an ASCII escape
    assertTrue(d.payload().contains("ab\\ud83d"), d.payload());
    assertEquals(
        d.payload(),
        new String(d.payload().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
  }

  @Test
  void loneLowSurrogatesInModelIdsMemberNamesAndLabelsAreInvalidText() {
    assertEquals(
        "model_id: a lone UTF-16 surrogate (\\ude00) at character 1, not valid Unicode",
        decoder()
            .decodeInference(
                raw(
                    "{\"inference_id\":\"i\",\"model_id\":\"\\ude00m1\",\"timestamp\":\"2024-02-01T09:00:00Z\",\"features\":{},\"prediction\":1}"),
                FEB_1_10_00_UTC)
            .deadLetter()
            .detail());
    assertEquals(
        "features.(member name): a lone UTF-16 surrogate (\\ud800) at character 2, not valid Unicode",
        decoder()
            .decodeInference(
                raw(HEAD + "\"features\":{\"x\\ud800\":1},\"prediction\":1}"), FEB_1_10_00_UTC)
            .deadLetter()
            .detail());
    assertEquals(
        "invalid_text",
        decoder()
            .decodeLabel(
                raw(
                    "{\"inference_id\":\"i\",\"model_id\":\"m1\",\"timestamp\":\"2024-02-01T09:00:00Z\",\"label\":\"\\udfff\"}"))
            .deadLetter()
            .reason());
  }

  @Test
  void wholeSurrogatePairsAreOrdinaryText() {
    Decoded<InferenceEvent> d =
        decoder()
            .decodeInference(
                raw(
                    HEAD
                        + "\"features\":{\"workclass\":\"\\ud83d\\ude00 ok\"},\"prediction\":1,\"groups\":{\"sex\":\"\uD83D\uDE00\"}}"),
                FEB_1_10_00_UTC);
    assertTrue(d.isOk(), () -> String.valueOf(d.deadLetter()));
    assertEquals("\uD83D\uDE00 ok", d.event().categorical()[0]);
    assertEquals(-1, InvalidText.loneSurrogate("a\uD83D\uDE00b"));
    assertEquals(1, InvalidText.loneSurrogate("a\uD83Db"));
    assertEquals(0, InvalidText.loneSurrogate("\uDE00"));
    assertFalse(InvalidText.loneSurrogate("plain") >= 0);
  }

  @Test
  void anEventFurtherBehindTheClockThanTheMaxAgeIsTooOld() {
    EventDecoder decoder =
        new EventDecoder(
            Map.of(SPEC.id(), SPEC), MAX_RECORD_BYTES, 3_600_000L, 3650L * 86_400_000L);
    String epoch0 =
        "{\"inference_id\":\"z\",\"model_id\":\""
            + SPEC.id()
            + "\",\"timestamp\":0,\"features\":{},\"prediction\":1}";
    DeadLetter d = decoder.decodeInference(raw(epoch0), FEB_1_10_00_UTC).deadLetter();
    assertEquals("too_old", d.reason());
    assertEquals(
        "timestamp: 1970-01-01T00:00:00Z is more than 3650 days before the clock"
            + " (2024-02-01T10:00:00Z): job.max_event_age",
        d.detail());
    String nineYearsAgo =
        "{\"inference_id\":\"z\",\"model_id\":\""
            + SPEC.id()
            + "\",\"timestamp\":\"2015-02-01T10:00:00Z\",\"features\":{},\"prediction\":1}";
    assertTrue(decoder.decodeInference(raw(nineYearsAgo), FEB_1_10_00_UTC).isOk());
  }
}
