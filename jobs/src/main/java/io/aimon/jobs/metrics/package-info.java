/** The local jobs' Prometheus endpoint, bound where the command line says (loopback by default). */
package io.aimon.jobs.metrics;
