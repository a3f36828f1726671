package io.aimon.alerting.remediation;

import io.aimon.alerting.incident.Severity;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The versioned binary form of {@link Remediation}, for Flink checkpoints and savepoints. The first
 * byte is the layout version; {@link #decode} reads every version ever written, so a savepoint
 * taken by an older build restores in a newer one.
 *
 * <p>Version 1 (big-endian; a "string" is an int byte length, -1 for null, then that many UTF-8
 * bytes, so texts longer than 64 KiB fit; a "time" is a long epoch ms, {@link Long#MIN_VALUE} for
 * null):
 *
 * <pre>
 * byte    version = 1
 * string  incidentId, modelId, series
 * byte    severity: 1 warning, 2 critical
 * long    openedAt
 * time    resolvedAt
 * string  acknowledgedBy
 * time    acknowledgedAt
 * int     notes
 * int     actions
 * string  rootCause
 * time    appliedAt
 * byte    cleanWindows
 * byte    effectiveness: 0 none, 1 pending, 2 verified_effective, 3 ineffective
 * byte    grade: 1 major, 2 minor, 3 observation
 * byte    gradeOverride: 0 none, else as grade
 * string  gradeReason
 * time    closedAt
 * </pre>
 *
 * A state with ids and a short root cause takes about 200 bytes.
 */
public final class RemediationCodec {

  /** The version {@link #encode} writes. */
  public static final byte VERSION = 1;

  /** The most bytes one string may take (a guard against corrupt lengths): 1 MiB. */
  static final int MAX_STRING_BYTES = 1 << 20;

  private static final long NULL_TIME = Long.MIN_VALUE;

  /** Effectiveness by its byte code (the index), fixed by layout 1 whatever the enum's order. */
  private static final Effectiveness[] EFFECTIVENESS = {
    Effectiveness.NONE,
    Effectiveness.PENDING,
    Effectiveness.VERIFIED_EFFECTIVE,
    Effectiveness.INEFFECTIVE
  };

  private RemediationCodec() {}

  /** The bytes of {@code r} in the current layout ({@link #VERSION}). */
  public static byte[] encode(Remediation r) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      writeString(out, r.incidentId());
      writeString(out, r.modelId());
      writeString(out, r.series());
      out.writeByte(r.severity() == Severity.WARNING ? 1 : 2);
      out.writeLong(r.openedAt());
      writeTime(out, r.resolvedAt());
      writeString(out, r.acknowledgedBy());
      writeTime(out, r.acknowledgedAt());
      out.writeInt(r.notes());
      out.writeInt(r.actions());
      writeString(out, r.rootCause());
      writeTime(out, r.appliedAt());
      out.writeByte(r.cleanWindows());
      out.writeByte(java.util.Arrays.asList(EFFECTIVENESS).indexOf(r.effectiveness()));
      out.writeByte(gradeCode(r.grade()));
      out.writeByte(r.gradeOverride() == null ? 0 : gradeCode(r.gradeOverride()));
      writeString(out, r.gradeReason());
      writeTime(out, r.closedAt());
    } catch (IOException e) {
      throw new UncheckedIOException(e); // not thrown by a ByteArrayOutputStream
    }
    return bytes.toByteArray();
  }

  /**
   * The state encoded in {@code bytes}, of any version written so far.
   *
   * @throws IllegalArgumentException for an unknown version, truncated or trailing bytes, a bad
   *     code, or a decoded state that breaks an invariant of {@link Remediation}
   */
  public static Remediation decode(byte[] bytes) {
    if (bytes.length == 0) {
      throw new IllegalArgumentException("Remediation: expected a version byte, found no bytes");
    }
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    try {
      byte version = in.readByte();
      if (version != 1) {
        throw new IllegalArgumentException(
            "Remediation: expected encoding version 1, found " + version);
      }
      Remediation r = readV1(in);
      if (in.available() > 0) {
        throw new IllegalArgumentException(
            "Remediation: expected the end of the bytes, found " + in.available() + " more");
      }
      return r;
    } catch (EOFException e) {
      throw new IllegalArgumentException("Remediation: truncated bytes", e);
    } catch (IOException e) {
      throw new IllegalArgumentException("Remediation: unreadable bytes: " + e.getMessage(), e);
    }
  }

  private static Remediation readV1(DataInputStream in) throws IOException {
    String incidentId = readString(in);
    String modelId = readString(in);
    String series = readString(in);
    int sev = in.readUnsignedByte();
    if (sev != 1 && sev != 2) {
      throw new IllegalArgumentException("Remediation: expected severity 1 or 2, found " + sev);
    }
    long openedAt = in.readLong();
    Long resolvedAt = readTime(in);
    String acknowledgedBy = readString(in);
    Long acknowledgedAt = readTime(in);
    int notes = in.readInt();
    int actions = in.readInt();
    String rootCause = readString(in);
    Long appliedAt = readTime(in);
    int cleanWindows = in.readUnsignedByte();
    int eff = in.readUnsignedByte();
    if (eff >= EFFECTIVENESS.length) {
      throw new IllegalArgumentException(
          "Remediation: expected effectiveness 0 to 3, found " + eff);
    }
    NonconformityGrade grade = grade(in.readUnsignedByte(), false);
    NonconformityGrade gradeOverride = grade(in.readUnsignedByte(), true);
    String gradeReason = readString(in);
    Long closedAt = readTime(in);
    return new Remediation(
        incidentId,
        modelId,
        series,
        sev == 1 ? Severity.WARNING : Severity.CRITICAL,
        openedAt,
        resolvedAt,
        acknowledgedBy,
        acknowledgedAt,
        notes,
        actions,
        rootCause,
        appliedAt,
        cleanWindows,
        EFFECTIVENESS[eff],
        grade,
        gradeOverride,
        gradeReason,
        closedAt);
  }

  private static int gradeCode(NonconformityGrade g) {
    return switch (g) {
      case MAJOR -> 1;
      case MINOR -> 2;
      case OBSERVATION -> 3;
    };
  }

  private static NonconformityGrade grade(int code, boolean nullable) {
    return switch (code) {
      case 1 -> NonconformityGrade.MAJOR;
      case 2 -> NonconformityGrade.MINOR;
      case 3 -> NonconformityGrade.OBSERVATION;
      default -> {
        if (code == 0 && nullable) {
          yield null;
        }
        throw new IllegalArgumentException(
            "Remediation: expected a grade byte "
                + (nullable ? "0 to 3" : "1 to 3")
                + ", found "
                + code);
      }
    };
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    if (s == null) {
      out.writeInt(-1);
      return;
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String readString(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n == -1) {
      return null;
    }
    if (n < 0 || n > MAX_STRING_BYTES) {
      throw new IllegalArgumentException(
          "Remediation: expected a string length in [-1, " + MAX_STRING_BYTES + "], found " + n);
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  private static void writeTime(DataOutputStream out, Long t) throws IOException {
    out.writeLong(t == null ? NULL_TIME : t);
  }

  private static Long readTime(DataInputStream in) throws IOException {
    long t = in.readLong();
    return t == NULL_TIME ? null : t;
  }
}
