package io.aimon.detectors.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DeadLetterTest {
  @Test
  void aPayloadCutAtItsLimitNeverSplitsACharacter() throws CharacterCodingException {
    String emoji = "\uD83D\uDE00";
    String payload = "x".repeat(DeadLetter.MAX_PAYLOAD_CHARS - 1) + emoji + "tail";
    DeadLetter d =
        new DeadLetter("malformed_json", "detail", "input.jsonl", 1, payload, payload.length());

    assertEquals("x".repeat(DeadLetter.MAX_PAYLOAD_CHARS - 1), d.payload());
    // a strict UTF-8 encoder (what the file sink uses) accepts what is kept
    StandardCharsets.UTF_8
        .newEncoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .encode(CharBuffer.wrap(d.payload()));
  }
}
