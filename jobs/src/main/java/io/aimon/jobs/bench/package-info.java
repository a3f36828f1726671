/**
 * The bench command's workload: a generated model and its events replayed through the production
 * monitor graph, timed in events per second, events per CPU-second and peak heap.
 */
package io.aimon.jobs.bench;
