package io.aimon.detectors.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.aimon.detectors.model.ModelSpec;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The streaming {@link EventDecoder} against the tree-based decoding it replaced ({@link
 * TreeEventDecoder}): over the adult data sets and thousands of deterministically mutated records,
 * every record must come out the same, the same event field by field (arrays included, doubles bit
 * for bit) or a dead letter with the same reason and detail, and the key tallies must agree. Each
 * record is also decoded as a label event by both, with the same outcome.
 */
class EventDecoderDifferentialTest {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  private static final ModelSpec ADULT =
      spec(
          "adult-income-logreg",
          List.of(
              "age", "fnlwgt", "education_num", "capital_gain", "capital_loss", "hours_per_week"),
          List.of(
              "workclass",
              "education",
              "marital_status",
              "occupation",
              "relationship",
              "race",
              "sex",
              "native_country"),
          List.of("sex", "race"));

  /** A model naming one feature in both lists and one attribute twice. */
  private static final ModelSpec TWICE =
      spec("twice", List.of("age", "x"), List.of("age", "sex"), List.of("sex", "sex"));

  private static final Map<String, ModelSpec> MODELS =
      Map.of(ADULT.id(), ADULT, TWICE.id(), TWICE, EventFixtures.SPEC.id(), EventFixtures.SPEC);

  private static final Path DATASETS =
      Path.of("..", "jobs", "src", "test", "resources", "datasets");

  /** Two decoder settings: everything accepted by age, or a tight clock window and size limit. */
  private static final List<Settings> SETTINGS =
      List.of(
          new Settings(1 << 20, 365L * 86_400_000L, 365L * 86_400_000L, "2024-02-03T00:00:00Z"),
          new Settings(540, 3L * 86_400_000L, 20L * 86_400_000L, "2024-02-01T00:00:00Z"));

  private record Settings(int maxRecordBytes, long skewMillis, long maxAgeMillis, String now) {
    long nowMillis() {
      return Instant.parse(now).toEpochMilli();
    }
  }

  private static ModelSpec spec(
      String id, List<String> numeric, List<String> categorical, List<String> fairness) {
    return new ModelSpec(
        id,
        "1",
        3_600_000L,
        100,
        numeric,
        categorical,
        true,
        true,
        "1",
        fairness,
        10_000,
        Map.of());
  }

  // ---- the tests -------------------------------------------------------------------------------

  @Test
  void everyAdultRecordDecodesAsTheTreeDecodes() throws IOException {
    List<String> lines = new ArrayList<>();
    for (String file : List.of("reference.jsonl.gz", "production.jsonl.gz")) {
      lines.addAll(gzipLines(DATASETS.resolve("adult").resolve(file)));
    }
    assertTrue(lines.size() > 40_000, "adult records read: " + lines.size());
    Map<String, Long> outcomes = compareAll(lines);
    assertTrue(outcomes.get("ok") > 40_000, outcomes::toString);
    // and the label events of the production data
    Map<String, Long> labels =
        compareAll(gzipLines(DATASETS.resolve("adult").resolve("labels.jsonl.gz")));
    assertTrue(labels.get("label ok") > 30_000, labels::toString);
  }

  @Test
  void mutatedRecordsDecodeAsTheTreeDecodes() throws IOException {
    List<String> records = mutatedRecords();
    assertTrue(records.size() > 5_000, "mutated records: " + records.size());
    Map<String, Long> outcomes = compareAll(records);
    // the corpus reaches the accepted path and nearly every rejection
    for (DeadLetterReason r :
        List.of(
            DeadLetterReason.EMPTY_RECORD,
            DeadLetterReason.OVERSIZE,
            DeadLetterReason.MALFORMED_JSON,
            DeadLetterReason.INVALID_TEXT,
            DeadLetterReason.NOT_AN_OBJECT,
            DeadLetterReason.MISSING_FIELD,
            DeadLetterReason.WRONG_TYPE,
            DeadLetterReason.NON_FINITE_NUMBER,
            DeadLetterReason.BAD_TIMESTAMP,
            DeadLetterReason.FUTURE_TIMESTAMP,
            DeadLetterReason.TOO_OLD,
            DeadLetterReason.UNKNOWN_MODEL)) {
      assertTrue(outcomes.getOrDefault(r.code(), 0L) > 0, () -> r + " never reached: " + outcomes);
    }
    assertTrue(outcomes.get("ok") > 1_000, outcomes::toString);
  }

