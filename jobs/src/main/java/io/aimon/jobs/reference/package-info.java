/** Reference profiles: built from reference events, or read from a profile file. */
package io.aimon.jobs.reference;
