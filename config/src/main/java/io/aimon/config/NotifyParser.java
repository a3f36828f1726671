package io.aimon.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the top-level {@code notify} section into a {@link NotifyConfig}: timings, notifiers (type
 * by type: which keys each type needs and allows, secrets as {@code env:}/{@code file:} references)
 * and routes (names of configured models, known metrics, severities and declared notifiers).
 * Package-private helper of the loader.
 *
 * <p>No message repeats the value of a secret: a secret without a known prefix may be a key pasted
 * by mistake.
 */
final class NotifyParser {

  /** The keys of each notifier type, in documentation order. */
  private static final Map<String, List<String>> TYPE_KEYS =
      Map.of(
          NotifierConfig.ALERTMANAGER, List.of("name", "type", "url"),
          NotifierConfig.PAGERDUTY, List.of("name", "type", "url", "routing_key"),
          NotifierConfig.SLACK, List.of("name", "type", "webhook_url"),
          NotifierConfig.WEBHOOK, List.of("name", "type", "url", "headers"));

  private final Problems problems;
  private final Path baseDir;

  /**
   * @param baseDir the config file's directory; relative {@code file:} references resolve against
   *     it
   */
  NotifyParser(Problems problems, Path baseDir) {
    this.problems = problems;
    this.baseDir = baseDir;
  }

  /**
   * The section over the registry defaults; the defaults (after a problem) when it is invalid.
   *
   * @param top the top-level map, also read for the ids the {@code models} list declares
   */
  NotifyConfig parse(MapReader top) {
    int before = problems.size();
    MapReader n = top.section(ConfigKeys.NOTIFY);
    Duration resendInterval = n.get(ConfigKeys.NOTIFY_RESEND_INTERVAL);
    Duration timeout = n.get(ConfigKeys.NOTIFY_TIMEOUT);
    Integer maxAttempts = n.get(ConfigKeys.NOTIFY_MAX_ATTEMPTS);
    Duration initialBackoff = n.get(ConfigKeys.NOTIFY_INITIAL_BACKOFF);
    Duration maxBackoff = n.get(ConfigKeys.NOTIFY_MAX_BACKOFF);
    checkBackoffs(n, initialBackoff, maxBackoff);
    Map<String, String> declared = new LinkedHashMap<>();
    List<NotifierConfig> notifiers = parseNotifiers(n, declared);
    List<RouteConfig> routes = parseRoutes(n, declared.keySet(), modelIds(top));
    if (problems.size() != before) {
      return NotifyConfig.defaults();
    }
    try {
      return new NotifyConfig(
          resendInterval, timeout, maxAttempts, initialBackoff, maxBackoff, notifiers, routes);
    } catch (IllegalArgumentException e) {
      problems.add(n.line(), n.path(), e.getMessage()); // safety net: mirrors the checks above
      return NotifyConfig.defaults();
    }
  }

  /**
   * Reports {@code max_backoff < initial_backoff} at {@code max_backoff}, or at {@code
   * initial_backoff} when {@code max_backoff} is the default.
   */
  private void checkBackoffs(MapReader n, Duration initial, Duration max) {
    if (initial == null || max == null || initial.compareTo(max) <= 0) {
      return;
    }
    String maxName = ConfigKeys.NOTIFY_MAX_BACKOFF.name();
    String initialName = ConfigKeys.NOTIFY_INITIAL_BACKOFF.name();
    String at = n.has(maxName) ? maxName : initialName;
    problems.add(
        n.line(at),
        n.child(at),
        "expected max_backoff >= initial_backoff, found max_backoff "
            + Durations.format(max)
            + (n.has(maxName) ? "" : " (default)")
            + " < initial_backoff "
            + Durations.format(initial)
            + (n.has(initialName) ? "" : " (default)"));
  }

  // --- notifiers -----------------------------------------------------------------------------

  /**
   * The valid notifiers; {@code declared} receives every name given with a valid form (also of
   * notifiers with other problems, so that routes naming them are not reported too), mapped to
   * where it was first used.
   */
  private List<NotifierConfig> parseNotifiers(MapReader n, Map<String, String> declared) {
    List<NotifierConfig> out = new ArrayList<>();
    for (MapReader r : items(n, ConfigKeys.NOTIFY_NOTIFIERS, "a notifier")) {
      String path = r.path();
      NotifierConfig notifier = parseNotifier(r);
      String nameKey = ConfigKeys.NOTIFY_NOTIFIER_NAME.name();
      String name = ValueTypes.scalarText(r.value(nameKey));
      if (name != null && NotifierConfig.NAME_PATTERN.matcher(name).matches()) {
        String first = declared.putIfAbsent(name, path + " at line " + r.line(nameKey));
        if (first != null) {
          problems.add(
              r.line(nameKey),
              r.child(nameKey),
              "duplicate notifier name '" + name + "' (first used by " + first + ")");
          continue;
        }
      }
      if (notifier != null) {
        out.add(notifier);
      }
    }
    return out;
  }