  @Test
  void recordsAtTheParserLimitsDecodeAsTheTreeDecodes() throws IOException {
    String head = "{\"inference_id\":\"i\",\"model_id\":\"m1\",\"timestamp\":1706781600000,";
    String tail = "\"features\":{},\"prediction\":1}";
    List<String> records = new ArrayList<>();
    // a string over the parser's limit in an unknown field, which a tree reads and streaming skips
    String huge = "y".repeat(20_000_001);
    records.add(head + "\"unknown\":\"" + huge + "\"," + tail);
    records.add(head + "\"unknown\":[\"" + huge + "\"]," + tail);
    records.add("[\"" + huge + "\"]");
    records.add(head + "\"unknown\":\"" + huge.substring(1) + "\"," + tail);
    // names, numbers and nesting at and beyond their limits
    records.add(head + "\"" + "k".repeat(50_001) + "\":1," + tail);
    records.add(head + "\"" + "k".repeat(50_000) + "\":1," + tail);
    for (int digits : new int[] {999, 1000, 1001}) {
      records.add(head + "\"unknown\":" + "7".repeat(digits) + "," + tail);
      records.add(head + "\"score\":" + "7".repeat(digits) + "," + tail);
      records.add(head + "\"unknown\":0." + "7".repeat(digits) + "," + tail);
    }
    for (int depth : new int[] {998, 999, 1000, 1001}) {
      String nested = "[".repeat(depth) + "]".repeat(depth);
      records.add(head + "\"unknown\":" + nested + "," + tail);
      records.add(head + "\"u\\ud800\":1,\"unknown\":" + nested + "," + tail);
      records.add(head + "\"features\":{\"age\":" + nested + "},\"prediction\":1}");
    }
    // objects inside arrays: each array deepens the nesting without an object of its own (an OTLP
    // export read as a native event nests so)
    records.add(head + "\"unknown\":{\"a\":[[{\"b\":[{\"c\":[[{\"d\":1}]]}]}]]}," + tail);
    for (int depth : new int[] {3, 4, 5, 9, 250}) {
      String nested = "[{\"x\":".repeat(depth) + "1" + "}]".repeat(depth);
      records.add(head + "\"unknown\":" + nested + "," + tail);
      records.add(head + "\"features\":{\"age\":" + nested + "},\"prediction\":1}");
    }
    Settings wide = new Settings(64 << 20, Long.MAX_VALUE, Long.MAX_VALUE, "2024-02-01T10:00:00Z");
    compare(records, wide, new KeyTally(List.of("age"), List.of()));
  }

  @Test
  void hardToRoundNumbersDecodeAsTheTreeDecodes() throws IOException {
    String head = "{\"inference_id\":\"i\",\"model_id\":\"m1\",\"timestamp\":1706781600000,";
    List<String> records = new ArrayList<>();
    for (String number :
        List.of(
            "0.1",
            "4.9e-324",
            "2.4703282292062327e-324", // rounds up to the least subnormal
            "2.4703282292062328e-324",
            "2.2250738585072011e-308",
            "2.2250738585072012e-308",
            "1.7976931348623157e308",
            "1.7976931348623159e308", // beyond the largest double: Infinity
            "9007199254740993.0",
            "1e23",
            "8.41e21",
            "0.30000000000000004441",
            "123456789012345678901234567890.5",
            "0." + "9".repeat(400),
            "1" + "0".repeat(308) + ".0",
            "-0.0",
            "7.0e-10",
            "0.00447835388963823")) {
      records.add(
          head
              + "\"features\":{\"age\":"
              + number
              + "},\"prediction\":1,\"score\":"
              + number
              + "}");
    }
    Map<String, Long> outcomes =
        compare(records, SETTINGS.get(0), new KeyTally(List.of("age"), List.of()));
    assertTrue(outcomes.get("ok") > 10, outcomes::toString);
  }

