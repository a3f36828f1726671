package io.aimon.detectors.event;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reads one inference record in a single streaming pass, keeping what the decoder validates: the
 * top-level fields of contract v1 and the members of {@code features} and {@code groups}. Nothing
 * is judged while reading, because the whole record must be valid JSON before any field error is
 * reported; the decoder validates the fields afterwards, in its own order. The storage is reused
 * from record to record (one instance per decoder, used by one thread at a time).
 *
 * <p><b>Invariants</b> (checked against the tree-based decoding by {@code
 * EventDecoderDifferentialTest}):
 *
 * <ol>
 *   <li>Every token of the record is read, and one more to reject trailing content, so a record
 *       fails here exactly when {@code ObjectMapper.readTree} with FAIL_ON_TRAILING_TOKENS fails,
 *       with the same exception message and location. For that the parser is driven as databind's
 *       tree deserializer drives it: {@code nextFieldName()} for the members of objects, {@code
 *       nextToken()} for values and array items (never {@code skipChildren()}: reading a member
 *       name with {@code nextToken()} words some errors differently).
 *   <li>When asked to check text, the first lone surrogate in document order (member names before
 *       their values) is kept, described with the path {@link InvalidText#find} gives it.
 *   <li>When asked to read all text, every string is read in full, as the tree does, so that the
 *       parser's string length limit applies to unknown fields too.
 *   <li>Unknown fields, and values nested in features and groups, are read through but not kept; of
 *       a nested value only its type is kept.
 *   <li>A member name given twice in one object, at any depth, ends the read with {@link
 *       RepeatedMember} at that name. The parser itself does not look for repeats (its check builds
 *       a hash set per object); the caller reads the record again with a parser that does, for its
 *       exception (message and location) as the tree would fail.
 * </ol>
 */
final class InferenceScan {
  static final int MODEL_ID = 0;
  static final int INFERENCE_ID = 1;
  static final int TIMESTAMP = 2;
  static final int MODEL_VERSION = 3;
  static final int FEATURES = 4;
  static final int PREDICTION = 5;
  static final int SCORE = 6;
  static final int LABEL = 7;
  static final int GROUPS = 8;
  static final int LATENCY_MS = 9;
  private static final int FIELDS = 10;

  private final TokenValue[] values = new TokenValue[FIELDS];
  private final boolean[] present = new boolean[FIELDS];
  private final ObjectEntries features = new ObjectEntries();
  private final ObjectEntries groups = new ObjectEntries();
  private MemberNames[] memberNames = new MemberNames[4]; // one per depth of nesting
  private JsonToken root;
  private boolean readAllText;
  private String invalidText;

  InferenceScan() {
    for (int i = 0; i < FIELDS; i++) {
      values[i] = new TokenValue();
    }
  }

  /**
   * Reads the record {@code p} is about to start, to its end.
   *
   * @param checkText whether to look for lone surrogates ({@link #invalidText()})
   * @param readAllText whether to read every string in full, even those nothing needs
   * @throws IOException (a {@link com.fasterxml.jackson.core.JsonProcessingException}) when the
   *     record is not valid JSON or has content after its value
   */
  void read(JsonParser p, boolean checkText, boolean readAllText) throws IOException {
    Arrays.fill(present, false);
    features.clear();
    groups.clear();
    invalidText = null;
    this.readAllText = readAllText;
    root = p.nextToken();
    if (root == JsonToken.START_OBJECT) {
      readFields(p, checkText ? "" : null);
    } else if (root != null) {
      skip(p, null, 0); // not an object: reported once the record proved to be JSON
    }
    JsonToken trailing = p.nextToken();
    if (trailing != null) {
      // the message and location of databind's FAIL_ON_TRAILING_TOKENS check
      throw new JsonParseException(
          p,
          "Trailing token (of type "
              + trailing
              + ") found after value (bound as `"
              + JsonNode.class.getName()
              + "`): not allowed as per `DeserializationFeature.FAIL_ON_TRAILING_TOKENS`",
          p.currentTokenLocation());
    }
  }

  /** The first token of the record: START_OBJECT for an object, null when there was none. */
  JsonToken root() {
    return root;
  }

  /** Where the record's first lone surrogate is, as {@link InvalidText#find} says, or null. */
  String invalidText() {
    return invalidText;
  }

  /** The value of top-level field {@code id} (e.g. {@link #MODEL_ID}), or null when absent. */
  TokenValue field(int id) {
    return present[id] ? values[id] : null;
  }

  /** The members of {@code features}, when it is an object. */
  ObjectEntries features() {
    return features;
  }

  /** The members of {@code groups}, when it is an object. */
  ObjectEntries groups() {
    return groups;
  }

  /** Reads the root object's fields; {@code path} is "" when checking text, else null. */
  private void readFields(JsonParser p, String path) throws IOException {
    MemberNames seen = names(0);
    String name;
    while ((name = p.nextFieldName()) != null) {
      unique(seen, name);
      check(child(path, "(member name)"), name);
      JsonToken t = p.nextToken();
      int id = fieldId(name);
      String at = child(path, name);
      if (id < 0) {
        skip(p, at, 1);
        continue;
      }
      present[id] = true;
      TokenValue v = values[id];
      if (t == JsonToken.START_OBJECT && (id == FEATURES || id == GROUPS)) {
        v.setContainer(true);
        readEntries(p, id == FEATURES ? features : groups, at);
      } else {
        read(p, v, at, 1);
      }
    }
  }

  /** Reads the members of the object the parser is at into {@code entries}. */
  private void readEntries(JsonParser p, ObjectEntries entries, String path) throws IOException {
    MemberNames seen = names(1);
    String name;
    while ((name = p.nextFieldName()) != null) {
      unique(seen, name);
      check(child(path, "(member name)"), name);
      p.nextToken();
      read(p, entries.add(name), child(path, name), 2);
    }
  }

  /**
   * Reads the value the parser is at, at nesting {@code depth}, into {@code v}; a container is
   * skipped, keeping its type.
   */
  private void read(JsonParser p, TokenValue v, String path, int depth) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
      v.setContainer(t == JsonToken.START_OBJECT);
      skip(p, path, depth);
    } else {
      v.readScalar(p);
      if (t == JsonToken.VALUE_STRING) {
        check(path, v.textValue());
      }
    }
  }

  /**
   * Skips the value the parser is at, at nesting {@code depth}, checking its text when {@code path}
   * is not null and reading its strings when {@link #readAllText}.
   */
  private void skip(JsonParser p, String path, int depth) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_STRING) {
      if (path != null || readAllText) {
        check(path, p.getText());
      }
    } else if (t == JsonToken.START_OBJECT) {
      MemberNames seen = names(depth);
      String name;
      while ((name = p.nextFieldName()) != null) {
        unique(seen, name);
        check(child(path, "(member name)"), name);
        p.nextToken();
        skip(p, child(path, name), depth + 1);
      }
    } else if (t == JsonToken.START_ARRAY) {
      JsonToken item;
      for (int i = 0; (item = p.nextToken()) != JsonToken.END_ARRAY && item != null; i++) {
        skip(p, path == null ? null : path + "[" + i + "]", depth + 1);
      }
    }
  }

  /** The names of the object now starting at {@code depth}, emptied. */
  private MemberNames names(int depth) {
    if (depth >= memberNames.length) {
      // arrays deepen the nesting without an object of their own, so depth can skip a level
      memberNames = Arrays.copyOf(memberNames, Math.max(depth + 1, memberNames.length * 2));
    }
    if (memberNames[depth] == null) {
      memberNames[depth] = new MemberNames();
    }
    memberNames[depth].clear();
    return memberNames[depth];
  }

  private static void unique(MemberNames seen, String name) throws RepeatedMember {
    if (!seen.add(name)) {
      throw new RepeatedMember();
    }
  }

  /**
   * A member name given twice in one object: the record is not valid JSON for the decoder. Carries
   * no message; the caller gets the parser's own by reading the record again.
   */
  static final class RepeatedMember extends IOException {
    private static final long serialVersionUID = 1L;

    RepeatedMember() {
      super(null, null);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this; // control flow, not a failure: no stack trace to take
    }
  }

  /**
   * Keeps the first lone surrogate's description; does nothing when {@code path} is null. An empty
   * path (a member named "" of the root) is called "value", as InvalidText calls it.
   */
  private void check(String path, String text) {
    if (path != null && invalidText == null) {
      invalidText = InvalidText.describe(path.isEmpty() ? "value" : path, text);
    }
  }

  /** The path of a member of {@code path} as InvalidText names it, or null when not checking. */
  private static String child(String path, String name) {
    if (path == null) {
      return null;
    }
    return path.isEmpty() ? name : path + "." + name;
  }

  private static int fieldId(String name) {
    return switch (name) {
      case "model_id" -> MODEL_ID;
      case "inference_id" -> INFERENCE_ID;
      case "timestamp" -> TIMESTAMP;
      case "model_version" -> MODEL_VERSION;
      case "features" -> FEATURES;
      case "prediction" -> PREDICTION;
      case "score" -> SCORE;
      case "label" -> LABEL;
      case "groups" -> GROUPS;
      case "latency_ms" -> LATENCY_MS;
      default -> -1;
    };
  }
}
