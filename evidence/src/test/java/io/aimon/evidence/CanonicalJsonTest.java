package io.aimon.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.Test;

/**
 * The bytes that are hashed and signed: RFC 8785 (JCS) examples, and the hash of a record spelled
 * out. Expected values are the RFC's own, or were computed independently with Node.js ({@code
 * JSON.stringify} with sorted keys, which RFC 8785 builds on, and {@code crypto} SHA-256).
 */
class CanonicalJsonTest {
  /** RFC 8785 section 3.2.2, the input. */
  private static final String RFC_INPUT =
      "{\n"
          + "  \"numbers\": [333333333.33333329, 1E30, 4.50,\n"
          + "              2e-3, 0.000000000000000000000000001],\n"
          + "  \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n"
          + "  \"literals\": [null, true, false]\n"
          + "}";

  /** RFC 8785 section 3.2.2, the canonical form. */
  private static final String RFC_CANONICAL =
      "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
          + "\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";

  /** RFC 8785 section 3.2.4, the UTF-8 bytes of the canonical form. */
  private static final String RFC_UTF8 =
      "7b 22 6c 69 74 65 72 61 6c 73 22 3a 5b 6e 75 6c 6c 2c 74 72"
          + " 75 65 2c 66 61 6c 73 65 5d 2c 22 6e 75 6d 62 65 72 73 22 3a"
          + " 5b 33 33 33 33 33 33 33 33 33 2e 33 33 33 33 33 33 33 2c 31"
          + " 65 2b 33 30 2c 34 2e 35 2c 30 2e 30 30 32 2c 31 65 2d 32 37"
          + " 5d 2c 22 73 74 72 69 6e 67 22 3a 22 e2 82 ac 24 5c 75 30 30"
          + " 30 66 5c 6e 41 27 42 5c 22 5c 5c 5c 5c 5c 22 2f 22 7d";

  @Test
  void rfcSampleCanonicalizesToTheRfcBytes() throws Exception {
    byte[] expected = HexFormat.ofDelimiter(" ").parseHex(RFC_UTF8);
    assertEquals(RFC_CANONICAL, new String(expected, StandardCharsets.UTF_8));

    // through the same path records take: Jackson tree, written, canonicalized
    byte[] ours = EvidenceJson.canonical(EvidenceJson.parseObject(RFC_INPUT));
    assertEquals(HexFormat.of().formatHex(expected), HexFormat.of().formatHex(ours));
    // and the reference implementation on the RFC's text directly
    assertEquals(RFC_CANONICAL, new JsonCanonicalizer(RFC_INPUT).getEncodedString());
  }

  @Test
  void sha256OfTheRfcSampleIsKnown() {
    byte[] canonical = EvidenceJson.canonical(EvidenceJson.parseObject(RFC_INPUT));
    assertEquals(
        "2d5e01a318d0f0879ab568c4be289c8b1f64ef8921a53c6277d5e069978baacb",
        EvidenceJson.sha256Hex(canonical));
  }

  @Test
  void propertiesSortByUtf16CodeUnitsAsInRfcSection323() {
    String input =
        "{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\","
            + "\"\\ufb33\":\"Hebrew Letter Dalet With Dagesh\",\"1\":\"One\","
            + "\"\\ud83d\\ude00\":\"Emoji: Grinning Face\",\"\\u0080\":\"Control\","
            + "\"\\u00f6\":\"Latin Small Letter O With Diaeresis\"}";
    JsonNode sorted =
        EvidenceJson.parseObject(
            new String(
                EvidenceJson.canonical(EvidenceJson.parseObject(input)), StandardCharsets.UTF_8));
    List<String> values = new ArrayList<>();
    sorted.elements().forEachRemaining(v -> values.add(v.textValue()));
    assertEquals(
        List.of(
            "Carriage Return",
            "One",
            "Control",
            "Latin Small Letter O With Diaeresis",
            "Euro Sign",
            "Emoji: Grinning Face",
            "Hebrew Letter Dalet With Dagesh"),
        values);
  }

  @Test
  void numbersAreWrittenAsEcmaScriptDoes() {
    String input =
        "{\"a\":[0,-0.0,5e-324,1.7976931348623157e308,9007199254740991,1e21,1e-7,"
            + "123456789012345680000,0.000001,333333333.33333329,-1.5e-9,100,0.1,1.0]}";
    assertEquals(
        "{\"a\":[0,0,5e-324,1.7976931348623157e+308,9007199254740991,1e+21,1e-7,"
            + "123456789012345680000,0.000001,333333333.3333333,-1.5e-9,100,0.1,1]}",
        new String(
            EvidenceJson.canonical(EvidenceJson.parseObject(input)), StandardCharsets.UTF_8));
  }

  @Test
  void recordHashIsSha256OfTheCanonicalFormWithoutTheHashMember() {
    EvidenceRecord r =
        new EvidenceRecord(
            1,
            "credit-risk",
            1,
            EvidenceKind.CHECK,
            EvidenceFixtures.windowEnd(0),
            EvidenceFixtures.windowStart(0),
            EvidenceFixtures.windowEnd(0),
            List.of("9.1"),
            List.of("A.6.2.6"),
            EvidenceFixtures.json(
                "{\"metric\":\"psi\",\"feature\":\"income\",\"value\":0.1,\"n\":1000,\"é\":\"ü\"}"),
            EvidenceRecord.GENESIS,
            EvidenceRecord.GENESIS);
    String canonical =
        "{\"clauses\":[\"9.1\"],\"controls\":[\"A.6.2.6\"],"
            + "\"data\":{\"feature\":\"income\",\"metric\":\"psi\",\"n\":1000,\"value\":0.1,\"é\":\"ü\"},"
            + "\"kind\":\"check\",\"model_id\":\"credit-risk\",\"prev\":\""
            + "0".repeat(64)
            + "\",\"seq\":1,\"time\":\"2026-01-01T06:00:00Z\",\"v\":1,"
            + "\"window_end\":\"2026-01-01T06:00:00Z\",\"window_start\":\"2026-01-01T00:00:00Z\"}";
    assertEquals(
        EvidenceJson.sha256Hex(canonical.getBytes(StandardCharsets.UTF_8)), r.computeHash());
    assertEquals(
        "2eacf7636a7b0c301614168d4a54a20f2a8302970b3ed767af500ac59e202e9d", r.computeHash());
  }
}
