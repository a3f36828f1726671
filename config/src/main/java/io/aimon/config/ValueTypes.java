package io.aimon.config;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** The value types of the configuration keys, and the rendering of a "found" value. */
final class ValueTypes {

  private ValueTypes() {}

  /**
   * How a node appears after "found": {@code 'abc'}, {@code -0.2}, {@code a list}, {@code nothing}.
   */
  static String found(Node node) {
    if (node == null) {
      return "nothing";
    }
    if (node instanceof MappingNode) {
      return "a map";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    ScalarNode s = (ScalarNode) node;
    if (isNull(s)) {
      return "nothing";
    }
    if (s.getTag().equals(Tag.STR)) {
      return "'" + s.getValue() + "'";
    }
    return s.getValue();
  }

  static boolean isNull(Node node) {
    return node == null || (node instanceof ScalarNode && node.getTag().equals(Tag.NULL));
  }

  /** A non-empty string; numbers and booleans written without quotes are taken as their text. */
  static final ValueType<String> STRING =
      new ValueType<>() {
        @Override
        public String type() {
          return "string";
        }

        @Override
        public String expected() {
          return "a non-empty string";
        }

        @Override
        public String read(Node node, int line, String key, Problems p) {
          if (node instanceof ScalarNode s && !isNull(s) && !s.getValue().isBlank()) {
            return s.getValue();
          }
          p.add(line, key, "expected " + expected() + ", found " + found(node));
          return null;
        }

        @Override
        public String format(String v) {
          return v;
        }
      };

  /**
   * A part of a Kafka topic name: 1 to 200 of the characters Kafka allows ({@code [a-zA-Z0-9._-]}).
   */
  static ValueType<String> topicName() {
    return new ValueType<>() {
      @Override
      public String type() {
        return "string";
      }

      @Override
      public String expected() {
        return "a topic name part: 1 to 200 of a-z, A-Z, 0-9, '.', '_', '-'";
      }

      @Override
      public String read(Node node, int line, String key, Problems p) {
        String v = STRING.read(node, line, key, p);
        if (v != null && !v.matches("[a-zA-Z0-9._-]{1,200}")) {
          p.add(line, key, "expected " + expected() + ", found \"" + v + "\"");
          return null;
        }
        return v;
      }

      @Override
      public String format(String v) {
        return v;
      }
    };
  }

  /** A scalar of any type stored as its string form; booleans become "true"/"false". */
  static final ValueType<String> SCALAR =
      new ValueType<>() {
        @Override
        public String type() {
          return "string, number or bool";
        }

        @Override
        public String expected() {
          return "a string, number or boolean";
        }

        @Override
        public String read(Node node, int line, String key, Problems p) {
          String text = scalarText(node);
          if (text == null || text.isEmpty()) {
            p.add(line, key, "expected " + expected() + ", found " + found(node));
          }
          return text == null || text.isEmpty() ? null : text;
        }

        @Override
        public String format(String v) {
          return v;
        }
      };

  static final ValueType<Boolean> BOOL =
      new ValueType<>() {
        @Override
        public String type() {
          return "bool";
        }

        @Override
        public String expected() {
          return "true or false";
        }

        @Override
        public Boolean read(Node node, int line, String key, Problems p) {
          if (node instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)) {
            return parseBool(s.getValue());
          }
          p.add(line, key, "expected " + expected() + ", found " + found(node));
          return null;
        }

        @Override
        public String format(Boolean v) {
          return v.toString();
        }
      };

  /** A list of non-empty strings; null (an empty value) is the empty list. */
  static final ValueType<List<String>> STRING_LIST =
      new ValueType<>() {
        @Override
        public String type() {
          return "list of strings";
        }

        @Override
        public String expected() {
          return "a list of strings";
        }

        @Override
        public List<String> read(Node node, int line, String key, Problems p) {
          if (isNull(node)) {
            return List.of();
          }
          if (!(node instanceof SequenceNode seq)) {
            p.add(line, key, "expected " + expected() + ", found " + found(node));
            return null;
          }
          List<String> out = new ArrayList<>();
          boolean ok = true;
          for (int i = 0; i < seq.getValue().size(); i++) {
            Node item = seq.getValue().get(i);
            String s = STRING.read(item, lineOf(item), key + "[" + i + "]", p);
            ok &= s != null;
            out.add(s);
          }
          return ok ? out : null;
        }

        @Override
        public String format(List<String> v) {
          return "[" + String.join(", ", v) + "]";
        }
      };

