/**
 * Reference and window profiles: bounded summaries (counters, bins, sketches) of a model's events,
 * their builders and their versioned encodings. A profile's size depends on the number of features,
 * bins and categories, never on the number of events.
 */
package io.aimon.detectors.profile;
