/**
 * The {@code aimon} command line (picocli): one command class per verb, each parsing its options,
 * loading the config and calling a job or service, returning the exit code (0 success, 1 failure, 2
 * invalid usage or config).
 */
package io.aimon.jobs.cli;
