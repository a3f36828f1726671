package io.aimon.config;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A loaded, validated aimon configuration. Build one with {@link ConfigLoader#load(Path)}.
 *
 * @param source the file as it was given to the loader
 * @param digest the SHA-256 of the file bytes, 64 lower-case hex digits (recorded in evidence)
 * @param kafka the {@code kafka} section
 * @param job the {@code job} section
 * @param models the models, non-empty, unique ids, in file order (copied, unmodifiable)
 * @param notifyConfig the {@code notify} section; its routes name configured models only. (The
 *     component cannot be called {@code notify}: records may not shadow {@link Object#notify()}.)
 * @param evidence the {@code evidence} section
 * @param correctiveActions the {@code corrective_actions} section
 * @param input the {@code input} section
 * @param lines the line of every key and list item of the file ({@link KeyLines#none()} for a
 *     configuration built in code), for problems found after loading
 */
public record AimonConfig(
    Path source,
    String digest,
    KafkaSettings kafka,
    JobSettings job,
    List<ModelConfig> models,
    NotifyConfig notifyConfig,
    EvidenceConfig evidence,
    CorrectiveActionConfig correctiveActions,
    InputConfig input,
    KeyLines lines) {

  public AimonConfig {
    Objects.requireNonNull(lines, "lines");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(correctiveActions, "correctiveActions");
    Objects.requireNonNull(evidence, "evidence");
    Objects.requireNonNull(source, "source");
    if (digest == null || !digest.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("digest must be 64 lower-case hex digits, was " + digest);
    }
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(job, "job");
    models = List.copyOf(models);
    if (models.isEmpty()) {
      throw new IllegalArgumentException("models must not be empty");
    }
    Set<String> ids = new HashSet<>();
    for (ModelConfig m : models) {
      if (!ids.add(m.id())) {
        throw new IllegalArgumentException("model ids must be unique, '" + m.id() + "' repeats");
      }
    }
    Objects.requireNonNull(notifyConfig, "notifyConfig");
    for (RouteConfig r : notifyConfig.routes()) {
      for (String id : r.models()) {
        if (!ids.contains(id)) {
          throw new IllegalArgumentException(
              "notify routes must name configured models, '" + id + "' is not one");
        }
      }
    }
  }

  /** The model with this id, if configured. */
  public Optional<ModelConfig> model(String id) {
    return models.stream().filter(m -> m.id().equals(id)).findFirst();
  }
}