  private NotifierConfig parseNotifier(MapReader r) {
    int before = problems.size();
    String name = r.get(ConfigKeys.NOTIFY_NOTIFIER_NAME);
    if (name != null && !NotifierConfig.NAME_PATTERN.matcher(name).matches()) {
      problems.add(
          r.line("name"),
          r.child("name"),
          "expected a name matching "
              + NotifierConfig.NAME_PATTERN.pattern()
              + ", found '"
              + name
              + "'");
    }
    String type = r.get(ConfigKeys.NOTIFY_NOTIFIER_TYPE);
    String url = readUrl(r, type);
    String secret = null;
    for (ConfigKey<String> k :
        List.of(ConfigKeys.NOTIFY_NOTIFIER_ROUTING_KEY, ConfigKeys.NOTIFY_NOTIFIER_WEBHOOK_URL)) {
      boolean isTypeSecret =
          type != null
              && (type.equals(NotifierConfig.PAGERDUTY)
                  ? k == ConfigKeys.NOTIFY_NOTIFIER_ROUTING_KEY
                  : type.equals(NotifierConfig.SLACK)
                      && k == ConfigKeys.NOTIFY_NOTIFIER_WEBHOOK_URL);
      if (isTypeSecret) {
        secret = readSecret(r, k, type);
      } else if (r.has(k.name())) {
        if (type == null) {
          readSecret(r, k, null); // the type is wrong (reported); still check the reference
        } else {
          notForType(r, k.name(), type, "");
        }
      }
    }
    Map<String, String> headers = Map.of();
    String headersName = ConfigKeys.NOTIFY_NOTIFIER_HEADERS.name();
    if (r.has(headersName)) {
      if (type == null || type.equals(NotifierConfig.WEBHOOK)) {
        headers = readHeaders(r);
      } else {
        notForType(r, headersName, type, "");
      }
    }
    if (problems.size() != before) {
      return null;
    }
    try {
      return new NotifierConfig(name, type, url, secret, headers);
    } catch (IllegalArgumentException e) {
      problems.add(r.line(), r.path(), e.getMessage()); // safety net: mirrors the checks above
      return null;
    }
  }

  /** The {@code url} of a notifier of {@code type} (null when invalid or unknown). */
  private String readUrl(MapReader r, String type) {
    String name = ConfigKeys.NOTIFY_NOTIFIER_URL.name();
    if (NotifierConfig.SLACK.equals(type)) {
      if (r.has(name)) {
        // not read: a Slack webhook URL is a secret, so the message does not repeat it
        notForType(
            r,
            name,
            type,
            " (the webhook URL is a secret: give it as webhook_url: env:NAME or file:PATH)");
      }
      return null;
    }
    if (!r.has(name)) {
      if (NotifierConfig.ALERTMANAGER.equals(type) || NotifierConfig.WEBHOOK.equals(type)) {
        problems.add(
            r.line(), r.child(name), "missing required key '" + name + "' (type " + type + ")");
      }
      return null;
    }
    String url = r.get(ConfigKeys.NOTIFY_NOTIFIER_URL);
    if (url == null || AlertingConfig.isHttpUrl(url)) {
      return url;
    }
    // a secret reference (the value type lets nothing else through): file paths made absolute
    return secretReference(problems, baseDir, url, r.line(name), r.child(name));
  }

  /** Reports that the present key {@code name} does not apply to {@code type}. */
  private void notForType(MapReader r, String name, String type, String hint) {
    problems.add(
        r.line(name),
        r.child(name),
        "key '"
            + name
            + "' does not apply to type "
            + type
            + "; keys of type "
            + type
            + ": "
            + String.join(", ", TYPE_KEYS.get(type))
            + hint);
  }

