/**
 * Operators' corrective actions on incidents ({@code aimon incident}, ISO/IEC 42001 clause 10.2):
 * finding an incident's latest event in an incidents file or topic, and recording an action to an
 * actions file or topic.
 */
package io.aimon.jobs.incident;
