package io.aimon.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a loaded configuration against what its references carry: each configured feature (numeric
 * and categorical) and fairness attribute that never occurs in the model's reference is a problem,
 * since monitoring it could only ever see missing values (an attribute missing everywhere puts
 * every event in one group, whose gaps are a false all-clear).
 *
 * <pre>{@code
 * List<ConfigProblem> problems = ReferenceCheck.problems(config, model, keys);
 * // aimon.yaml:9 models[0].features.numeric[1]: feature 'hours_per_wek' never occurs in the
 * //   reference (did you mean 'hours_per_week'?); none of the 3 events in reference.jsonl has it
 * //   in 'features'
 * }</pre>
 *
 * <p>Problems name the configuration file, the line and the full key of the list item, in the
 * loader's form ({@link ConfigProblem}). Against reference events, a name that never occurs gets a
 * "did you mean" suggestion when a key the events do carry is close ({@link Suggestions}), else the
 * list of keys they carry there (at most {@value #MAX_LISTED}). Against a profile, only the names
 * it records are judged ({@link ReferenceKeys#exhaustive()}). Pure: it reads nothing.
 */
public final class ReferenceCheck {

  /** The most keys listed in a message when nothing is close to the name. */
  static final int MAX_LISTED = 10;

  private ReferenceCheck() {}

  /**
   * The problems of every model, in line order (0 first, as the loader sorts them).
   *
   * @param keys what each model's reference carries, by model id; a model without an entry is not
   *     checked
   */
  public static List<ConfigProblem> problems(AimonConfig config, Map<String, ReferenceKeys> keys) {
    List<ConfigProblem> out = new ArrayList<>();
    for (ModelConfig m : config.models()) {
      ReferenceKeys k = keys.get(m.id());
      if (k != null) {
        out.addAll(problems(config, m, k));
      }
    }
    out.sort(Comparator.comparingInt(ConfigProblem::line));
    return out;
  }

  /**
   * The problems of one model of {@code config}: a reference without a usable event of the model
   * (one problem on the reference key, nothing else judged), else one per feature and attribute
   * that no reference event carries. Empty when everything occurs.
   *
   * @throws IllegalArgumentException if {@code model} is not one of {@code config}'s models
   */
  public static List<ConfigProblem> problems(
      AimonConfig config, ModelConfig model, ReferenceKeys keys) {
    int index = config.models().indexOf(model);
    if (index < 0) {
      throw new IllegalArgumentException("model '" + model.id() + "' is not in " + config.source());
    }
    String prefix = "models[" + index + "]";
    String file = config.source().toString();
    KeyLines lines = config.lines();
    boolean events = model.reference().events() != null;
    String where = String.valueOf(model.reference().path().getFileName());
    List<ConfigProblem> out = new ArrayList<>();
    if (keys.events() == 0) {
      String key = prefix + ".reference." + (events ? "events" : "profile");
      out.add(
          new ConfigProblem(
              file,
              lines.of(key),
              key,
              "expected at least one usable reference event of model '"
                  + model.id()
                  + "', found none in "
                  + where));
      return out;
    }
    ModelCheck check =
        new ModelCheck(
            file,
            lines,
            keys,
            events,
            where,
            new HashSet<>(model.features()),
            new HashSet<>(model.fairness().attributes()),
            out);
    List<String> numeric = model.numericFeatures();
    for (int i = 0; i < numeric.size(); i++) {
      check.feature(prefix + ".features.numeric[" + i + "]", numeric.get(i));
    }
    List<String> categorical = model.categoricalFeatures();
    for (int i = 0; i < categorical.size(); i++) {
      check.feature(prefix + ".features.categorical[" + i + "]", categorical.get(i));
    }
    List<String> attributes = model.fairness().attributes();
    for (int i = 0; i < attributes.size(); i++) {
      check.attribute(prefix + ".fairness.attributes[" + i + "]", attributes.get(i));
    }
    return out;
  }

  /**
   * Judges the names of one model.
   *
   * @param events whether the reference is events (else a profile)
   * @param where the reference's file name, as messages name it
   * @param features the configured features (never suggested for another feature)
   * @param attributes the configured attributes (never suggested for another attribute)
   */
  private record ModelCheck(
      String file,
      KeyLines lines,
      ReferenceKeys keys,
      boolean events,
      String where,
      Set<String> features,
      Set<String> attributes,
      List<ConfigProblem> out) {

    void feature(String key, String name) {
      judge(key, "feature", name, keys.features(), "features", features);
    }

    void attribute(String key, String name) {
      judge(key, "attribute", name, keys.groups(), "groups", attributes);
    }

    private void judge(
        String key,
        String what,
        String name,
        Map<String, Long> counts,
        String object,
        Set<String> configured) {
      Long count = counts.get(name);
      if (count == null && !keys.exhaustive()) {
        return; // the profile does not record it: unknown, not absent
      }
      if (count != null && count > 0) {
        return;
      }
      List<String> others = new ArrayList<>();
      counts.entrySet().stream()
          .filter(e -> e.getValue() > 0 && !configured.contains(e.getKey()))
          .sorted(
              Map.Entry.<String, Long>comparingByValue()
                  .reversed()
                  .thenComparing(Map.Entry.comparingByKey()))
          .forEach(e -> others.add(e.getKey()));
      StringBuilder msg = new StringBuilder();
      msg.append(what).append(" '").append(name).append("' never occurs in the reference");
      String suggestion = keys.exhaustive() ? Suggestions.closest(name, others) : null;
      if (suggestion != null) {
        msg.append(" (did you mean '").append(suggestion).append("'?)");
      }
      msg.append("; ").append(none()).append(' ').append(where).append(' ');
      if (events) {
        msg.append(keys.events() == 1 ? "does not have" : "has").append(" it in '");
        msg.append(object).append('\'');
      } else {
        msg.append(keys.events() == 1 ? "has no " : "has a ");
        msg.append(object.equals("groups") ? "group value" : "value").append(" for it");
      }
      if (suggestion == null && keys.exhaustive() && !others.isEmpty()) {
        msg.append(" (keys there: ");
        msg.append(String.join(", ", others.subList(0, Math.min(MAX_LISTED, others.size()))));
        if (others.size() > MAX_LISTED) {
          msg.append(" and ").append(others.size() - MAX_LISTED).append(" more");
        }
        msg.append(')');
      }
      out.add(new ConfigProblem(file, lines.of(key), key, msg.toString()));
    }

    /** "none of the N events in" or "the one event in". */
    private String none() {
      return keys.events() == 1
          ? "the one event in"
          : "none of the " + keys.events() + " events in";
    }
  }
}