  /**
   * The secret reference {@code key} of {@code r}, file paths made absolute; reports it missing
   * when {@code type} is known (it needs it). Null when absent or invalid.
   */
  private String readSecret(MapReader r, ConfigKey<String> key, String type) {
    String name = key.name();
    if (!r.has(name)) {
      if (type != null) {
        problems.add(
            r.line(), r.child(name), "missing required key '" + name + "' (type " + type + ")");
      }
      return null;
    }
    String text = r.get(key);
    return text == null
        ? null
        : secretReference(problems, baseDir, text, r.line(name), r.child(name));
  }

  /**
   * {@code text} if it is an {@code env:} reference, the absolute form of a {@code file:} one, or
   * null after a problem that does not repeat {@code text}.
   */
  static String secretReference(
      Problems problems, Path baseDir, String text, int line, String key) {
    if (!text.startsWith("env:") && !text.startsWith("file:")) {
      problems.add(line, key, NotifierConfig.NOT_A_SECRET_REFERENCE);
      return null;
    }
    String prefix = text.startsWith("env:") ? "env:" : "file:";
    String rest = text.substring(prefix.length());
    if (rest.isBlank()) {
      problems.add(
          line,
          key,
          "expected a secret reference env:NAME or file:PATH, found '"
              + prefix
              + "' with nothing after it");
      return null;
    }
    if (prefix.equals("env:")) {
      return text;
    }
    try {
      return prefix + baseDir.resolve(rest).normalize();
    } catch (InvalidPathException e) {
      problems.add(
          line,
          key,
          "expected a file path after file:, found an invalid one (not shown: it may be a secret)");
      return null;
    }
  }

  /** The webhook headers, names checked and values secret references; null when invalid. */
  private Map<String, String> readHeaders(MapReader r) {
    String name = ConfigKeys.NOTIFY_NOTIFIER_HEADERS.name();
    Node node = r.value(name);
    if (ValueTypes.isNull(node)) {
      return Map.of();
    }
    if (!(node instanceof MappingNode)) {
      problems.add(
          r.line(name),
          r.child(name),
          "expected a map of header names to secret references, found "
              + (node instanceof ScalarNode
                  ? "a single value (not shown: it may be a secret)"
                  : ValueTypes.found(node)));
      return null;
    }
    int before = problems.size();
    MapReader h = new MapReader(node, r.child(name), r.line(name), null, problems);
    Map<String, String> out = new LinkedHashMap<>();
    for (String header : h.names()) {
      String problem = NotifierConfig.headerNameProblem(header);
      if (problem != null) {
        problems.add(h.line(header), h.child(header), problem);
        continue;
      }
      String text =
          ValueTypes.STRING.read(h.value(header), h.line(header), h.child(header), problems);
      String ref =
          text == null
              ? null
              : secretReference(problems, baseDir, text, h.line(header), h.child(header));
      out.put(header, ref);
    }
    return problems.size() == before ? out : null;
  }

  // --- routes --------------------------------------------------------------------------------

  /** The ids the {@code models} list gives (also of models with problems), in file order. */
  private static Set<String> modelIds(MapReader top) {
    Set<String> ids = new LinkedHashSet<>();
    if (top.value(ConfigKeys.MODELS.name()) instanceof SequenceNode seq) {
      for (Node item : seq.getValue()) {
        if (item instanceof MappingNode m) {
          for (NodeTuple t : m.getValue()) {
            if ("id".equals(ValueTypes.scalarText(t.getKeyNode()))) {
              String id = ValueTypes.scalarText(t.getValueNode());
              if (id != null) {
                ids.add(id);
              }
              break;
            }
          }
        }
      }
    }
    return ids;
  }

  /**
   * A reader for each map in the list {@code key} of {@code n}; an item that is not a map is
   * reported ("expected a map describing {@code what}") and skipped. Empty when the list is absent,
   * empty, or not a list (reported by the reader).
   */
  private List<MapReader> items(MapReader n, ConfigKey<Node> key, String what) {
    List<MapReader> out = new ArrayList<>();
    if (!(n.get(key) instanceof SequenceNode seq)) {
      return out;
    }
    for (int i = 0; i < seq.getValue().size(); i++) {
      Node item = seq.getValue().get(i);
      String path = n.child(key.name()) + "[" + i + "]";
      if (!(item instanceof MappingNode)) {
        problems.add(
            ValueTypes.lineOf(item),
            path,
            "expected a map describing " + what + ", found " + ValueTypes.found(item));
        continue;
      }
      out.add(
          new MapReader(
              item,
              path,
              ValueTypes.lineOf(item),
              ConfigKeys.childrenOf(key.path() + "[]"),
              problems));
    }
    return out;
  }

