package io.aimon.jobs.cli;

import io.aimon.evidence.ArchiveVerifier;
import io.aimon.evidence.Ed25519Keys;
import io.aimon.jobs.evidence.EvidenceKeys;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aimon evidence}: keys for signing evidence, and verifying an evidence archive. */
@Command(
    name = "evidence",
    mixinStandardHelpOptions = true,
    description = {
      "Sign and verify monitoring evidence (ISO/IEC 42001 9.1, 10.2).",
      "",
      "The monitor job writes every check result, window coverage and incident",
      "event as a hash-chained record per model and a signed manifest per closed",
      "window. `keygen` makes the signing key, `verify` checks an archive."
    },
    subcommands = {EvidenceCommand.Keygen.class, EvidenceCommand.Verify.class})
final class EvidenceCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }

  /** {@code aimon evidence keygen}. */
  @Command(
      name = "keygen",
      mixinStandardHelpOptions = true,
      description = {
        "Write an Ed25519 key pair for signing evidence manifests.",
        "",
        "Writes DIR/aimon-evidence.key (the private key followed by the public key,",
        "PEM; readable by its owner only: point evidence.signing_key at it with",
        "file:PATH) and DIR/aimon-evidence.pub (the public key, PEM: give it to",
        "auditors for `aimon evidence verify --public-key`). Refuses to overwrite."
      })
  static final class Keygen implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--out",
        required = true,
        paramLabel = "DIR",
        description = "Directory to write the key files to (created if missing).")
    Path out;

    @Override
    public Integer call() throws Exception {
      PrintWriter err = spec.commandLine().getErr();
      Path key = out.resolve(EvidenceKeys.KEY_FILE);
      Path pub = out.resolve(EvidenceKeys.PUBLIC_KEY_FILE);
      for (Path p : new Path[] {key, pub}) {
        if (Files.exists(p)) {
          err.println("aimon: " + p + ": already exists; not overwriting a key");
          return 1;
        }
      }
      Files.createDirectories(out);
      KeyPair keys = Ed25519Keys.generate();
      EvidenceKeys.write(keys, key, pub);
      spec.commandLine()
          .getOut()
          .printf(
              "wrote %s (private: keep it secret) and %s (public), key id %s%n",
              key, pub, Ed25519Keys.keyId(keys.getPublic()));
      return 0;
    }
  }

  /** {@code aimon evidence verify}. */
  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Verify an evidence archive: hash chains, manifests, signatures, coverage.",
        "",
        "Reads every .jsonl file under DIR, checks each model's hash chain (modified,",
        "deleted, inserted or reordered records), the manifests and their signatures",
        "(against --public-key when given) and the windows covered, and reports each",
        "problem with its file and line. Exit 0 only when everything holds."
      })
  static final class Verify implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "The evidence archive directory.")
    Path dir;

    @Option(
        names = "--public-key",
        paramLabel = "FILE",
        description = "The public key (PEM) the manifests must be signed with.")
    Path publicKey;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (!Files.isDirectory(dir)) {
        err.println("aimon: " + dir + ": not a directory");
        return 2;
      }
      PublicKey trusted = publicKey == null ? null : Ed25519Keys.readPublic(publicKey);
      ArchiveVerifier.Report report = ArchiveVerifier.verify(dir, trusted);
      report
          .models()
          .forEach(
              (model, s) ->
                  out.printf(
                      "model %s: %d records (seq %d..%d), %d manifests, %d windows covered, head %s%n",
                      model,
                      s.records(),
                      s.firstSeq(),
                      s.lastSeq(),
                      s.manifests(),
                      s.windowsCovered(),
                      s.head()));
      for (ArchiveVerifier.Problem p : report.problems()) {
        out.println(p.kind() + " " + p.message());
      }
      if (report.ok()) {
        out.println(
            "evidence verified: "
                + report.models().size()
                + " models, every chain, manifest"
                + (trusted != null ? " and signature (key " + Ed25519Keys.keyId(trusted) + ")" : "")
                + " holds");
        return 0;
      }
      out.println("evidence NOT verified: " + report.problems().size() + " problems");
      return 1;
    }
  }
}