  /** A list of lists of non-empty strings; null (an empty value) is the empty list. */
  static final ValueType<List<List<String>>> STRING_LIST_LIST =
      new ValueType<>() {
        @Override
        public String type() {
          return "list of lists of strings";
        }

        @Override
        public String expected() {
          return "a list of lists of strings";
        }

        @Override
        public List<List<String>> read(Node node, int line, String key, Problems p) {
          if (isNull(node)) {
            return List.of();
          }
          if (!(node instanceof SequenceNode seq)) {
            p.add(line, key, "expected " + expected() + ", found " + found(node));
            return null;
          }
          List<List<String>> out = new ArrayList<>();
          boolean ok = true;
          for (int i = 0; i < seq.getValue().size(); i++) {
            Node item = seq.getValue().get(i);
            List<String> inner = STRING_LIST.read(item, lineOf(item), key + "[" + i + "]", p);
            ok &= inner != null;
            out.add(inner);
          }
          return ok ? out : null;
        }

        @Override
        public String format(List<List<String>> v) {
          return v.stream().map(STRING_LIST::format).collect(Collectors.joining(", ", "[", "]"));
        }
      };

  /** A map whose values are scalars, read as strings (Kafka client properties). */
  static final ValueType<Map<String, String>> STRING_MAP =
      new ValueType<>() {
        @Override
        public String type() {
          return "map of string to string, number or bool";
        }

        @Override
        public String expected() {
          return "a map of names to strings, numbers or booleans";
        }

        @Override
        public Map<String, String> read(Node node, int line, String key, Problems p) {
          if (isNull(node)) {
            return Map.of();
          }
          if (!(node instanceof MappingNode)) {
            p.add(line, key, "expected " + expected() + ", found " + found(node));
            return null;
          }
          MapReader r = new MapReader(node, key, line, null, p);
          Map<String, String> out = new LinkedHashMap<>();
          boolean ok = true;
          for (String name : r.names()) {
            String v = SCALAR.read(r.value(name), r.line(name), r.child(name), p);
            ok &= v != null;
            out.put(name, v);
          }
          return ok ? out : null;
        }

        @Override
        public String format(Map<String, String> v) {
          return v.entrySet().stream()
              .map(e -> e.getKey() + ": " + e.getValue())
              .collect(Collectors.joining(", ", "{", "}"));
        }
      };

  /** An absolute http or https URL with a host ({@link AlertingConfig#isHttpUrl}). */
  static final ValueType<String> HTTP_URL =
      url("http(s) URL", "an absolute http or https URL", false);

  /**
   * An absolute http(s) URL, or a secret reference ({@code env:} or {@code file:} followed by
   * something) naming one; a value that is neither is not shown, since it may hold a token.
   */
  static final ValueType<String> HTTP_URL_OR_SECRET =
      url(
          "http(s) URL or secret reference (`env:NAME` or `file:PATH`)",
          "an absolute http or https URL, or a secret reference env:NAME or file:PATH",
          true);

  /** A URL value; with {@code secretReferences}, {@code env:}/{@code file:} ones too, unshown. */
  private static ValueType<String> url(String type, String expected, boolean secretReferences) {
    return new ValueType<>() {
      @Override
      public String type() {
        return type;
      }

      @Override
      public String expected() {
        return expected;
      }

      @Override
      public String read(Node node, int line, String key, Problems p) {
        String text = node instanceof ScalarNode s && !isNull(s) ? s.getValue().strip() : null;
        if (text != null
            && (AlertingConfig.isHttpUrl(text)
                || secretReferences && (text.startsWith("env:") || text.startsWith("file:")))) {
          return text;
        }
        p.add(
            line,
            key,
            "expected "
                + expected
                + ", found "
                + (text == null || !secretReferences
                    ? found(node)
                    : "a value that is neither (not shown: a URL may hold a token)"));
        return null;
      }

      @Override
      public String format(String v) {
        return v;
      }
    };
  }

