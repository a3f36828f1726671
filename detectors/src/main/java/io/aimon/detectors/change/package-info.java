/**
 * Online change detection: detectors that look at a per-event series (a score, a feature, the
 * per-event error once labels join) one value at a time and flag an abrupt change within events,
 * before the window holding it closes. {@link io.aimon.detectors.change.PageHinkley} watches for a
 * shift of the mean; {@link io.aimon.detectors.change.Adwin} keeps an adaptive window in
 * exponential buckets and cuts it where its two parts' means differ. Both keep a few numbers, never
 * the values.
 */
package io.aimon.detectors.change;
