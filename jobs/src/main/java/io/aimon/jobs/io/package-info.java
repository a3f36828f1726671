/** File sources and sinks of JSON Lines, the replay's input and outputs. */
package io.aimon.jobs.io;
