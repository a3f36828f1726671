/**
 * The aimon YAML configuration: the key registry ({@link io.aimon.config.ConfigKeys}), the
 * immutable settings records ({@link io.aimon.config.AimonConfig} and its parts) and the loader
 * that validates a file and reports every problem with file, line and key.
 *
 * <pre>{@code
 * AimonConfig config = ConfigLoader.load(Path.of("aimon.yaml"));
 * ModelConfig model = config.model("adult-income-logreg").orElseThrow();
 * CheckThreshold psi = model.threshold(MetricIds.PSI, "age");
 * }</pre>
 *
 * <p>This package has no Flink dependency; the {@code jobs} module reads these records once at
 * start-up and Flink functions never validate configuration.
 */
package io.aimon.config;
