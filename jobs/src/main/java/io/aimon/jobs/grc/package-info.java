/**
 * {@code aimon evidence push}: a period's audit bundle and per-control evidence delivered to a GRC
 * platform through its documented API (Drata public API v2, Vanta REST API v1), idempotently by
 * period and model, with retries.
 */
package io.aimon.jobs.grc;
