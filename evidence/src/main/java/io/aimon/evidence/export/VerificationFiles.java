package io.aimon.evidence.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aimon.evidence.ArchiveVerifier;
import io.aimon.evidence.ArchiveVerifier.ModelSummary;
import io.aimon.evidence.ArchiveVerifier.Problem;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code verification.txt} and {@code verification.json}: what {@link ArchiveVerifier#verify} found
 * in the whole archive when it was exported (every problem, every model, the signing key ids), so
 * an auditor sees whether the archive held at that time.
 *
 * <p>JSON layout:
 *
 * <pre>{@code
 * {"verified": true, "summary": "2 models, 53 records, 16 manifests: intact",
 *  "trusted_key_id": "ab7162d5a4d5b903" | null, "key_ids": ["ab7162d5a4d5b903"],
 *  "models": {"churn": {"records": 25, "manifests": 8, "first_seq": 1, "last_seq": 25,
 *             "head": "<64 hex>", "windows_covered": 8, "key_ids": [...]}, ...},
 *  "problems": [{"kind": "MODIFIED", "model_id": "...", "seq": 5, "file": "...", "line": 5,
 *                "message": "..."}],
 *  "coverage_gaps": [{"kind": "COVERAGE_GAP", ...as problems}]}
 * }</pre>
 *
 * <p>{@code verified} is {@link ArchiveVerifier.Report#intact()}: {@code problems} holds the
 * integrity problems only, {@code coverage_gaps} the windows between covered ones that the job did
 * not evaluate, which are not integrity problems.
 */
final class VerificationFiles {
  private VerificationFiles() {}

  /** The plain-text form. */
  static void writeText(AuditData data, Writer w) throws IOException {
    ArchiveVerifier.Report report = data.verification();
    w.write("aimon evidence archive verification, at export\n\n");
    w.write(
        "result: " + (report.intact() ? "VERIFIED: " : "NOT VERIFIED: ") + report.summary() + "\n");
    if (data.trustedKeyId() != null) {
      w.write(
          "trusted key: key id "
              + data.trustedKeyId()
              + " (every manifest must be signed with it)\n");
    } else {
      w.write(
          "trusted key: none given; each manifest was checked against the key it embeds, which"
              + " proves the archive intact but not who signed it\n");
    }
    w.write("key ids in manifests: " + String.join(", ", allKeyIds(data)) + "\n\n");
    for (Map.Entry<String, ModelSummary> e : report.models().entrySet()) {
      ModelSummary m = e.getValue();
      Set<String> keys = data.keyIds().getOrDefault(e.getKey(), Set.of());
      w.write(
          "model "
              + e.getKey()
              + ": "
              + Fmt.plural(m.records(), "record")
              + (m.records() > 0 ? " (seq " + m.firstSeq() + ".." + m.lastSeq() + ")" : "")
              + ", "
              + Fmt.plural(m.manifests(), "manifest")
              + ", "
              + Fmt.plural(m.windowsCovered(), "window")
              + " covered, head "
              + m.head()
              + (keys.isEmpty() ? "" : ", key ids " + String.join(", ", keys))
              + "\n");
    }
    w.write("\nproblems: " + report.integrityProblems().size() + "\n");
    for (Problem p : report.integrityProblems()) {
      w.write("  " + p.kind() + " " + oneLine(p.message()) + "\n");
    }
    w.write(
        "\ncoverage gaps (windows not evaluated, not integrity problems): "
            + report.coverageGaps().size()
            + "\n");
    for (Problem p : report.coverageGaps()) {
      w.write("  " + p.kind() + " " + oneLine(p.message()) + "\n");
    }
  }

  /** The JSON form (see the class comment). */
  static ObjectNode json(AuditData data) {
    ArchiveVerifier.Report report = data.verification();
    ObjectNode o = JsonOutput.object();
    o.put("verified", report.intact());
    o.put("summary", report.summary());
    if (data.trustedKeyId() == null) {
      o.putNull("trusted_key_id");
    } else {
      o.put("trusted_key_id", data.trustedKeyId());
    }
    ArrayNode keys = o.putArray("key_ids");
    allKeyIds(data).forEach(keys::add);
    ObjectNode models = o.putObject("models");
    for (Map.Entry<String, ModelSummary> e : report.models().entrySet()) {
      ModelSummary m = e.getValue();
      ObjectNode mo = models.putObject(e.getKey());
      mo.put("records", m.records());
      mo.put("manifests", m.manifests());
      mo.put("first_seq", m.firstSeq());
      mo.put("last_seq", m.lastSeq());
      mo.put("head", m.head());
      mo.put("windows_covered", m.windowsCovered());
      ArrayNode mk = mo.putArray("key_ids");
      data.keyIds().getOrDefault(e.getKey(), Set.of()).forEach(mk::add);
    }
    problems(o.putArray("problems"), report.integrityProblems());
    problems(o.putArray("coverage_gaps"), report.coverageGaps());
    return o;
  }

  private static void problems(ArrayNode out, List<Problem> problems) {
    for (Problem p : problems) {
      ObjectNode po = out.addObject();
      po.put("kind", p.kind().name());
      putOrNull(po, "model_id", p.modelId());
      if (p.seq() == null) {
        po.putNull("seq");
      } else {
        po.put("seq", p.seq());
      }
      putOrNull(po, "file", p.file());
      if (p.line() == null) {
        po.putNull("line");
      } else {
        po.put("line", p.line());
      }
      po.put("message", p.message());
    }
  }

  /** Every key id of a manifest in the archive, sorted. */
  static Set<String> allKeyIds(AuditData data) {
    Set<String> all = new TreeSet<>();
    data.keyIds().values().forEach(all::addAll);
    return all;
  }

  private static void putOrNull(ObjectNode o, String field, String value) {
    if (value == null) {
      o.putNull(field);
    } else {
      o.put(field, value);
    }
  }

  private static String oneLine(String s) {
    return s.replace('\r', ' ').replace('\n', ' ');
  }
}
