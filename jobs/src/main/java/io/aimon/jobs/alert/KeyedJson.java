package io.aimon.jobs.alert;

/**
 * A JSON record on its way to a Kafka topic.
 *
 * @param key the record key (partitioning), e.g. the incident id
 * @param json one JSON object
 */
public record KeyedJson(String key, String json) {}