  private List<RouteConfig> parseRoutes(
      MapReader n, Collection<String> notifierNames, Set<String> modelIds) {
    List<RouteConfig> out = new ArrayList<>();
    for (MapReader r : items(n, ConfigKeys.NOTIFY_ROUTES, "a route")) {
      RouteConfig route = parseRoute(r, notifierNames, modelIds);
      if (route != null) {
        out.add(route);
      }
    }
    return out;
  }

  private RouteConfig parseRoute(
      MapReader r, Collection<String> notifierNames, Set<String> modelIds) {
    int before = problems.size();
    List<String> models = r.get(ConfigKeys.NOTIFY_ROUTE_MODELS);
    checkNames(
        r,
        ConfigKeys.NOTIFY_ROUTE_MODELS,
        models,
        modelIds.isEmpty() ? null : modelIds, // no models: reported already, not once per route
        name ->
            "unknown model id '"
                + name
                + "'"
                + Suggestions.didYouMean(name, modelIds)
                + "; configured model ids: "
                + String.join(", ", modelIds),
        "model id");
    List<String> severities = r.get(ConfigKeys.NOTIFY_ROUTE_SEVERITIES);
    checkNames(
        r,
        ConfigKeys.NOTIFY_ROUTE_SEVERITIES,
        severities,
        RouteConfig.SEVERITIES,
        name ->
            "expected one of "
                + String.join(", ", RouteConfig.SEVERITIES)
                + ", found '"
                + name
                + "'"
                + Suggestions.didYouMean(name, RouteConfig.SEVERITIES),
        "severity");
    List<String> metrics = r.get(ConfigKeys.NOTIFY_ROUTE_METRICS);
    checkNames(
        r,
        ConfigKeys.NOTIFY_ROUTE_METRICS,
        metrics,
        MetricIds.CHECKABLE,
        name ->
            "unknown metric id '"
                + name
                + "'"
                + Suggestions.didYouMean(name, MetricIds.CHECKABLE)
                + "; known metric ids: "
                + ThresholdParser.KNOWN_METRICS,
        "metric id");
    List<String> notifiers = r.get(ConfigKeys.NOTIFY_ROUTE_NOTIFIERS);
    if (notifiers != null && notifiers.isEmpty()) {
      String name = ConfigKeys.NOTIFY_ROUTE_NOTIFIERS.name();
      problems.add(
          r.line(name),
          r.child(name),
          "expected at least one notifier name, found "
              + (ValueTypes.isNull(r.value(name)) ? "nothing" : "an empty list"));
    }
    checkNames(
        r,
        ConfigKeys.NOTIFY_ROUTE_NOTIFIERS,
        notifiers,
        notifierNames,
        name ->
            "unknown notifier '"
                + name
                + "'"
                + Suggestions.didYouMean(name, notifierNames)
                + "; declared notifiers: "
                + (notifierNames.isEmpty() ? "none" : String.join(", ", notifierNames)),
        "notifier");
    if (problems.size() != before) {
      return null;
    }
    try {
      return new RouteConfig(
          new LinkedHashSet<>(models),
          new LinkedHashSet<>(severities),
          new LinkedHashSet<>(metrics),
          notifiers);
    } catch (IllegalArgumentException e) {
      problems.add(r.line(), r.path(), e.getMessage()); // safety net: mirrors the checks above
      return null;
    }
  }

  /**
   * Reports each element of the list {@code key} of {@code r} that is not in {@code known} (unless
   * null) with the message {@code unknown} makes, and each repeat.
   *
   * @param values the list as read, or null when it was invalid (reported; nothing to check)
   */
  private void checkNames(
      MapReader r,
      ConfigKey<List<String>> key,
      List<String> values,
      Collection<String> known,
      Function<String, String> unknown,
      String what) {
    if (values == null || !(r.value(key.name()) instanceof SequenceNode seq)) {
      return;
    }
    Map<String, String> seen = new LinkedHashMap<>();
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i);
      Node item = seq.getValue().get(i);
      String where = r.child(key.name()) + "[" + i + "]";
      if (known != null && !known.contains(value)) {
        problems.add(ValueTypes.lineOf(item), where, unknown.apply(value));
        continue;
      }
      String first = seen.putIfAbsent(value, where);
      if (first != null) {
        problems.add(
            ValueTypes.lineOf(item),
            where,
            "duplicate " + what + " '" + value + "' (already at " + first + ")");
      }
    }
  }
}
