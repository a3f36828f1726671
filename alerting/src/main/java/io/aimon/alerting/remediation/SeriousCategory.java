package io.aimon.alerting.remediation;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What makes an incident serious in the sense of the EU AI Act (Regulation (EU) 2024/1689, Art. 3
 * point 49), which decides how soon it must be reported to the market surveillance authority (Art.
 * 73). {@link #code()} is stable (action JSON, evidence, config keys).
 */
public enum SeriousCategory {
  /** The death of a person: report within 10 days (Art. 73(4)). */
  DEATH("death", Duration.ofDays(10)),
  /** A serious and irreversible disruption of critical infrastructure: 2 days (Art. 73(3)). */
  CRITICAL_INFRASTRUCTURE("critical_infrastructure", Duration.ofDays(2)),
  /** A widespread infringement of fundamental rights obligations: 2 days (Art. 73(3)). */
  WIDESPREAD_INFRINGEMENT("widespread_infringement", Duration.ofDays(2)),
  /** Any other serious incident (serious harm to health, property or the environment): 15 days. */
  OTHER("other", Duration.ofDays(15));

  private final String code;
  private final Duration article73;

  SeriousCategory(String code, Duration article73) {
    this.code = code;
    this.article73 = article73;
  }

  public String code() {
    return code;
  }

  /** The latest reporting deadline Art. 73 allows after awareness of the incident. */
  public Duration article73Deadline() {
    return article73;
  }

  /** Every category's Art. 73 deadline. */
  public static Map<SeriousCategory, Duration> article73Deadlines() {
    Map<SeriousCategory, Duration> out = new EnumMap<>(SeriousCategory.class);
    for (SeriousCategory c : values()) {
      out.put(c, c.article73);
    }
    return out;
  }

  /**
   * The category with this code.
   *
   * @throws IllegalArgumentException naming the codes allowed and the one found
   */
  public static SeriousCategory ofCode(String code) {
    for (SeriousCategory c : values()) {
      if (c.code.equals(code)) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "category: expected one of "
            + Arrays.stream(values()).map(SeriousCategory::code).collect(Collectors.joining(", "))
            + ", found '"
            + code
            + "'");
  }
}
