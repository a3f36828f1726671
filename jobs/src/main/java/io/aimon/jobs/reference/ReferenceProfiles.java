package io.aimon.jobs.reference;

import io.aimon.config.AimonConfig;
import io.aimon.config.ConfigException;
import io.aimon.config.ConfigProblem;
import io.aimon.config.ModelConfig;
import io.aimon.config.ReferenceCheck;
import io.aimon.config.ReferenceKeys;
import io.aimon.detectors.event.Decoded;
import io.aimon.detectors.event.EventDecoder;
import io.aimon.detectors.event.InferenceEvent;
import io.aimon.detectors.event.JsonLinesReader;
import io.aimon.detectors.event.KeyTally;
import io.aimon.detectors.event.RawRecord;
import io.aimon.detectors.model.ModelSpec;
import io.aimon.detectors.profile.ReferenceProfile;
import io.aimon.detectors.profile.ReferenceProfileBuilder;
import io.aimon.detectors.profile.ReferenceProfileCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads or builds the reference profile of each configured model: from a stored profile ({@code
 * reference.profile}) or from reference events ({@code reference.events}), decoded with the same
 * rules as production events. Runs in the client before the job starts.
 *
 * <p>Before a profile is used, each model's configured features and fairness attributes are checked
 * against it ({@link ReferenceCheck}): a name that never occurs in the reference refuses the start
 * with a {@link ConfigException} naming the file, line and key. The keys of reference events are
 * counted ({@link KeyTally}) in the same pass that builds the profile, so a reference is read once.
 */
public final class ReferenceProfiles {
  private static final Logger LOG = LoggerFactory.getLogger(ReferenceProfiles.class);

  /** Files larger than this get a progress bar on an interactive terminal. */
  private static final long PROGRESS_BAR_BYTES = 50L << 20;

  private ReferenceProfiles() {}