  /** A section: a map of further keys; null (an empty value) is an empty section. */
  static final ValueType<Node> MAP =
      new ValueType<>() {
        @Override
        public String type() {
          return "map";
        }

        @Override
        public String expected() {
          return "a map";
        }

        @Override
        public Node read(Node node, int line, String key, Problems p) {
          if (isNull(node) || node instanceof MappingNode) {
            return node;
          }
          p.add(line, key, "expected " + expected() + ", found " + found(node));
          return null;
        }

        @Override
        public String format(Node v) {
          return "{}";
        }
      };

  /** A list of maps. */
  static final ValueType<Node> MAP_LIST =
      new ValueType<>() {
        @Override
        public String type() {
          return "list of maps";
        }

        @Override
        public String expected() {
          return "a list";
        }

        @Override
        public Node read(Node node, int line, String key, Problems p) {
          if (isNull(node) || node instanceof SequenceNode) {
            return node;
          }
          p.add(line, key, "expected " + expected() + ", found " + found(node));
          return null;
        }

        @Override
        public String format(Node v) {
          return "[]";
        }
      };

  /**
   * One of the names in {@code byName} (case-sensitive); a near miss gets a "did you mean".
   *
   * @param byName the accepted names and their values, in documentation order
   */
  static <T> ValueType<T> oneOf(Map<String, T> byName) {
    String names = String.join(", ", byName.keySet());
    return new ValueType<>() {
      @Override
      public String type() {
        return "one of " + names;
      }

      @Override
      public String expected() {
        return "one of " + names;
      }

      @Override
      public T read(Node node, int line, String key, Problems p) {
        String text = scalarText(node);
        T v = text == null ? null : byName.get(text);
        if (v == null) {
          p.add(
              line,
              key,
              "expected "
                  + expected()
                  + ", found "
                  + found(node)
                  + (text == null ? "" : Suggestions.didYouMean(text, byName.keySet())));
        }
        return v;
      }

      @Override
      public String format(T v) {
        return byName.entrySet().stream()
            .filter(e -> e.getValue().equals(v))
            .map(Map.Entry::getKey)
            .findFirst()
            .orElseThrow();
      }
    };
  }

  /** An integer in [min, max]. */
  static ValueType<Integer> integer(int min, int max) {
    String range = max == Integer.MAX_VALUE ? " >= " + min : " in [" + min + ", " + max + "]";
    return new ValueType<>() {
      @Override
      public String type() {
        return "int" + range;
      }

      @Override
      public String expected() {
        return "an integer" + range;
      }

      @Override
      public Integer read(Node node, int line, String key, Problems p) {
        BigInteger v =
            node instanceof ScalarNode s && s.getTag().equals(Tag.INT)
                ? parseInt(s.getValue())
                : null;
        if (v == null
            || v.compareTo(BigInteger.valueOf(min)) < 0
            || v.compareTo(BigInteger.valueOf(max)) > 0) {
          p.add(line, key, "expected " + expected() + ", found " + found(node));
          return null;
        }
        return v.intValue();
      }

      @Override
      public String format(Integer v) {
        return v.toString();
      }
    };
  }

  /** A finite number in [min, max]; either bound may be infinite. */
  static ValueType<Double> number(double min, double max) {
    String range =
        max == Double.POSITIVE_INFINITY && min == Double.NEGATIVE_INFINITY
            ? ""
            : max == Double.POSITIVE_INFINITY
                ? " >= " + fmt(min)
                : min == Double.NEGATIVE_INFINITY
                    ? " <= " + fmt(max)
                    : " in [" + fmt(min) + ", " + fmt(max) + "]";
    return new ValueType<>() {
      @Override
      public String type() {
        return "number" + range;
      }

      @Override
      public String expected() {
        return "a number" + range;
      }

      @Override
      public Double read(Node node, int line, String key, Problems p) {
        Double v = null;
        if (node instanceof ScalarNode s && s.getTag().equals(Tag.INT)) {
          BigInteger i = parseInt(s.getValue());
          v = i == null ? null : i.doubleValue();
        } else if (node instanceof ScalarNode s && s.getTag().equals(Tag.FLOAT)) {
          v = parseFloat(s.getValue());
        }
        if (v == null || !Double.isFinite(v) || v < min || v > max) {
          p.add(line, key, "expected " + expected() + ", found " + found(node));
          return null;
        }
        return v;
      }

      @Override
      public String format(Double v) {
        return fmt(v);
      }
    };
  }

