/**
 * The pre-deployment gate's file side: a candidate's evaluation file read into the pure {@link
 * io.aimon.detectors.gate.CandidateGate}, for {@code aimon gate} and the demo.
 */
package io.aimon.jobs.gate;