  /**
   * The profiles of all models of the config, by model id.
   *
   * @throws ConfigException listing, for every model, each feature or attribute that never occurs
   *     in its reference (the config problem format, in line order)
   * @throws IOException when a file cannot be read
   * @throws IllegalArgumentException with a one-line reason when a profile does not fit its model
   */
  public static Map<String, ReferenceProfile> loadAll(AimonConfig config, boolean progress)
      throws IOException, ConfigException {
    Map<String, ReferenceProfile> out = new LinkedHashMap<>();
    List<ConfigProblem> problems = new ArrayList<>();
    for (ModelConfig m : config.models()) {
      try {
        out.put(m.id(), load(config, m, progress));
      } catch (ConfigException e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) {
      problems.sort(Comparator.comparingInt(ConfigProblem::line));
      throw new ConfigException(problems);
    }
    return out;
  }

  /**
   * The profile of one model.
   *
   * @throws ConfigException naming each feature or attribute that never occurs in the reference
   * @throws IOException when a file cannot be read
   * @throws IllegalArgumentException with a one-line reason when the profile does not fit the model
   *     or the reference has no usable event
   */
  public static ReferenceProfile load(AimonConfig config, ModelConfig model, boolean progress)
      throws IOException, ConfigException {
    ModelSpec spec = ModelSpec.from(model, config.job().exactValues());
    if (model.reference().profile() != null) {
      Path file = model.reference().profile();
      ReferenceProfile p = readProfile(file);
      refuse(ReferenceCheck.problems(config, model, p.keys()));
      checkFits(file, spec, p);
      return p;
    }
    ReferenceProfileBuilder builder = new ReferenceProfileBuilder(spec);
    KeyTally keys = KeyTally.of(spec);
    Path events = model.reference().events();
    Map<String, Long> rejected =
        read(spec, events, config.job().maxRecordBytes(), progress, builder, keys);
    refuse(ReferenceCheck.problems(config, model, keys.toReferenceKeys()));
    return build(spec, events, builder, rejected);
  }

  /**
   * The problems of every model's features and fairness attributes against its reference, without
   * building profiles ({@code aimon config validate}): what {@link #loadAll} would refuse to start
   * with, plus a reference that cannot be read or (a profile) does not fit its model, reported on
   * its key. Empty when all is well.
   */
  public static List<ConfigProblem> check(AimonConfig config) {
    List<ConfigProblem> out = new ArrayList<>();
    for (int i = 0; i < config.models().size(); i++) {
      ModelConfig m = config.models().get(i);
      boolean isProfile = m.reference().profile() != null;
      String key = "models[" + i + "].reference." + (isProfile ? "profile" : "events");
      try {
        ReferenceKeys keys;
        if (isProfile) {
          ReferenceProfile p = readProfile(m.reference().profile());
          keys = p.keys();
          List<ConfigProblem> problems = ReferenceCheck.problems(config, m, keys);
          if (problems.isEmpty()) {
            checkFits(m.reference().profile(), ModelSpec.from(m, config.job().exactValues()), p);
          }
        } else {
          ModelSpec spec = ModelSpec.from(m, config.job().exactValues());
          KeyTally tally = KeyTally.of(spec);
          read(spec, m.reference().events(), config.job().maxRecordBytes(), false, null, tally);
          keys = tally.toReferenceKeys();
        }
        out.addAll(ReferenceCheck.problems(config, m, keys));
      } catch (IOException | IllegalArgumentException e) {
        String why = e.getMessage() == null ? e.toString() : e.getMessage();
        out.add(
            new ConfigProblem(
                config.source().toString(),
                config.lines().of(key),
                key,
                "cannot use the reference: " + why));
      }
    }
    out.sort(Comparator.comparingInt(ConfigProblem::line));
    return out;
  }

  private static void refuse(List<ConfigProblem> problems) throws ConfigException {
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }

  private static ReferenceProfile readProfile(Path file) throws IOException {
    try {
      return ReferenceProfileCodec.fromJson(Files.readAllBytes(file));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Decodes every record of {@code events} (.jsonl or .jsonl.gz), adding the model's events to
   * {@code builder} (when not null) and their keys to {@code keys}; returns the rejected records'
   * counts by reason.
   */
  private static Map<String, Long> read(
      ModelSpec spec,
      Path events,
      int maxRecordBytes,
      boolean progress,
      ReferenceProfileBuilder builder,
      KeyTally keys)
      throws IOException {
    EventDecoder decoder = new EventDecoder(Map.of(spec.id(), spec), maxRecordBytes);
    Map<String, Long> rejected = new TreeMap<>();
    long size = Files.size(events);
    boolean bar = progress && size >= PROGRESS_BAR_BYTES && System.console() != null;
    long now = System.currentTimeMillis();
    try (InputStream raw = Files.newInputStream(events);
        InputStream counted = bar ? ProgressBar.wrap(raw, progressBar(events, size)) : raw;
        JsonLinesReader reader =
            new JsonLinesReader(
                JsonLinesReader.decompressIfGzip(counted, events.toString()),
                events.getFileName().toString(),
                maxRecordBytes)) {
      RawRecord r;
      while ((r = reader.next()) != null) {
        Decoded<InferenceEvent> d = decoder.decodeInference(r, now, keys);
        if (!d.isOk()) {
          rejected.merge(d.deadLetter().reason(), 1L, Long::sum);
        } else if (builder != null) {
          builder.add(d.event());
        }
      }
    }
    if (!rejected.isEmpty()) {
      LOG.warn(
          "reference {} of model {}: skipped records by reason {}", events, spec.id(), rejected);
    }
    return rejected;
  }

  /** The profile of the events {@code builder} holds. */
  private static ReferenceProfile build(
      ModelSpec spec, Path events, ReferenceProfileBuilder builder, Map<String, Long> rejected) {
    if (builder.events() == 0) {
      throw new IllegalArgumentException(
          events
              + ": no usable reference event for model '"
              + spec.id()
              + "' (rejected: "
              + rejected
              + ")");
    }
    try {
      ReferenceProfile p = builder.build();
      LOG.info(
          "reference profile of model {}: {} events, digest {}", spec.id(), p.events(), p.digest());
      return p;
    } catch (IllegalStateException e) {
      throw new IllegalArgumentException(events + ": " + e.getMessage(), e);
    }
  }

  private static ProgressBarBuilder progressBar(Path file, long size) {
    return new ProgressBarBuilder()
        .setTaskName("reference " + file.getFileName())
        .setInitialMax(size)
        .setUnit(" MiB", 1 << 20)
        .setStyle(ProgressBarStyle.ASCII);
  }

  private static void checkFits(Path file, ModelSpec spec, ReferenceProfile p) {
    if (!p.modelId().equals(spec.id())) {
      throw new IllegalArgumentException(
          file + ": profile is for model '" + p.modelId() + "', expected '" + spec.id() + "'");
    }
    for (String f : spec.numericFeatures()) {
      if (!p.numeric().containsKey(f)) {
        throw new IllegalArgumentException(file + ": profile has no numeric feature '" + f + "'");
      }
    }
    for (String f : spec.categoricalFeatures()) {
      if (!p.categorical().containsKey(f)) {
        throw new IllegalArgumentException(
            file + ": profile has no categorical feature '" + f + "'");
      }
    }
  }
}
