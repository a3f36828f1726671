/**
 * What serving platforms log, decoded into aimon's inference and label events: tensors of the Open
 * Inference Protocol (JSON and protobuf) and KServe's V1 bodies, KServe's CloudEvents, Seldon Core
 * 2's topics, SageMaker data capture and OpenTelemetry LLM spans. Pure: no Flink. {@link
 * io.aimon.detectors.input.FormatDecoder} is the entry point; a request and its response logged as
 * two records meet through {@link io.aimon.detectors.input.HalfPairing}.
 */
package io.aimon.detectors.input;
