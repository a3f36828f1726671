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
 * Vanta's REST API v1 as far as {@link VantaPush} uses it, checking each request against Vanta's
 * developer documentation: {@code POST /oauth/token} with a JSON body of {@code client_id}, {@code
 * client_secret}, {@code scope} (the upload guide's scopes) and {@code grant_type} {@code
 * client_credentials}, answering {@code access_token}; {@code GET
 * /v1/documents/{documentId}/uploads} with a bearer token, {@code pageSize} in [1, 100] and {@code
 * pageCursor}, answering {@code results.data} and {@code results.pageInfo}; {@code POST
 * /v1/documents/{documentId}/uploads} multipart/form-data with the required {@code file} and the
 * optional {@code effectiveAtDate} and {@code description}, answering 201 with the uploaded file's
 * fields. Unknown documents are 404. Lists come two files a page, to exercise the cursor.
 */
final class VantaStandIn extends PlatformServer {
  private static final Pattern UPLOADS = Pattern.compile("/v1/documents/([^/]+)/uploads");
  private static final Set<String> SCOPES =
      Set.of("vanta-api.all:read", "vanta-api.all:write", "vanta-api.documents:upload");
  private static final int PAGE = 2;

  private final String clientId;
  private final String clientSecret;
  private final String token = "vanta-token-7f3a";

  /** Uploaded files per document: id, fileName, effectiveAtDate, description, bytes. */
  final Map<String, List<Map<String, Object>>> documents = new LinkedHashMap<>();

  VantaStandIn(String clientId, String clientSecret, Set<String> documentIds) throws IOException {
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    documentIds.forEach(d -> documents.put(d, new ArrayList<>()));
  }

  @Override
  Response handle(Request r) throws IOException {
    if (r.path().equals("/oauth/token") && r.method().equals("POST")) {
      return token(r);
    }
    if (!("Bearer " + token).equals(r.headers().get("authorization"))) {
      return Response.json(401, Map.of("message", "unauthorized"));
    }
    Matcher m = UPLOADS.matcher(r.path());
    if (!m.matches() || !documents.containsKey(m.group(1))) {
      return Response.json(404, Map.of("message", "document not found"));
    }
    List<Map<String, Object>> files = documents.get(m.group(1));
    if (r.method().equals("GET")) {
      return list(r, files);
    }
    if (r.method().equals("POST")) {
      return upload(r, files);
    }
    return Response.json(404, Map.of("message", "not found"));
  }

  private Response token(Request r) throws IOException {
    String type = r.headers().get("content-type");
    if (type == null || !type.startsWith("application/json")) {
      violation(r, "Content-Type: expected application/json, found " + type);
      return null;
    }
    JsonNode b = JSON.readTree(r.body());
    for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!Set.of("client_id", "client_secret", "scope", "grant_type").contains(f)) {
        violation(r, "'" + f + "' is not a token request field");
      }
    }
    if (!"client_credentials".equals(b.path("grant_type").asText())) {
      violation(r, "grant_type: expected client_credentials");
    }
    Set<String> scopes = Set.of(b.path("scope").asText().split(" "));
    if (!scopes.containsAll(SCOPES)) {
      violation(r, "scope: expected " + SCOPES + ", found " + scopes);
    }
    if (!clientId.equals(b.path("client_id").asText())
        || !clientSecret.equals(b.path("client_secret").asText())) {
      return Response.json(401, Map.of("message", "invalid client"));
    }
    return Response.json(
        200, Map.of("access_token", token, "expires_in", 3600, "token_type", "Bearer"));
  }

  private Response list(Request r, List<Map<String, Object>> files) {
    for (String q : r.query().keySet()) {
      if (!Set.of("pageSize", "pageCursor").contains(q)) {
        violation(r, "query parameter '" + q + "' is not in the API");
      }
    }
    String size = r.query().get("pageSize");
    if (size != null
        && (!size.matches("\\d+") || Integer.parseInt(size) < 1 || Integer.parseInt(size) > 100)) {
      violation(r, "pageSize: expected an integer in [1, 100], found '" + size + "'");
    }
    int from =
        r.query().containsKey("pageCursor") ? Integer.parseInt(r.query().get("pageCursor")) : 0;
    int to = Math.min(files.size(), from + PAGE);
    List<Map<String, Object>> data = new ArrayList<>();
    for (Map<String, Object> f : files.subList(Math.min(from, files.size()), to)) {
      data.add(describe(f));
    }
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("hasNextPage", to < files.size());
    info.put("hasPreviousPage", from > 0);
    info.put("startCursor", Integer.toString(from));
    info.put("endCursor", Integer.toString(to));
    return Response.json(200, Map.of("results", Map.of("data", data, "pageInfo", info)));
  }

  private Response upload(Request r, List<Map<String, Object>> files) {
    List<MultipartForm.Part> parts = MultipartForm.parse(r.headers().get("content-type"), r.body());
    MultipartForm.Part file = null;
    Map<String, String> fields = new LinkedHashMap<>();
    for (MultipartForm.Part p : parts) {
      switch (p.name()) {
        case "file" -> file = p;
        case "effectiveAtDate", "description" -> fields.put(p.name(), p.text());
        default -> violation(r, "field '" + p.name() + "' is not in the upload form");
      }
    }
    if (file == null || file.fileName() == null) {
      violation(r, "file: required");
      return null;
    }
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("id", "upl-" + (files.size() + 1));
    f.put("fileName", file.fileName());
    f.put("effectiveAtDate", fields.get("effectiveAtDate"));
    f.put("description", fields.get("description"));
    f.put("mimeType", file.contentType());
    f.put("bytes", file.data());
    files.add(f);
    return Response.json(201, describe(f));
  }

  private static Map<String, Object> describe(Map<String, Object> f) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", f.get("id"));
    out.put("fileName", f.get("fileName"));
    out.put("title", f.get("fileName"));
    out.put("description", f.get("description"));
    out.put("url", "https://app.vanta.example/files/" + f.get("id"));
    out.put("creationDate", "2026-12-02T00:00:00.000Z");
    out.put("updatedDate", "2026-12-02T00:00:00.000Z");
    out.put("effectiveDate", f.get("effectiveAtDate"));
    out.put("deletionDate", null);
    out.put("mimeType", f.get("mimeType"));
    out.put("uploadedBy", Map.of("id", "66993da0cf4ba2ad40599ba7", "type", "USER"));
    return out;
  }
}
