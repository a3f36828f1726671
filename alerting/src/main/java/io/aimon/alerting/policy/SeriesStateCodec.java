package io.aimon.alerting.policy;

import io.aimon.alerting.incident.IncidentEvent;
import io.aimon.alerting.incident.Severity;
import io.aimon.detectors.check.CheckStatus;
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
 * The versioned binary form of {@link SeriesState}, for Flink checkpoints and savepoints. The first
 * byte is the layout version; {@link #decode} reads every version ever written, so a savepoint
 * taken by an older build restores in a newer one.
 *
 * <p>Version 1 (big-endian, strings as {@link DataOutputStream#writeUTF} modified UTF-8):
 *
 * <pre>
 * byte    version = 1
 * long    lastWindowStart (Long.MIN_VALUE: none)
 * byte    okRun
 * byte    recent count r (&lt;= 100), then r bytes: 0 ok, 1 warning, 2 critical (oldest first)
 * byte    breach id count b, then b UTF strings
 * long    cooldownUntil (Long.MIN_VALUE: none)
 * byte    0: no incident, 1: an incident follows
 *   UTF   incidentId
 *   UTF   dedupKey
 *   byte  severity: 1 warning, 2 critical
 *   long  firstWindowStart
 *   long  lastWindowEnd
 *   int   breachCount
 *   byte  check id count c (1..20), then c UTF strings
 * </pre>
 *
 * A state of 3 recent windows and an open incident takes about 200 bytes.
 */
public final class SeriesStateCodec {

  /** The version {@link #encode} writes. */
  public static final byte VERSION = 1;

  private SeriesStateCodec() {}

  /** The bytes of {@code state} in the current layout ({@link #VERSION}). */
  public static byte[] encode(SeriesState state) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeLong(state.lastWindowStart());
      out.writeByte(state.okRun());
      out.writeByte(state.recent().size());
      for (CheckStatus s : state.recent()) {
        out.writeByte(statusCode(s));
      }
      writeStrings(out, state.recentBreachIds());
      out.writeLong(state.cooldownUntil());
      OpenIncident i = state.incident();
      out.writeByte(i == null ? 0 : 1);
      if (i != null) {
        out.writeUTF(i.incidentId());
        out.writeUTF(i.dedupKey());
        out.writeByte(i.severity() == Severity.WARNING ? 1 : 2);
        out.writeLong(i.firstWindowStart());
        out.writeLong(i.lastWindowEnd());
        out.writeInt(i.breachCount());
        writeStrings(out, i.checkIds());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // not thrown by a ByteArrayOutputStream
    }
    return bytes.toByteArray();
  }

  /**
   * The state encoded in {@code bytes}, of any version written so far.
   *
   * @throws IllegalArgumentException for an unknown version, truncated or trailing bytes, or a
   *     decoded state that breaks an invariant of {@link SeriesState}
   */
  public static SeriesState decode(byte[] bytes) {
    if (bytes.length == 0) {
      throw new IllegalArgumentException("SeriesState: expected a version byte, found no bytes");
    }
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    try {
      byte version = in.readByte();
      if (version != 1) {
        throw new IllegalArgumentException(
            "SeriesState: expected encoding version 1, found " + version);
      }
      SeriesState state = readV1(in);
      if (in.available() > 0) {
        throw new IllegalArgumentException(
            "SeriesState: expected the end of the bytes, found " + in.available() + " more");
      }
      return state;
    } catch (EOFException e) {
      throw new IllegalArgumentException("SeriesState: truncated bytes", e);
    } catch (IOException e) {
      throw new IllegalArgumentException("SeriesState: unreadable bytes: " + e.getMessage(), e);
    }
  }

  private static SeriesState readV1(DataInputStream in) throws IOException {
    long lastWindowStart = in.readLong();
    int okRun = in.readUnsignedByte();
    int r = in.readUnsignedByte();
    List<CheckStatus> recent = new ArrayList<>(r);
    for (int k = 0; k < r; k++) {
      recent.add(status(in.readUnsignedByte()));
    }
    List<String> breachIds = readStrings(in);
    long cooldownUntil = in.readLong();
    int hasIncident = in.readUnsignedByte();
    OpenIncident incident = null;
    if (hasIncident == 1) {
      String incidentId = in.readUTF();
      String dedupKey = in.readUTF();
      int severity = in.readUnsignedByte();
      if (severity != 1 && severity != 2) {
        throw new IllegalArgumentException(
            "SeriesState: expected severity 1 or 2, found " + severity);
      }
      long first = in.readLong();
      long last = in.readLong();
      int breachCount = in.readInt();
      List<String> ids = readStrings(in);
      incident =
          new OpenIncident(
              incidentId,
              dedupKey,
              severity == 1 ? Severity.WARNING : Severity.CRITICAL,
              first,
              last,
              ids,
              breachCount);
    } else if (hasIncident != 0) {
      throw new IllegalArgumentException(
          "SeriesState: expected incident flag 0 or 1, found " + hasIncident);
    }
    return new SeriesState(recent, breachIds, lastWindowStart, okRun, incident, cooldownUntil);
  }

  private static void writeStrings(DataOutputStream out, List<String> list) throws IOException {
    out.writeByte(list.size());
    for (String s : list) {
      out.writeUTF(s);
    }
  }

  private static List<String> readStrings(DataInputStream in) throws IOException {
    int n = in.readUnsignedByte();
    if (n > Math.max(AlertPolicy.MAX_WINDOWS, IncidentEvent.MAX_CHECK_IDS)) {
      throw new IllegalArgumentException("SeriesState: too many strings: " + n);
    }
    List<String> out = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      out.add(in.readUTF());
    }
    return out;
  }

  private static int statusCode(CheckStatus s) {
    return switch (s) {
      case OK -> 0;
      case WARNING -> 1;
      case CRITICAL -> 2;
      default -> throw new IllegalArgumentException("unexpected status " + s);
    };
  }

  private static CheckStatus status(int code) {
    return switch (code) {
      case 0 -> CheckStatus.OK;
      case 1 -> CheckStatus.WARNING;
      case 2 -> CheckStatus.CRITICAL;
      default ->
          throw new IllegalArgumentException(
              "SeriesState: expected a status byte 0, 1 or 2, found " + code);
    };
  }
}
