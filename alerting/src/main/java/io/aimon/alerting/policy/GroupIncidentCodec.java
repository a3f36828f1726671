package io.aimon.alerting.policy;

import io.aimon.alerting.incident.IncidentEvent;
import io.aimon.alerting.incident.IncidentMember;
import io.aimon.alerting.incident.SeriesKey;
import io.aimon.alerting.incident.Severity;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The versioned binary form of {@link GroupIncident}, for Flink checkpoints and savepoints. The
 * first byte is the layout version; {@link #decode} reads every version ever written.
 *
 * <p>Version 1 (big-endian, strings as {@link DataOutputStream#writeUTF} modified UTF-8, a nullable
 * double as a byte 0/1 and the double):
 *
 * <pre>
 * byte    version = 1
 * UTF     incidentId, dedupKey, groupKey
 * byte    severity: 1 warning, 2 critical
 * long    firstWindowStart, lastWindowEnd
 * int     breachCount
 * UTF     lead ({@link SeriesKey#asString()})
 * int     member count m, then per member:
 *   UTF     series ({@link SeriesKey#asString()})
 *   byte    severity; UTF status; byte open (0/1)
 *   double? value, pValue, threshold
 *   long    n, windowStart, windowEnd
 *   UTF     checkId
 * byte    check id count c (1..20), then c UTF strings
 * </pre>
 *
 * A feature group of three drift members takes about 500 bytes.
 */
public final class GroupIncidentCodec {

  /** The version {@link #encode} writes. */
  public static final byte VERSION = 1;

  /** The most members a decoded incident may hold: a guard against corrupt bytes. */
  static final int MAX_MEMBERS = 1 << 20;

  private GroupIncidentCodec() {}

  /** The bytes of {@code g} in the current layout ({@link #VERSION}). */
  public static byte[] encode(GroupIncident g) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeUTF(g.incidentId());
      out.writeUTF(g.dedupKey());
      out.writeUTF(g.groupKey());
      out.writeByte(severityCode(g.severity()));
      out.writeLong(g.firstWindowStart());
      out.writeLong(g.lastWindowEnd());
      out.writeInt(g.breachCount());
      out.writeUTF(g.lead().asString());
      out.writeInt(g.members().size());
      for (IncidentMember m : g.members()) {
        out.writeUTF(m.series().asString());
        out.writeByte(severityCode(m.severity()));
        out.writeUTF(m.status());
        out.writeBoolean(m.open());
        writeDouble(out, m.value());
        writeDouble(out, m.pValue());
        writeDouble(out, m.threshold());
        out.writeLong(m.n());
        out.writeLong(m.windowStart());
        out.writeLong(m.windowEnd());
        out.writeUTF(m.checkId());
      }
      out.writeByte(g.checkIds().size());
      for (String id : g.checkIds()) {
        out.writeUTF(id);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // not thrown by a ByteArrayOutputStream
    }
    return bytes.toByteArray();
  }

  /**
   * The grouped incident encoded in {@code bytes}, of any version written so far.
   *
   * @throws IllegalArgumentException for an unknown version, truncated or trailing bytes, or a
   *     decoded incident that breaks an invariant of {@link GroupIncident}
   */
  public static GroupIncident decode(byte[] bytes) {
    if (bytes.length == 0) {
      throw new IllegalArgumentException("GroupIncident: expected a version byte, found no bytes");
    }
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    try {
      byte version = in.readByte();
      if (version != 1) {
        throw new IllegalArgumentException(
            "GroupIncident: expected encoding version 1, found " + version);
      }
      GroupIncident g = readV1(in);
      if (in.available() > 0) {
        throw new IllegalArgumentException(
            "GroupIncident: expected the end of the bytes, found " + in.available() + " more");
      }
      return g;
    } catch (EOFException e) {
      throw new IllegalArgumentException("GroupIncident: truncated bytes", e);
    } catch (IOException e) {
      throw new IllegalArgumentException("GroupIncident: unreadable bytes: " + e.getMessage(), e);
    }
  }

  private static GroupIncident readV1(DataInputStream in) throws IOException {
    String incidentId = in.readUTF();
    String dedupKey = in.readUTF();
    String groupKey = in.readUTF();
    Severity severity = severity(in.readUnsignedByte());
    long first = in.readLong();
    long last = in.readLong();
    int breachCount = in.readInt();
    SeriesKey lead = SeriesKey.parse(in.readUTF());
    int m = in.readInt();
    if (m < 0 || m > MAX_MEMBERS) {
      throw new IllegalArgumentException("GroupIncident: bad member count " + m);
    }
    List<IncidentMember> members = new ArrayList<>(Math.min(m, 1024));
    for (int k = 0; k < m; k++) {
      SeriesKey series = SeriesKey.parse(in.readUTF());
      Severity s = severity(in.readUnsignedByte());
      String status = in.readUTF();
      boolean open = in.readBoolean();
      Double value = readDouble(in);
      Double pValue = readDouble(in);
      Double threshold = readDouble(in);
      long n = in.readLong();
      long windowStart = in.readLong();
      long windowEnd = in.readLong();
      String checkId = in.readUTF();
      members.add(
          new IncidentMember(
              series,
              s,
              status,
              open,
              value,
              pValue,
              threshold,
              n,
              windowStart,
              windowEnd,
              checkId));
    }
    int c = in.readUnsignedByte();
    if (c > IncidentEvent.MAX_CHECK_IDS) {
      throw new IllegalArgumentException("GroupIncident: too many check ids: " + c);
    }
    List<String> ids = new ArrayList<>(c);
    for (int k = 0; k < c; k++) {
      ids.add(in.readUTF());
    }
    return new GroupIncident(
        incidentId, dedupKey, groupKey, severity, first, last, breachCount, lead, members, ids);
  }

  private static void writeDouble(DataOutputStream out, Double v) throws IOException {
    out.writeBoolean(v != null);
    if (v != null) {
      out.writeDouble(v);
    }
  }

  private static Double readDouble(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readDouble() : null;
  }

  private static int severityCode(Severity s) {
    return s == Severity.WARNING ? 1 : 2;
  }

  private static Severity severity(int code) {
    return switch (code) {
      case 1 -> Severity.WARNING;
      case 2 -> Severity.CRITICAL;
      default ->
          throw new IllegalArgumentException(
              "GroupIncident: expected severity 1 or 2, found " + code);
    };
  }
}