  /** A duration (see {@link Durations}) that is &gt;= min, or &gt; min when not inclusive. */
  static ValueType<Duration> duration(Duration min, boolean inclusive) {
    return duration(min, inclusive, null);
  }

  /**
   * A duration (see {@link Durations}) that is &gt;= min (&gt; min when not inclusive) and, unless
   * {@code max} is null, &lt;= max.
   */
  static ValueType<Duration> duration(Duration min, boolean inclusive, Duration max) {
    String range =
        max == null
            ? (inclusive ? " >= " : " > ") + Durations.format(min)
            : " in "
                + (inclusive ? "[" : "(")
                + Durations.format(min)
                + ", "
                + Durations.format(max)
                + "]";
    return new ValueType<>() {
      @Override
      public String type() {
        return "duration" + range;
      }

      @Override
      public String expected() {
        return "a duration" + range;
      }

      @Override
      public Duration read(Node node, int line, String key, Problems p) {
        if (!(node instanceof ScalarNode s) || isNull(s)) {
          p.add(line, key, "expected a duration like 30s, 5m, 1h or 1d, found " + found(node));
          return null;
        }
        Duration d;
        try {
          d = Durations.parse(s.getValue());
        } catch (IllegalArgumentException e) {
          p.add(line, key, "expected a duration like 30s, 5m, 1h or 1d, found " + found(node));
          return null;
        }
        int c = d.compareTo(min);
        if (c < 0 || (c == 0 && !inclusive) || (max != null && d.compareTo(max) > 0)) {
          p.add(line, key, "expected " + expected() + ", found " + found(node));
          return null;
        }
        return d;
      }

      @Override
      public String format(Duration v) {
        return Durations.format(v);
      }
    };
  }

  /** The text of a non-null scalar (booleans normalised to true/false), else null. */
  static String scalarText(Node node) {
    if (!(node instanceof ScalarNode s) || isNull(s)) {
      return null;
    }
    if (s.getTag().equals(Tag.BOOL)) {
      return parseBool(s.getValue()).toString();
    }
    return s.getValue();
  }

  static int lineOf(Node node) {
    return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
  }

  static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  private static Boolean parseBool(String text) {
    String t = text.toLowerCase();
    return t.equals("true") || t.equals("yes") || t.equals("on") || t.equals("y");
  }

  /** YAML 1.1 integers: decimal, 0x hex, 0b binary, 0 octal, with optional sign and underscores. */
  private static BigInteger parseInt(String text) {
    String t = text.replace("_", "");
    int sign = 1;
    if (t.startsWith("-") || t.startsWith("+")) {
      sign = t.startsWith("-") ? -1 : 1;
      t = t.substring(1);
    }
    try {
      BigInteger v;
      if (t.startsWith("0x")) {
        v = new BigInteger(t.substring(2), 16);
      } else if (t.startsWith("0b")) {
        v = new BigInteger(t.substring(2), 2);
      } else if (t.length() > 1 && t.startsWith("0")) {
        v = new BigInteger(t.substring(1), 8);
      } else {
        v = new BigInteger(t);
      }
      return sign < 0 ? v.negate() : v;
    } catch (NumberFormatException e) {
      return null; // e.g. sexagesimal 1:30
    }
  }

  private static Double parseFloat(String text) {
    String t = text.replace("_", "").toLowerCase();
    try {
      return Double.parseDouble(t);
    } catch (NumberFormatException e) {
      return null; // .inf, .nan, sexagesimal: rejected as not finite
    }
  }
}
