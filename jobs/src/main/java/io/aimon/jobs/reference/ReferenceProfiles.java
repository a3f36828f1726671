package io.aimon.jobs.reference;

import io.aimon.config.AimonConfig;
import io.aimon.config.ModelConfig;
import io.aimon.detectors.event.Decoded;
import io.aimon.detectors.event.EventDecoder;
import io.aimon.detectors.event.InferenceEvent;
import io.aimon.detectors.event.JsonLinesReader;
import io.aimon.detectors.event.RawRecord;
import io.aimon.detectors.model.ModelSpec;
import io.aimon.detectors.profile.ReferenceProfile;
import io.aimon.detectors.profile.ReferenceProfileBuilder;
import io.aimon.detectors.profile.ReferenceProfileCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
 */
public final class ReferenceProfiles {
  private static final Logger LOG = LoggerFactory.getLogger(ReferenceProfiles.class);

  /** Files larger than this get a progress bar on an interactive terminal. */
  private static final long PROGRESS_BAR_BYTES = 50L << 20;

  private ReferenceProfiles() {}

  /** The profiles of all models of the config, by model id. */
  public static Map<String, ReferenceProfile> loadAll(AimonConfig config, boolean progress)
      throws IOException {
    Map<String, ReferenceProfile> out = new LinkedHashMap<>();
    for (ModelConfig m : config.models()) {
      out.put(m.id(), load(config, m, progress));
    }
    return out;
  }

  /**
   * The profile of one model.
   *
   * @throws IOException when a file cannot be read
   * @throws IllegalArgumentException with a one-line reason when the profile does not fit the model
   *     or the reference has no usable event
   */
  public static ReferenceProfile load(AimonConfig config, ModelConfig model, boolean progress)
      throws IOException {
    ModelSpec spec = ModelSpec.from(model, config.job().exactValues());
    if (model.reference().profile() != null) {
      Path file = model.reference().profile();
      ReferenceProfile p;
      try {
        p = ReferenceProfileCodec.fromJson(Files.readAllBytes(file));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
      }
      checkFits(file, spec, p);
      return p;
    }
    return build(spec, model.reference().events(), config.job().maxRecordBytes(), progress);
  }

  /** Builds a profile from a file of reference events (.jsonl or .jsonl.gz). */
  public static ReferenceProfile build(
      ModelSpec spec, Path events, int maxRecordBytes, boolean progress) throws IOException {
    EventDecoder decoder = new EventDecoder(Map.of(spec.id(), spec), maxRecordBytes);
    ReferenceProfileBuilder builder = new ReferenceProfileBuilder(spec);
    Map<String, Long> rejected = new TreeMap<>();
    long size = Files.size(events);
    boolean bar = progress && size >= PROGRESS_BAR_BYTES && System.console() != null;
    try (InputStream raw = Files.newInputStream(events);
        InputStream counted = bar ? ProgressBar.wrap(raw, progressBar(events, size)) : raw;
        JsonLinesReader reader =
            new JsonLinesReader(
                JsonLinesReader.decompressIfGzip(counted, events.toString()),
                events.getFileName().toString(),
                maxRecordBytes)) {
      RawRecord r;
      while ((r = reader.next()) != null) {
        Decoded<InferenceEvent> d = decoder.decodeInference(r);
        if (d.isOk()) {
          builder.add(d.event());
        } else {
          rejected.merge(d.deadLetter().reason(), 1L, Long::sum);
        }
      }
    }
    if (!rejected.isEmpty()) {
      LOG.warn(
          "reference {} of model {}: skipped records by reason {}", events, spec.id(), rejected);
    }
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