  @Test
  void repeatedMemberNamesAtEveryDepthFailAsTheTreeFails() throws IOException {
    String head = "{\"inference_id\":\"i\",\"model_id\":\"m1\",\"timestamp\":1706781600000,";
    String tail = "\"prediction\":1}";
    StringBuilder wide = new StringBuilder("{");
    for (int i = 0; i < 40; i++) {
      wide.append("\"k").append(i).append("\":").append(i).append(',');
    }
    List<String> records = new ArrayList<>();
    for (String object :
        List.of(
            "{\"a\":1,\"a\":2}",
            "{\"a\":1,\"\\u0061\":2}", // the same name, one of them escaped
            "{\"a\":1,\"b\":{\"a\":1},\"c\":[{\"a\":1},{\"a\":2}]}", // no repeat
            "{\"a\":{\"x\":1,\"x\":2}}",
            "{\"a\":[1,{\"x\":1,\"y\":2,\"x\":3}]}",
            "{\"a\":[[{\"x\":1}],[{\"x\":2,\"x\":1}]]}",
            "{\"Aa\":1,\"BB\":2}", // a shared hash code, no repeat
            "{\"Aa\":1,\"BB\":2,\"Aa\":3}",
            wide + "\"k3\":0}", // a repeat past the names compared one by one
            wide + "\"k39\":0}",
            wide + "\"k40\":0}",
            wide + "\"AaAa\":1,\"BBBB\":2,\"AaBB\":3,\"BBAa\":4,\"AaAa\":5}")) {
      records.add(head + "\"features\":" + object + "," + tail);
      records.add(head + "\"groups\":" + object + ",\"features\":{}," + tail);
      records.add(head + "\"unknown\":" + object + ",\"features\":{}," + tail);
      records.add(head + "\"unknown\":[" + object + "," + object + "],\"features\":{}," + tail);
      records.add(object);
      records.add("[" + object + "]");
    }
    // at the root: a known field, an unknown one, after features, and a repeat then a syntax error
    records.add(head + "\"features\":{},\"model_id\":\"m1\"," + tail);
    records.add(head + "\"u\":1,\"features\":{},\"u\":2," + tail);
    records.add(head + "\"features\":{},\"features\":{}," + tail);
    records.add(head + "\"features\":{},\"u\":1,\"u\":2,,," + tail);
    records.add(head + "\"features\":{},\"u\":1,,\"u\":2," + tail);
    Map<String, Long> outcomes =
        compare(records, SETTINGS.get(0), new KeyTally(List.of("age"), List.of()));
    assertTrue(outcomes.get(DeadLetterReason.MALFORMED_JSON.code()) > 40, outcomes::toString);
  }

