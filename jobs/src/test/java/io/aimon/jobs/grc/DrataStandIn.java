package io.aimon.jobs.grc;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drata's public API v2 as far as {@link DrataPush} uses it, checking each request field by field
 * against the published OpenAPI definition (Drata developer portal, "Evidence" operations: {@code
 * GET /workspaces/{workspaceId}/evidence}, {@code POST .../evidence-files}, {@code POST
 * .../evidence}): bearer authorization; {@code workspaceId} a number; {@code size} in [1, 500];
 * {@code name} at most 191 characters; the file upload multipart/form-data with exactly one of
 * {@code file} / {@code base64File} and an accepted extension; the create body JSON with only the
 * schema's fields, {@code name} and {@code artifacts} required, each artifact's {@code type} one of
 * the enum and {@code filedAt} a date, {@code fileKey} required for {@code S3_FILE} and issued to
 * this account, {@code renewalScheduleType} one of the enum, {@code ownerId} a number, {@code
 * controlIds} numbers. Responses carry the documented fields.
 */
final class DrataStandIn extends PlatformServer {
  static final String BASE = "/public/v2";
  private static final Pattern EVIDENCE = Pattern.compile(BASE + "/workspaces/([^/]+)/evidence");
  private static final Pattern FILES = Pattern.compile(BASE + "/workspaces/([^/]+)/evidence-files");
  private static final Set<String> CREATE_FIELDS =
      Set.of(
          "name",
          "description",
          "implementationGuidance",
          "stepsToReproduce",
          "ownerId",
          "controlIds",
          "renewalScheduleType",
          "renewalDate",
          "artifacts");
  private static final Set<String> ARTIFACT_FIELDS =
      Set.of("type", "artifactName", "fileKey", "url", "ticketUrl", "filedAt");
  private static final Set<String> ARTIFACT_TYPES =
      Set.of(
          "URL",
          "S3_FILE",
          "TICKET_PROVIDER",
          "NONE",
          "GOOGLE_DRIVE",
          "ONE_DRIVE",
          "BOX",
          "DROPBOX",
          "SHARE_POINT",
          "TEST_RESULT");
  private static final Set<String> RENEWAL =
      Set.of("ONE_MONTH", "TWO_MONTHS", "THREE_MONTHS", "SIX_MONTHS", "ONE_YEAR", "CUSTOM", "NONE");
  private static final List<String> EXTENSIONS =
      List.of(
          ".pdf",
          ".docx",
          ".odt",
          ".doc",
          ".xlsx",
          ".ods",
          ".pptx",
          ".odp",
          ".gif",
          ".jpg",
          ".jpeg",
          ".png",
          ".json",
          ".csv",
          ".md",
          ".markdown",
          ".txt",
          ".html",
          ".log",
          ".zip",
          ".msg",
          ".mp4");

  private final String apiKey;
  private final long workspace;

  /** The uploaded files by the fileKey issued for them. */
  final Map<String, byte[]> fileKeys = new LinkedHashMap<>();

  /** Created evidence items: id, name, the create body, the uploaded file's bytes. */
  final List<Map<String, Object>> evidence = new ArrayList<>();

  DrataStandIn(String apiKey, long workspace) throws IOException {
    this.apiKey = apiKey;
    this.workspace = workspace;
  }

  @Override
  Response handle(Request r) throws IOException {
    if (!("Bearer " + apiKey).equals(r.headers().get("authorization"))) {
      return Response.json(
          401, Map.of("statusCode", 401, "message", "Invalid Authorization", "code", 0));
    }
    Matcher files = FILES.matcher(r.path());
    Matcher ev = EVIDENCE.matcher(r.path());
    if (files.matches() && r.method().equals("POST")) {
      workspace(r, files.group(1));
      return uploadFile(r);
    }
    if (ev.matches()) {
      workspace(r, ev.group(1));
      if (r.method().equals("GET")) {
        return list(r);
      }
      if (r.method().equals("POST")) {
        return create(r);
      }
    }
    return Response.json(
        404, Map.of("statusCode", 404, "message", "Not Found", "code", 0, "name", "NotFound"));
  }

  private void workspace(Request r, String id) {
    if (!id.matches("\\d+")) {
      violation(r, "workspaceId: expected a number, found '" + id + "'");
    } else if (Long.parseLong(id) != workspace) {
      violation(r, "workspaceId: not this account's workspace (" + id + ")");
    }
  }

  private Response list(Request r) {
    Set<String> allowed =
        Set.of(
            "cursor",
            "size",
            "sort",
            "sortDir",
            "expand[]",
            "name",
            "ownerIds[]",
            "frameworkIds[]",
            "evidenceStatuses[]",
            "artifactTypes[]");
    for (String q : r.query().keySet()) {
      if (!allowed.contains(q)) {
        violation(r, "query parameter '" + q + "' is not in the API");
      }
    }
    String size = r.query().get("size");
    if (size != null
        && (!size.matches("\\d+") || Integer.parseInt(size) < 1 || Integer.parseInt(size) > 500)) {
      violation(r, "size: expected a number in [1, 500], found '" + size + "'");
    }
    String name = r.query().getOrDefault("name", "");
    if (name.length() > 191) {
      violation(r, "name: longer than 191");
    }
    List<Map<String, Object>> data = new ArrayList<>();
    for (Map<String, Object> e : evidence) {
      if (((String) e.get("name")).startsWith(name)) { // the API matches name as a prefix
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", e.get("id"));
        item.put("name", e.get("name"));
        item.put("description", e.get("description"));
        item.put("implementationGuidance", null);
        item.put("createdAt", "2026-12-02T00:00:00.000Z");
        item.put("updatedAt", "2026-12-02T00:00:00.000Z");
        item.put("renewalDate", null);
        item.put("renewalScheduleType", "NONE");
        item.put("status", "READY");
        data.add(item);
      }
    }
    Map<String, Object> pagination = new LinkedHashMap<>();
    pagination.put("cursor", null);
    return Response.json(200, Map.of("data", data, "pagination", pagination));
  }

