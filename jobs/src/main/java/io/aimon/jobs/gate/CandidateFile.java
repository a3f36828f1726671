package io.aimon.jobs.gate;

import io.aimon.detectors.event.Decoded;
import io.aimon.detectors.event.EventDecoder;
import io.aimon.detectors.event.InferenceEvent;
import io.aimon.detectors.event.JsonLinesReader;
import io.aimon.detectors.event.RawRecord;
import io.aimon.detectors.gate.CandidateGate;
import io.aimon.detectors.gate.GateOutcome;
import io.aimon.detectors.model.ModelSpec;
import io.aimon.detectors.profile.ReferenceProfile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A candidate version's evaluation file ({@code .jsonl} or {@code .jsonl.gz}) judged by a {@link
 * CandidateGate}: decoded record by record as the reference is (any timestamp), and named by the
 * SHA-256 of its bytes.
 */
public final class CandidateFile {
  /** Rejected records described in {@link Judged#firstRejects()}; the rest are counted. */
  public static final int MAX_REJECTS_SHOWN = 5;

  private CandidateFile() {}

  /**
   * What the gate made of the file.
   *
   * @param outcome the verdict and checks
   * @param sha256 SHA-256 of the file's bytes, lower-case hex
   * @param firstRejects the first {@link #MAX_REJECTS_SHOWN} rejected records, {@code file:line:
   *     reason: detail}
   */
  public record Judged(GateOutcome outcome, String sha256, List<String> firstRejects) {
    public Judged {
      firstRejects = List.copyOf(firstRejects);
    }
  }

  /**
   * Judges every record of {@code file}.
   *
   * @throws IOException when it cannot be read (a truncated gzip stream too)
   */
  public static Judged judge(
      ModelSpec spec, ReferenceProfile reference, Path file, int maxRecordBytes)
      throws IOException {
    EventDecoder decoder = new EventDecoder(Map.of(spec.id(), spec), maxRecordBytes);
    CandidateGate gate = new CandidateGate(spec, reference);
    List<String> rejects = new ArrayList<>();
    MessageDigest sha = sha256();
    try (InputStream raw = Files.newInputStream(file);
        DigestInputStream digested = new DigestInputStream(raw, sha);
        JsonLinesReader reader =
            new JsonLinesReader(
                JsonLinesReader.decompressIfGzip(digested, file.toString()),
                file.getFileName().toString(),
                maxRecordBytes)) {
      RawRecord r;
      while ((r = reader.next()) != null) {
        Decoded<InferenceEvent> d = decoder.decodeInference(r);
        if (d.isOk()) {
          gate.add(d.event());
        } else {
          gate.reject(d.deadLetter());
          if (rejects.size() < MAX_REJECTS_SHOWN) {
            rejects.add(
                d.deadLetter().source()
                    + ":"
                    + d.deadLetter().position()
                    + ": "
                    + d.deadLetter().reason()
                    + ": "
                    + d.deadLetter().detail());
          }
        }
      }
      digested.transferTo(OutputStream.nullOutputStream()); // the digest covers the whole file
    }
    return new Judged(gate.outcome(), HexFormat.of().formatHex(sha.digest()), rejects);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
