/** The replay command's summary of what a finished replay wrote. */
package io.aimon.jobs.replay;
