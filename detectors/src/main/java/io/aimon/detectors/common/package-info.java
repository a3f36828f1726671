/** Value types shared by the detector families. */
package io.aimon.detectors.common;
