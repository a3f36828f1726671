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
 * </ul>
 */
public enum InputFormat {
  NATIVE("native", false),
  KSERVE("kserve", true),
  OIP("oip", true);

  private final String configName;
  private final boolean paired;

  InputFormat(String configName, boolean paired) {
    this.configName = configName;
    this.paired = paired;
  }

  /** The name in the config file. */
  public String configName() {
    return configName;
  }

  /** True when a request and its response arrive as two records that must be joined. */
  public boolean paired() {
    return paired;
  }
}
