package io.aimon.config;

/**
 * The {@code input.otlp} section: OpenTelemetry LLM spans.
 *
 * @param keepText {@code input.otlp.keep_text}: whether a dead letter of an OTLP record keeps the
 *     record (prompts and responses included)
 * @param protobuf {@code input.otlp.encoding}: whether Kafka records are OTLP protobuf ({@code
 *     otlp_proto}) rather than OTLP/JSON ({@code otlp_json}); replay files are always OTLP/JSON
 */
public record OtlpInput(boolean keepText, boolean protobuf) implements java.io.Serializable {
  /** The registry defaults. */
  public static OtlpInput defaults() {
    return new OtlpInput(
        ConfigKeys.INPUT_OTLP_KEEP_TEXT.defaultValue(),
        ConfigKeys.INPUT_OTLP_ENCODING.defaultValue());
  }
}
