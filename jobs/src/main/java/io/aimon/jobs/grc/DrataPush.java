package io.aimon.jobs.grc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aimon.alerting.notify.Secret;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Delivers uploads to Drata's Evidence Library through its public API v2: per upload, {@code GET
 * /workspaces/{id}/evidence?name=} looks for an item of that name (a second push finds it and
 * creates nothing), else {@code POST /workspaces/{id}/evidence-files} uploads the file (multipart,
 * part {@code file}) for a {@code fileKey} and {@code POST /workspaces/{id}/evidence} creates the
 * item with that artifact ({@code S3_FILE}), its owner, no renewal schedule and the Drata controls
 * mapped to the upload's clause or control. Authorization is the API key as a bearer token.
 */
public final class DrataPush {
  /** The US region's base URL; EU and APAC have their own. */
  public static final URI DEFAULT_URL = URI.create("https://public-api.drata.com/public/v2");

  /** Pages of the name search read at most. */
  static final int MAX_PAGES = 20;

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Where and as whom.
   *
   * @param baseUrl the API's base URL, e.g. {@link #DEFAULT_URL}
   * @param apiKey the API key (a secret reference)
   * @param workspaceId the workspace
   * @param ownerId the Drata user who owns the evidence
   * @param controls per clause or control id (or {@code bundle}), the Drata control ids to link
   */
  public record Settings(
      URI baseUrl,
      Secret apiKey,
      long workspaceId,
      long ownerId,
      Map<String, List<Long>> controls) {
    public Settings {
      Objects.requireNonNull(baseUrl, "baseUrl");
      Objects.requireNonNull(apiKey, "apiKey");
      controls = Map.copyOf(controls);
    }
  }

  private final Settings settings;
  private final GrcHttp http;

  public DrataPush(Settings settings, Duration timeout) {
    this.settings = settings;
    this.http = new GrcHttp(timeout);
  }

  /** Retries made so far. */
  public int retries() {
    return http.retries();
  }

  /**
   * Delivers each upload not already there.
   *
   * @param filedAt epoch ms, the date the artifacts are filed at
   * @throws GrcException when a request fails
   */
  public List<PushOutcome> push(List<EvidenceUpload> uploads, long filedAt) {
    List<PushOutcome> out = new ArrayList<>();
    for (EvidenceUpload u : uploads) {
      Long existing = find(u.name());
      if (existing != null) {
        out.add(new PushOutcome(u.key(), u.name(), PushOutcome.PRESENT, "evidence " + existing));
        continue;
      }
      String fileKey = uploadFile(u);
      long id = create(u, fileKey, filedAt);
      out.add(new PushOutcome(u.key(), u.name(), PushOutcome.CREATED, "evidence " + id));
    }
    return out;
  }

  private String workspace() {
    return base() + "/workspaces/" + settings.workspaceId();
  }

  private String base() {
    return GrcHttp.withoutTrailingSlash(settings.baseUrl());
  }

  private HttpRequest.Builder request(String url) {
    return HttpRequest.newBuilder(URI.create(url))
        .header("Authorization", "Bearer " + settings.apiKey().value())
        .header("Accept", "application/json");
  }

  /** The id of the evidence item named exactly {@code name}, or null. */
  private Long find(String name) {
    String cursor = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      String url =
          workspace()
              + "/evidence?size=50&name="
              + URLEncoder.encode(name, StandardCharsets.UTF_8)
              + (cursor == null
                  ? ""
                  : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
      JsonNode body = GrcHttp.json(http.send(request(url).GET()).body(), url);
      for (JsonNode item : body.path("data")) {
        if (name.equals(item.path("name").asText(null))) {
          return item.path("id").asLong();
        }
      }
      JsonNode next = body.path("pagination").path("cursor");
      if (!next.isTextual() || next.asText().isEmpty()) {
        return null;
      }
      cursor = next.asText();
    }
    throw new GrcException(
        "GET " + workspace() + "/evidence: more than " + MAX_PAGES + " pages for one name");
  }

  private String uploadFile(EvidenceUpload u) {
    Multipart body = new Multipart().file("file", u.fileName(), u.contentType(), u.bytes());
    String url = workspace() + "/evidence-files";
    JsonNode r =
        GrcHttp.json(
            http.send(
                    request(url)
                        .header("Content-Type", body.contentType())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())))
                .body(),
            url);
    String key = r.path("fileKey").asText(null);
    if (key == null || key.isEmpty()) {
      throw new GrcException("POST " + url + ": the response names no fileKey");
    }
    return key;
  }

  private long create(EvidenceUpload u, String fileKey, long filedAt) {
    ObjectNode o = JSON.createObjectNode();
    o.put("name", u.name());
    o.put("description", u.description());
    o.put("ownerId", settings.ownerId());
    o.put("renewalScheduleType", "NONE");
    List<Long> controls = settings.controls().get(u.key());
    if (controls != null && !controls.isEmpty()) {
      ArrayNode ids = o.putArray("controlIds");
      controls.forEach(ids::add);
    }
    ObjectNode artifact = o.putArray("artifacts").addObject();
    artifact.put("type", "S3_FILE");
    artifact.put("fileKey", fileKey);
    artifact.put("artifactName", u.fileName());
    artifact.put(
        "filedAt", Instant.ofEpochMilli(filedAt).atOffset(ZoneOffset.UTC).toLocalDate().toString());
    String url = workspace() + "/evidence";
    JsonNode r;
    try {
      r =
          GrcHttp.json(
              http.send(
                      request(url)
                          .header("Content-Type", "application/json")
                          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(o))))
                  .body(),
              url);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    if (r.path("artifactsCreated").asLong(-1) < r.path("artifactsRequested").asLong(1)) {
      throw new GrcException(
          "POST " + url + ": evidence " + r.path("id").asText() + " created without its artifact");
    }
    return r.path("id").asLong();
  }
}
