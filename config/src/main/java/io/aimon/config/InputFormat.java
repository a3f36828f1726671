package io.aimon.config;

/**
 * How the records of the inference topic (or replay file) are encoded ({@code input.format}). Each
 * format decodes into the same inference events; what comes after the decoder does not depend on
 * it.
 *
 * <ul>
 *   <li>{@link #NATIVE}: aimon's inference event v1, one JSON object per record.
 *   <li>{@link #KSERVE}: KServe's inference logger, CloudEvents in binary mode (attributes in Kafka
 *       headers) or structured mode (the whole event as JSON); a request and its response are two
 *       records joined by their CloudEvents id.
 *   <li>{@link #OIP}: Open Inference Protocol v2 JSON requests and responses, joined by their id.
 *   <li>{@link #SELDON}: Seldon Core 2's model topics, Open Inference Protocol protobuf requests on
 *       {@code .inputs} and responses on {@code .outputs}, joined by their request id (Kafka only).
 *   <li>{@link #SAGEMAKER}: SageMaker Model Monitor's data capture, one JSON Lines record per
 *       inference holding its request and response.
 *   <li>{@link #OTLP}: OpenTelemetry trace exports (OTLP/JSON), one event per LLM call span
 *       (OpenInference or GenAI semantic conventions).
 * </ul>
 */
public enum InputFormat {
  NATIVE("native", false, false),
  KSERVE("kserve", true, false),
  OIP("oip", true, true),
  SELDON("seldon", true, true),
  SAGEMAKER("sagemaker", false, false),
  OTLP("otlp", false, false);

  private final String configName;
  private final boolean paired;
  private final boolean timedByRecord;

  InputFormat(String configName, boolean paired, boolean timedByRecord) {
    this.configName = configName;
    this.paired = paired;
    this.timedByRecord = timedByRecord;
  }

  /** The name in the config file. */
  public String configName() {
    return configName;
  }

  /** True when a request and its response arrive as two records that must be joined. */
  public boolean paired() {
    return paired;
  }

  /**
   * True when a record's event time is its Kafka timestamp (the messages carry none), so event time
   * can be tracked per partition as the source reads: a job reading several partitions (Seldon's
   * inputs and outputs topics at least) then holds its watermark at the slowest one.
   */
  public boolean timedByRecord() {
    return timedByRecord;
  }
}
