package io.aimon.detectors.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Finds text that is not valid Unicode in a parsed record: a lone UTF-16 surrogate, which JSON can
 * carry as an escape ({@code "\ud83d"} without its pair) and Java strings can hold, but which no
 * UTF-8 output can write. Such a record is dead-lettered as {@link DeadLetterReason#INVALID_TEXT}
 * at decode, naming where the surrogate is, so nothing downstream (a category, a group, a model id,
 * an evidence record, a file or Kafka sink) ever meets it. Its dead letter holds the record's raw
 * text, in which the surrogate is still the escape it arrived as. (Bytes that are not UTF-8 never
 * get this far: they are decoded as U+FFFD, or rejected as malformed JSON.)
 */
public final class InvalidText {
  private InvalidText() {}

  /**
   * Where the first lone surrogate of {@code node} is, e.g. {@code groups.sex: a lone UTF-16
   * surrogate (\ud83d) at character 3}, or null when all its text (values and member names) is
   * valid.
   */
  public static String find(JsonNode node) {
    return find(node, "");
  }

  private static String find(JsonNode node, String path) {
    if (node.isTextual()) {
      return describe(path.isEmpty() ? "value" : path, node.textValue());
    }
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
        String inName = describe((path.isEmpty() ? "" : path + ".") + "(member name)", e.getKey());
        if (inName != null) {
          return inName;
        }
        String inValue = find(e.getValue(), child);
        if (inValue != null) {
          return inValue;
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        String inItem = find(node.get(i), path + "[" + i + "]");
        if (inItem != null) {
          return inItem;
        }
      }
    }
    return null;
  }

  /**
   * Where the first lone surrogate of {@code text} is, with {@code path} naming the text as {@link
   * #find} does, or null when there is none. For decoders that read text token by token.
   */
  static String describe(String path, String text) {
    int at = loneSurrogate(text);
    if (at < 0) {
      return null;
    }
    // the path may hold the surrogate itself (a member name): show it escaped
    return escape(path)
        + ": a lone UTF-16 surrogate (\\u"
        + String.format("%04x", (int) text.charAt(at))
        + ") at character "
        + (at + 1)
        + ", not valid Unicode";
  }

  /** The index of the first unpaired surrogate of {@code s}, or -1. */
  static int loneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return i;
        }
      } else if (Character.isLowSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  private static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean paired =
          Character.isHighSurrogate(c)
                  && i + 1 < s.length()
                  && Character.isLowSurrogate(s.charAt(i + 1))
              || Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
      if (Character.isSurrogate(c) && !paired) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
