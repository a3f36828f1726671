package io.aimon.detectors.check;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.detectors.common.BoundedText;
import io.aimon.detectors.fairness.FairnessAccumulator;
import io.aimon.detectors.profile.CategoricalProfile;
import io.aimon.detectors.profile.WindowAccumulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** docs/metrics.md states the bounds the code applies and every reason code a result can carry. */
class BoundsDocumentedTest {
  private static final Path DOC = Path.of("..", "docs", "metrics.md");

  private static String bounds() throws Exception {
    String doc = Files.readString(DOC);
    return doc.substring(doc.indexOf("## Bounds on what a window keeps"));
  }

  private static String n(int v) {
    return NumberFormat.getIntegerInstance(Locale.US).format(v);
  }

  @Test
  void theBoundsTableGivesTheCodesNumbers() throws Exception {
    String b = bounds();
    assertTrue(b.contains("| " + n(CategoricalProfile.MAX_CATEGORIES) + " per window |"), b);
    assertTrue(b.contains("| " + n(FairnessAccumulator.DEFAULT_MAX_GROUPS) + " per window |"));
    assertTrue(b.contains("| " + WindowAccumulator.MAX_VERSIONS + " per window |"));
    assertTrue(b.contains("at most " + BoundedText.MAX_BYTES + " UTF-8 bytes"));
    assertTrue(b.contains("at most " + BoundedText.PREFIX_BYTES + " bytes"));
    assertTrue(b.contains("first " + BoundedText.DIGEST_HEX_DIGITS + " hex digits"));
    assertTrue(b.contains("`" + BoundedText.MARK + "`"));
  }

  @Test
  void everyReasonCodeIsDefined() throws Exception {
    String doc = Files.readString(DOC);
    for (InsufficientReason reason : InsufficientReason.values()) {
      assertTrue(doc.contains("`" + reason.code() + "`"), reason.code());
    }
  }
}
