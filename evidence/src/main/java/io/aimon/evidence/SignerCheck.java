package io.aimon.evidence;

import io.aimon.evidence.ArchiveReader.ManifestLine;
import io.aimon.evidence.ArchiveVerifier.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The check of {@link ArchiveVerifier} that an archive has one signer, for a verification without a
 * trusted key. Each manifest then proves only that it is intact under the key it embeds, so a
 * second key means someone else signed manifests, and nothing tells which key is genuine: that is a
 * {@link Kind#MULTIPLE_SIGNERS} finding. With a trusted key this check is not run: every manifest
 * of another key is already a {@link Kind#BAD_SIGNATURE}.
 *
 * <p>Keys are taken in the order of their first manifest in the archive (file and line order); the
 * finding sits at the first manifest of the second key and names every key with its count of
 * manifests and its first one. Manifests whose signature does not verify are not counted: their key
 * id proves nothing.
 */
final class SignerCheck {
  private SignerCheck() {}

  /**
   * Adds one {@link Kind#MULTIPLE_SIGNERS} finding to {@code out} when {@code signed} names more
   * than one key.
   *
   * @param signed manifests whose signature verifies against the key they embed, of every model
   */
  static void check(List<ManifestLine> signed, ArchiveReader archive, List<Finding> out) {
    List<ManifestLine> inOrder = new ArrayList<>(signed);
    inOrder.sort(Comparator.comparing(ManifestLine::pos));
    Map<String, List<ManifestLine>> byKey = new LinkedHashMap<>();
    for (ManifestLine ml : inOrder) {
      byKey.computeIfAbsent(ml.manifest().keyId(), k -> new ArrayList<>()).add(ml);
    }
    if (byKey.size() < 2) {
      return;
    }
    ManifestLine second = byKey.values().stream().skip(1).findFirst().orElseThrow().get(0);
    StringBuilder what =
        new StringBuilder("manifests signed with ").append(byKey.size()).append(" keys: ");
    int k = 0;
    for (Map.Entry<String, List<ManifestLine>> e : byKey.entrySet()) {
      ManifestLine first = e.getValue().get(0);
      what.append(k++ == 0 ? "" : ", ")
          .append("key ")
          .append(e.getKey())
          .append(" (")
          .append(e.getValue().size())
          .append(e.getValue().size() == 1 ? " manifest" : " manifests")
          .append(
              first == second ? ", the first here" : ", the first at " + archive.where(first.pos()))
          .append(')');
    }
    what.append(
        "; an archive has one signer, and without a trusted key nothing tells which key is"
            + " genuine");
    out.add(
        new Finding(
            Kind.MULTIPLE_SIGNERS,
            second.manifest().modelId(),
            null,
            second.pos(),
            what.toString()));
  }
}