  @Test
  void aDeserializedDecoderDecodesAsTheTreeDecodes() throws Exception {
    Settings s = SETTINGS.get(0);
    EventDecoder decoder = decoder(s);
    decoder.decodeInference(EventFixtures.raw(EventFixtures.validEvent()), s.nowMillis());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(decoder);
    }
    EventDecoder copy;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (EventDecoder) in.readObject();
    }
    TreeEventDecoder tree = tree(s);
    List<String> records = mutatedRecords();
    for (int i = 0; i < records.size(); i += 7) {
      RawRecord raw = EventFixtures.raw(records.get(i));
      assertSameOutcome(
          raw,
          tree.decodeInference(raw, s.nowMillis(), null),
          copy.decodeInference(raw, s.nowMillis(), null));
    }
  }

  // ---- comparing -------------------------------------------------------------------------------

  /** Compares both decoders over {@code records} under every setting; outcome counts by reason. */
  private static Map<String, Long> compareAll(List<String> records) {
    Map<String, Long> outcomes = new TreeMap<>();
    for (Settings s : SETTINGS) {
      compare(records, s, KeyTally.of(ADULT)).forEach((k, v) -> outcomes.merge(k, v, Long::sum));
    }
    return outcomes;
  }

  private static Map<String, Long> compare(List<String> records, Settings s, KeyTally prototype) {
    EventDecoder streaming = decoder(s); // one decoder for all: its scratch storage is reused
    TreeEventDecoder tree = tree(s);
    KeyTally streamingKeys = copyOf(prototype);
    KeyTally treeKeys = copyOf(prototype);
    Map<String, Long> outcomes = new TreeMap<>();
    long position = 0;
    for (String r : records) {
      RawRecord raw =
          new RawRecord("diff", ++position, r, r.getBytes(StandardCharsets.UTF_8).length);
      Decoded<InferenceEvent> expected = tree.decodeInference(raw, s.nowMillis(), treeKeys);
      Decoded<InferenceEvent> actual = streaming.decodeInference(raw, s.nowMillis(), streamingKeys);
      assertSameOutcome(raw, expected, actual);
      outcomes.merge(expected.isOk() ? "ok" : expected.deadLetter().reason(), 1L, Long::sum);
      // the same record read as a label event (contract 1), by the same decoders
      Decoded<LabelEvent> expectedLabel = tree.decodeLabel(raw);
      Decoded<LabelEvent> actualLabel = streaming.decodeLabel(raw);
      assertEquals(
          expectedLabel.isOk() ? expectedLabel.event() : expectedLabel.deadLetter(),
          actualLabel.isOk() ? actualLabel.event() : actualLabel.deadLetter(),
          () -> "label event of " + abbreviate(raw.payload()));
      outcomes.merge(expectedLabel.isOk() ? "label ok" : "label rejected", 1L, Long::sum);
    }
    assertEquals(treeKeys.events(), streamingKeys.events(), "key tally: events");
    assertEquals(treeKeys.features(), streamingKeys.features(), "key tally: features");
    assertEquals(treeKeys.groups(), streamingKeys.groups(), "key tally: groups");
    assertEquals(treeKeys.uncounted(), streamingKeys.uncounted(), "key tally: uncounted");
    assertEquals(
        List.copyOf(treeKeys.features().keySet()), List.copyOf(streamingKeys.features().keySet()));
    return outcomes;
  }

  private static KeyTally copyOf(KeyTally prototype) {
    List<String> features = new ArrayList<>(prototype.features().keySet());
    List<String> groups = new ArrayList<>(prototype.groups().keySet());
    return new KeyTally(features, groups);
  }

  private static void assertSameOutcome(
      RawRecord raw, Decoded<InferenceEvent> expected, Decoded<InferenceEvent> actual) {
    String record = abbreviate(raw.payload());
    if (expected.isOk()) {
      assertTrue(
          actual.isOk(), () -> "tree accepted, streaming " + actual.deadLetter() + ": " + record);
      assertEquals(fields(expected.event()), fields(actual.event()), () -> "event of " + record);
    } else {
      assertEquals(expected.deadLetter(), actual.deadLetter(), () -> "dead letter of " + record);
    }
  }

  /** Every field of an event, arrays by content and doubles by their bits (NaN, -0.0). */
  private static List<Object> fields(InferenceEvent e) {
    return Arrays.asList(
        e.inferenceId(),
        e.modelId(),
        e.modelVersion(),
        e.timestamp(),
        bits(e.numeric()),
        List.of(e.categorical()),
        e.prediction(),
        Double.doubleToRawLongBits(e.score()),
        e.label(),
        List.of(e.groups()),
        Double.doubleToRawLongBits(e.latencyMs()),
        Arrays.toString(e.typeMismatches()),
        e.source(),
        e.position());
  }

  private static List<Long> bits(double[] values) {
    List<Long> out = new ArrayList<>();
    for (double v : values) {
      out.add(Double.doubleToRawLongBits(v));
    }
    return out;
  }

  private static String abbreviate(String s) {
    return s.length() <= 300 ? s : s.substring(0, 300) + "... (" + s.length() + " chars)";
  }

  private static EventDecoder decoder(Settings s) {
    return new EventDecoder(MODELS, s.maxRecordBytes(), s.skewMillis(), s.maxAgeMillis());
  }

  private static TreeEventDecoder tree(Settings s) {
    return new TreeEventDecoder(MODELS, s.maxRecordBytes(), s.skewMillis(), s.maxAgeMillis());
  }

  private static List<String> gzipLines(Path file) throws IOException {
    assertTrue(Files.exists(file), () -> "missing data set " + file.toAbsolutePath());
    List<String> lines = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        lines.add(line);
      }
    }
    return lines;
  }

  // ---- the mutated records ---------------------------------------------------------------------

  /** Values of every JSON type and every edge the decoder treats specially. */
  private static final String[] VALUES = {
    "\"x\"",
    "\"\"",
    "\" \"",
    "1",
    "-1",
    "0",
    "-0",
    "-0.0",
    "0.0",
    "1.0",
    "3.5",
    "-2.0",
    "1e3",
    "1E15",
    "1e15",
    "999999999999999.0",
    "1e400",
    "-1e400",
    "4.9e-325",
    "1.7976931348623157E308",
    "1e-7",
    "0.1",
    "NaN",
    "Infinity",
    "-Infinity",
    "+Infinity",
    "-INF",
    "true",
    "false",
    "null",
    "{}",
    "[]",
    "{\"a\":1}",
    "[1,\"b\",{\"c\":[null,true]}]",
    "{\"a\":{\"b\":[1,{\"c\":\"\\ud800\"}]}}",
    "[\"\\udc00\"]",
    "{\"\\ud800\":1}",
    "2147483647",
    "2147483648",
    "-2147483649",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775808",
    "-9223372036854775809",
    "123456789012345678901234567890",
    "1" + "0".repeat(400),
    "-" + "9".repeat(310),
    "12.5",
    "-5",
    "1706781600000",
    "1706781600000.5",
    "1704067200000",
    "253402300799999",
    "253402300800000",
    "\"2024-01-01T00:00:00Z\"",
    "\"2024-02-01T12:00:00+02:00\"",
    "\"2024-02-01T10:00:00.123456789Z\"",
    "\"2024-01-01T00:00:00\"",
    "\"1969-12-31T23:59:59Z\"",
    "\"+10000-01-01T00:00:00Z\"",
    "\"yesterday\"",
    "\"\\ud800\"",
    "\"ab\\ud83d\"",
    "\"\\udfffx\"",
    "\"a\\ud83d\\ude00b\"",
    "\"\\u0041\\u00e9\"",
    "\"tab\\tnew\\nline \\\" quote \\\\ slash\"",
    "\"\u00e9\u4e2d\uD83D\uDE00\"",
    "\"adult-income-logreg\"",
    "\"m1\"",
    "\"twice\"",
    "\"unknown-model\"",
    "\"" + "m".repeat(100) + "\"",
    "\"" + "\\ud800".repeat(3) + "\"",
  };

  /** Broken JSON to put where a value goes (a parser may word errors by where they are). */
  private static final String[] BROKEN = {
    "{\"a\":}",
    "{\"a\"}",
    "{,}",
    "[1,]",
    "{\"a\":1,}",
    "[\"x\" 1]",
    "{\"a\":tru}",
    "\"\\x\"",
    "01",
    "-",
    "1.",
    ".5",
    "1e",
    "+1",
    "'s'",
    "{\"a\":1,\"a\":2}",
    "nul",
    "Inf",
    "NaNx",
    "{\"a\" 1}",
    "[{\"a\":[}]",
    "\"unterminated",
    "\"\\u00zz\"",
    "{\"a\":{\"b\":{\"c\":]}}}",
  };

  private static final String[] TRAILERS = {
    " x", " {}", " 1", "]", "}", ",", " \n", "\t", " null", "{", "  \r\n ", " \"s\"", "/", "\u0000"
  };

  private static final String[] ROOTS = {
    "[]",
    "\"x\"",
    "1",
    "-0",
    "1.5",
    "NaN",
    "null",
    "true",
    "false",
    "[1,2",
    "[{\"a\":1}] 2",
    "[{\"a\":1}]",
    "\"\\ud800\"",
    "[\"\\ud800\"]",
    "{}",
    "{} ",
    "{}{}",
    "",
    " ",
    " \t\r\n",
    "\u00a0",
    "\uFEFF{}",
    "{\"a\"}",
    "{\"a\":}",
    "{,}",
    "{\"a\":1,}",
    "{'a':1}",
    "{a:1}",
    "{\"a\":1 \"b\":2}",
    "{\"a\":[1,]}",
    "{\"a\":tru}",
    "{\"a\":01}",
    "{\"a\":\"\\x\"}",
    "{\"a\":\"\\u12\"}",
    "{\"a\":\"a\u0001b\"}",
    "{\"a\":1}\n{\"a\":2}",
  };

  /** Key spellings that decode to a contract field's name, or carry surrogates. */
  private static final String[] KEYS = {
    "\"model\\u005fid\"",
    "\"f\\u0065atures\"",
    "\"\\u0073core\"",
    "\"x\\ud800y\"",
    "\"\\udbff\"",
    "\"\\ud83d\\ude00\"",
    "\"\"",
    "\"Model_Id\"",
    "\"age\"",
    "\"sex\"",
    "\"trace\"",
  };

  /** A member of a record being mutated: a raw JSON key and value, and an object's members. */
  private static final class Member {
    String key;
    String value;
    List<Member> members; // when the value is an object that mutations may reach into

    Member(String key, String value, List<Member> members) {
      this.key = key;
      this.value = value;
      this.members = members;
    }
  }

  private static List<String> mutatedRecords() throws IOException {
    Random random = new Random(20_240_201L);
    List<String> bases = new ArrayList<>();
    for (String file : List.of("reference.jsonl.gz", "production.jsonl.gz")) {
      List<String> lines = gzipLines(DATASETS.resolve("adult").resolve(file));
      for (int i = 0; i < 10; i++) {
        bases.add(lines.get(random.nextInt(lines.size())));
      }
    }
    bases.add(EventFixtures.validEvent());
    bases.add(
        "{\"inference_id\":\"t-1\",\"model_id\":\"twice\",\"timestamp\":\"2024-02-01T00:00:00Z\","
            + "\"features\":{\"age\":3,\"x\":\"no\",\"sex\":\"F\"},\"prediction\":\"yes\","
            + "\"groups\":{\"sex\":2.0}}");
    String rich =
        "{\"trace\": {\"span\": [1, 2, {\"k\": \"\\ud83d\\ude00\"}]}, \"features\": {\"age\": -0,"
            + " \"fnlwgt\": 1e3, \"education_num\": NaN, \"workclass\": 1.0, \"sex\": true,"
            + " \"race\": \"\\u0041\", \"nested\": {\"a\": [null]}}, \"model_id\":"
            + " \"adult-income-logreg\", \"inference_id\": \"r\\u00e9\", \"timestamp\":"
            + " 1706781600000, \"prediction\": 1e0, \"score\": 0.5, \"label\": false,"
            + " \"groups\": {\"sex\": \"\\ud83d\\ude00\", \"race\": []}, \"latency_ms\": 0}";
    bases.add(rich);

    List<String> out = new ArrayList<>();
    // 1. every prefix of a few records
    for (String line : List.of(bases.get(0), bases.get(10), bases.get(20), rich)) {
      for (int end = 0; end <= line.length(); end++) {
        out.add(line.substring(0, end));
      }
    }
    // 2. fixed records: other roots, broken syntax, empty
    out.addAll(List.of(ROOTS));
    // 3. random structural mutations, some then broken as text
    for (int n = 0; n < 6_000; n++) {
      List<Member> record = members(bases.get(random.nextInt(bases.size())));
      int mutations = 1 + random.nextInt(3);
      for (int m = 0; m < mutations; m++) {
        mutate(record, random);
      }
      String text = render(record, random);
      int breakage = random.nextInt(20);
      if (breakage == 0) {
        text = text + TRAILERS[random.nextInt(TRAILERS.length)];
      } else if (breakage == 1 && !text.isEmpty()) {
        text = editCharacter(text, random);
      } else if (breakage == 2) {
        text = text.substring(0, random.nextInt(text.length() + 1));
      } else if (breakage == 3) {
        // a lone surrogate opening every string value, or every key but the first
        text =
            random.nextBoolean()
                ? text.replace(":\"", ":\"\\ud800")
                : text.replace(",\"", ",\"\\udc00");
      } else if (breakage == 4) {
        text = text.replace("e", "\ud800"); // a raw lone surrogate, no escape
      }
      out.add(text);
    }
    return out;
  }

  /** The members of a JSON object record, with features and groups as nested members. */
  private static List<Member> members(String json) throws IOException {
    JsonNode root = MAPPER.readTree(json);
    List<Member> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      List<Member> nested = null;
      if (e.getValue().isObject()) {
        nested = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> f = e.getValue().fields(); f.hasNext(); ) {
          Map.Entry<String, JsonNode> m = f.next();
          nested.add(new Member(quote(m.getKey()), m.getValue().toString(), null));
        }
      }
      out.add(new Member(quote(e.getKey()), e.getValue().toString(), nested));
    }
    return out;
  }

  private static String quote(String key) {
    return TextNode.valueOf(key).toString();
  }

  private static void mutate(List<Member> record, Random random) {
    List<Member> target = record;
    List<Member> objects = new ArrayList<>();
    for (Member m : record) {
      if (m.members != null) {
        objects.add(m);
      }
    }
    if (!objects.isEmpty() && random.nextBoolean()) {
      target = objects.get(random.nextInt(objects.size())).members;
    }
    String value = VALUES[random.nextInt(VALUES.length)];
    if (random.nextInt(25) == 0) {
      value = BROKEN[random.nextInt(BROKEN.length)];
    }
    switch (random.nextInt(10)) {
      case 0 -> {
        if (!target.isEmpty()) {
          target.remove(random.nextInt(target.size()));
        }
      }
      case 1, 2, 3 -> {
        if (!target.isEmpty()) {
          Member m = target.get(random.nextInt(target.size()));
          m.value = value;
          m.members = null;
        }
      }
      case 4 -> { // a duplicate key
        if (!target.isEmpty()) {
          Member m = target.get(random.nextInt(target.size()));
          target.add(random.nextInt(target.size() + 1), new Member(m.key, value, null));
        }
      }
      case 5 -> { // model_id (or any member) moved to the end, after features
        for (int i = 0; i < target.size(); i++) {
          if (target.get(i).key.equals("\"model_id\"") || random.nextInt(4) == 0) {
            target.add(target.remove(i));
            break;
          }
        }
      }
      case 6 -> Collections.shuffle(target, random);
      case 7 -> { // an unknown member, often nested
        String nested =
            random.nextBoolean()
                ? value
                : "{\"n\":[" + value + ",{\"m\":" + VALUES[random.nextInt(VALUES.length)] + "}]}";
        target.add(
            random.nextInt(target.size() + 1),
            new Member("\"zz" + random.nextInt(3) + "\"", nested, null));
      }
      case 8 -> { // a key spelled with escapes, or a surrogate in it
        String key = KEYS[random.nextInt(KEYS.length)];
        if (!target.isEmpty() && random.nextBoolean()) {
          target.get(random.nextInt(target.size())).key = key;
        } else {
          target.add(random.nextInt(target.size() + 1), new Member(key, value, null));
        }
      }
      default -> { // a whole features or groups object of random members
        List<Member> members = new ArrayList<>();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
          String name = ADULT.categoricalFeatures().get(random.nextInt(8));
          if (random.nextBoolean()) {
            name = ADULT.numericFeatures().get(random.nextInt(6));
          }
          String key = "\"" + name + "\"";
          if (members.stream().noneMatch(m -> m.key.equals(key))) {
            members.add(new Member(key, VALUES[random.nextInt(VALUES.length)], null));
          }
        }
        String field = random.nextBoolean() ? "\"features\"" : "\"groups\"";
        record.removeIf(m -> m.key.equals(field));
        record.add(random.nextInt(record.size() + 1), new Member(field, null, members));
      }
    }
  }

  /** The record as JSON, with random whitespace between tokens now and then. */
  private static String render(List<Member> record, Random random) {
    String[] spaces = {"", "", "", " ", "\n", "\t", "  \r\n "};
    boolean spaced = random.nextInt(4) == 0;
    StringBuilder b = new StringBuilder();
    renderObject(record, b, random, spaced ? spaces : new String[] {""});
    return b.toString();
  }

  private static void renderObject(
      List<Member> members, StringBuilder b, Random random, String[] spaces) {
    b.append(spaces[random.nextInt(spaces.length)]).append('{');
    for (int i = 0; i < members.size(); i++) {
      Member m = members.get(i);
      if (i > 0) {
        b.append(',');
      }
      b.append(spaces[random.nextInt(spaces.length)]).append(m.key);
      b.append(spaces[random.nextInt(spaces.length)]).append(':');
      b.append(spaces[random.nextInt(spaces.length)]);
      if (m.members != null) {
        renderObject(m.members, b, random, spaces);
      } else {
        b.append(m.value);
      }
    }
    b.append(spaces[random.nextInt(spaces.length)]).append('}');
  }

  private static String editCharacter(String text, Random random) {
    String alphabet = "{}[]\",:\\ u0a-1eE.N\ud800";
    int at = random.nextInt(text.length());
    char c = alphabet.charAt(random.nextInt(alphabet.length()));
    return switch (random.nextInt(3)) {
      case 0 -> text.substring(0, at) + text.substring(at + 1);
      case 1 -> text.substring(0, at) + c + text.substring(at);
      default -> text.substring(0, at) + c + text.substring(at + 1);
    };
  }
}
