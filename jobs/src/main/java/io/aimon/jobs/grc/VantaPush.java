package io.aimon.jobs.grc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aimon.alerting.notify.Secret;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Delivers uploads to Vanta documents (evidence requests) through its REST API v1: a token from
 * {@code POST /oauth/token} (client credentials, scopes {@value #SCOPE}); per upload mapped to a
 * document, {@code GET /documents/{id}/uploads} looks for a file of its name (a second push finds
 * it and uploads nothing), else {@code POST /documents/{id}/uploads} uploads it (multipart: {@code
 * file}, {@code effectiveAtDate}, {@code description}). Uploads mapped to no document are skipped,
 * and said so.
 */
public final class VantaPush {
  public static final URI DEFAULT_URL = URI.create("https://api.vanta.com/v1");
  public static final URI DEFAULT_TOKEN_URL = URI.create("https://api.vanta.com/oauth/token");
  static final String SCOPE = "vanta-api.all:read vanta-api.all:write vanta-api.documents:upload";

  /** Pages of a document's uploads read at most. */
  static final int MAX_PAGES = 50;

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Where and as whom.
   *
   * @param baseUrl the API's base URL, e.g. {@link #DEFAULT_URL}
   * @param tokenUrl the OAuth token URL, e.g. {@link #DEFAULT_TOKEN_URL}
   * @param clientId the OAuth client id (a secret reference)
   * @param clientSecret the OAuth client secret (a secret reference)
   * @param documents per clause or control id (or {@code bundle}), the Vanta document id
   */
  public record Settings(
      URI baseUrl,
      URI tokenUrl,
      Secret clientId,
      Secret clientSecret,
      Map<String, String> documents) {
    public Settings {
      Objects.requireNonNull(baseUrl, "baseUrl");
      Objects.requireNonNull(tokenUrl, "tokenUrl");
      Objects.requireNonNull(clientId, "clientId");
      Objects.requireNonNull(clientSecret, "clientSecret");
      documents = Map.copyOf(documents);
    }
  }

  private final Settings settings;
  private final GrcHttp http;
  private String token;

  public VantaPush(Settings settings, Duration timeout) {
    this.settings = settings;
    this.http = new GrcHttp(timeout);
  }

  /** Retries made so far. */
  public int retries() {
    return http.retries();
  }

  /**
   * Delivers each mapped upload not already there.
   *
   * @param effectiveAt epoch ms the files are effective from (the period's end)
   * @throws GrcException when a request fails
   */
  public List<PushOutcome> push(List<EvidenceUpload> uploads, long effectiveAt) {
    List<PushOutcome> out = new ArrayList<>();
    for (EvidenceUpload u : uploads) {
      String document = settings.documents().get(u.key());
      if (document == null) {
        out.add(
            new PushOutcome(
                u.key(),
                u.name(),
                PushOutcome.SKIPPED,
                "no Vanta document for it (--document " + u.key() + "=DOCUMENT_ID)"));
        continue;
      }
      String existing = find(document, u.fileName());
      if (existing != null) {
        out.add(
            new PushOutcome(
                u.key(),
                u.name(),
                PushOutcome.PRESENT,
                "document " + document + " upload " + existing));
        continue;
      }
      String id = upload(document, u, effectiveAt);
      out.add(
          new PushOutcome(
              u.key(), u.name(), PushOutcome.CREATED, "document " + document + " upload " + id));
    }
    return out;
  }

  private String base() {
    return GrcHttp.withoutTrailingSlash(settings.baseUrl());
  }

  private HttpRequest.Builder request(String url) {
    if (token == null) {
      token = token();
    }
    return HttpRequest.newBuilder(URI.create(url))
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json");
  }

  private String token() {
    ObjectNode o = JSON.createObjectNode();
    o.put("client_id", settings.clientId().value());
    o.put("client_secret", settings.clientSecret().value());
    o.put("scope", SCOPE);
    o.put("grant_type", "client_credentials");
    JsonNode r =
        GrcHttp.json(
            http.send(
                    HttpRequest.newBuilder(settings.tokenUrl())
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(o.toString())))
                .body(),
            settings.tokenUrl().toString());
    String t = r.path("access_token").asText(null);
    if (t == null || t.isEmpty()) {
      throw new GrcException("POST " + settings.tokenUrl() + ": the response has no access_token");
    }
    return t;
  }

  /** The id of the document's upload named {@code fileName}, or null. */
  private String find(String document, String fileName) {
    String cursor = null;
    String path = base() + "/documents/" + URLEncoder.encode(document, StandardCharsets.UTF_8);
    for (int page = 0; page < MAX_PAGES; page++) {
      String url =
          path
              + "/uploads?pageSize=100"
              + (cursor == null
                  ? ""
                  : "&pageCursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
      JsonNode results = GrcHttp.json(http.send(request(url).GET()).body(), url).path("results");
      for (JsonNode f : results.path("data")) {
        if (fileName.equals(f.path("fileName").asText(null))) {
          return f.path("id").asText();
        }
      }
      JsonNode info = results.path("pageInfo");
      if (!info.path("hasNextPage").asBoolean(false)) {
        return null;
      }
      cursor = info.path("endCursor").asText();
    }
    throw new GrcException("GET " + path + "/uploads: more than " + MAX_PAGES + " pages");
  }

  private String upload(String document, EvidenceUpload u, long effectiveAt) {
    Multipart body =
        new Multipart()
            .field("effectiveAtDate", Instant.ofEpochMilli(effectiveAt).toString())
            .field("description", u.description())
            .file("file", u.fileName(), u.contentType(), u.bytes());
    String url =
        base() + "/documents/" + URLEncoder.encode(document, StandardCharsets.UTF_8) + "/uploads";
    JsonNode r =
        GrcHttp.json(
            http.send(
                    request(url)
                        .header("Content-Type", body.contentType())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())))
                .body(),
            url);
    String id = r.path("id").asText(null);
    if (id == null || id.isEmpty()) {
      throw new GrcException("POST " + url + ": the response names no upload id");
    }
    return id;
  }
}
