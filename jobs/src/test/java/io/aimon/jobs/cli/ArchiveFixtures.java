package io.aimon.jobs.cli;

import io.aimon.evidence.Ed25519Keys;
import io.aimon.evidence.EvidenceRecord;
import io.aimon.evidence.HashChain;
import io.aimon.evidence.Manifest;
import io.aimon.evidence.payload.CoverageEvidence;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Small evidence archives for the {@code aimon evidence} command tests: per window of one hour from
 * {@link #T0}, a coverage record and a manifest, in {@code model=<id>/part-0.jsonl}; and seeded key
 * pairs, so key ids repeat from run to run.
 */
final class ArchiveFixtures {
  /** 2026-01-01T00:00:00Z. */
  static final long T0 = 1_767_225_600_000L;

  static final long HOUR = 3_600_000L;

  /** The signer the tests trust; key id {@link #keyId}. */
  static final KeyPair KEYS = fromSeed(1);

  /** Another signer. */
  static final KeyPair OTHER_KEYS = fromSeed(2);

  private ArchiveFixtures() {}

  static String keyId(KeyPair keys) {
    return Ed25519Keys.keyId(keys.getPublic());
  }

  /** A key pair from a seeded generator. */
  static KeyPair fromSeed(int seed) {
    try {
      SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
      random.setSeed(seed);
      KeyPairGenerator g = KeyPairGenerator.getInstance(Ed25519Keys.ALGORITHM);
      g.initialize(NamedParameterSpec.ED25519, random);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The public key of {@code keys} as a PEM file in {@code dir}. */
  static Path publicKeyFile(Path dir, KeyPair keys) throws IOException {
    Path file = dir.resolve(keyId(keys) + ".pub");
    Files.writeString(file, Ed25519Keys.publicPem(keys.getPublic()), StandardCharsets.US_ASCII);
    return file;
  }

  /**
   * Writes the archive of {@code model} into {@code dir}: {@code windows} windows, each with one
   * coverage record (none for the windows in {@code skipCoverage}, which makes coverage gaps) and a
   * manifest signed by {@code signer.apply(window)}.
   *
   * @return the file written, relative to {@code dir}
   */
  static Path archive(
      Path dir, String model, int windows, Set<Integer> skipCoverage, IntFunction<KeyPair> signer)
      throws IOException {
    List<String> lines = new ArrayList<>();
    HashChain.State s = HashChain.State.INITIAL;
    List<EvidenceRecord> pending = new ArrayList<>();
    for (int w = 0; w < windows; w++) {
      long start = T0 + w * HOUR;
      long end = start + HOUR;
      if (!skipCoverage.contains(w)) {
        EvidenceRecord r =
            HashChain.append(
                s, model, end, start, end, CoverageEvidence.of(start, end, 100, 0, 0, List.of()));
        s = HashChain.after(r);
        lines.add(r.toJson());
        pending.add(r);
      }
      if (!pending.isEmpty()) {
        lines.add(Manifest.sign(model, start, end, pending, signer.apply(w)).toJson());
        pending.clear();
      }
    }
    Path relative = Path.of("model=" + model, "part-0.jsonl");
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.write(file, lines, StandardCharsets.UTF_8);
    return relative;
  }

  /** {@link #archive} with every manifest signed by {@link #KEYS}. */
  static Path archive(Path dir, String model, int windows, Set<Integer> skipCoverage)
      throws IOException {
    return archive(dir, model, windows, skipCoverage, w -> KEYS);
  }
}