  private Response uploadFile(Request r) {
    List<MultipartForm.Part> parts = MultipartForm.parse(r.headers().get("content-type"), r.body());
    List<MultipartForm.Part> sources =
        parts.stream()
            .filter(p -> p.name().equals("file") || p.name().equals("base64File"))
            .toList();
    if (sources.size() != 1) {
      violation(r, "expected exactly one of file, base64File, found " + sources.size());
      return null;
    }
    for (MultipartForm.Part p : parts) {
      if (!p.name().equals("file") && !p.name().equals("base64File")) {
        violation(r, "field '" + p.name() + "' is not in EvidenceArtifactUploadRequestPublicV2Dto");
      }
    }
    MultipartForm.Part f = sources.get(0);
    if (f.fileName() == null || EXTENSIONS.stream().noneMatch(f.fileName()::endsWith)) {
      violation(r, "file: an extension Drata accepts is required, found " + f.fileName());
      return null;
    }
    String key = "42/evidence-library/" + fileKeys.size() + "/" + f.fileName();
    fileKeys.put(key, f.data());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("fileKey", key);
    out.put("originalFilename", f.fileName());
    out.put("mimeType", f.contentType());
    out.put("fileSize", f.data().length);
    return Response.json(201, out);
  }

  private Response create(Request r) throws IOException {
    String type = r.headers().get("content-type");
    if (type == null || !type.startsWith("application/json")) {
      violation(r, "Content-Type: expected application/json, found " + type);
      return null;
    }
    JsonNode b = JSON.readTree(r.body());
    for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!CREATE_FIELDS.contains(f)) {
        violation(r, "'" + f + "' is not in EvidenceCreateRequestPublicV2Dto");
      }
    }
    if (!b.path("name").isTextual()
        || b.path("name").asText().isEmpty()
        || b.path("name").asText().length() > 191) {
      violation(r, "name: required, a string of at most 191 characters");
    }
    if (b.has("description") && !b.get("description").isTextual()) {
      violation(r, "description: expected a string");
    }
    if (b.has("ownerId") && !b.get("ownerId").isIntegralNumber()) {
      violation(r, "ownerId: expected a number");
    }
    if (b.has("controlIds")) {
      for (JsonNode c : b.get("controlIds")) {
        if (!c.isIntegralNumber()) {
          violation(r, "controlIds: expected numbers, found " + c);
        }
      }
    }
    if (b.has("renewalScheduleType") && !RENEWAL.contains(b.get("renewalScheduleType").asText())) {
      violation(r, "renewalScheduleType: not in RenewalScheduleTypeEnum");
    }
    JsonNode artifacts = b.path("artifacts");
    if (!artifacts.isArray() || artifacts.isEmpty()) {
      violation(r, "artifacts: required, a non-empty array");
      return null;
    }
    for (JsonNode a : artifacts) {
      for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!ARTIFACT_FIELDS.contains(f)) {
          violation(r, "artifacts[]: '" + f + "' is not in EvidenceArtifactRequestPublicV2Dto");
        }
      }
      if (!ARTIFACT_TYPES.contains(a.path("type").asText())) {
        violation(
            r, "artifacts[].type: required, one of ArtifactTypeEnum, found " + a.path("type"));
      }
      if (!a.path("filedAt").asText().matches("\\d{4}-\\d{2}-\\d{2}")) {
        violation(
            r, "artifacts[].filedAt: required, a date like 2020-07-06, found " + a.path("filedAt"));
      }
      if (a.path("type").asText().equals("S3_FILE")
          && !fileKeys.containsKey(a.path("fileKey").asText())) {
        violation(r, "artifacts[].fileKey: required for S3_FILE and issued to this account");
      }
    }
    long id = 100 + evidence.size();
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("id", id);
    item.put("name", b.path("name").asText());
    item.put("description", b.path("description").asText(null));
    item.put("body", b);
    evidence.add(item);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", id);
    out.put("name", item.get("name"));
    out.put("description", item.get("description"));
    out.put("implementationGuidance", null);
    out.put("evidenceTemplateCode", null);
    out.put("renewalDate", null);
    out.put("renewalScheduleType", b.path("renewalScheduleType").asText("NONE"));
    out.put("createdAt", "2026-12-02T00:00:00.000Z");
    out.put("updatedAt", "2026-12-02T00:00:00.000Z");
    out.put("artifactsRequested", artifacts.size());
    out.put("artifactsCreated", artifacts.size());
    out.put("controls", List.of());
    out.put("linkedWorkspaces", List.of());
    out.put("artifacts", List.of());
    return Response.json(201, out);
  }
}
