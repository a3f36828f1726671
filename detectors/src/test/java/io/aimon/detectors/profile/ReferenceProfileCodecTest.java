package io.aimon.detectors.profile;

import static io.aimon.detectors.profile.ProfileFixtures.assertNumericEquals;
import static io.aimon.detectors.profile.ProfileFixtures.events;
import static io.aimon.detectors.profile.ProfileFixtures.reference;
import static io.aimon.detectors.profile.ProfileFixtures.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ReferenceProfileCodecTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final ReferenceProfile PROFILE = reference(spec(10_000), events(11, 500));

  private static ObjectNode tree(ReferenceProfile p) throws Exception {
    return (ObjectNode) MAPPER.readTree(ReferenceProfileCodec.toJson(p));
  }

  private static byte[] bytes(ObjectNode tree) throws Exception {
    return MAPPER.writeValueAsBytes(tree);
  }

  private static IllegalArgumentException rejected(byte[] json) {
    return assertThrows(IllegalArgumentException.class, () -> ReferenceProfileCodec.fromJson(json));
  }

  @Test
  void roundTripKeepsTheDigestAndEveryField() {
    ReferenceProfile back = ReferenceProfileCodec.fromJson(ReferenceProfileCodec.toJson(PROFILE));
    assertEquals(PROFILE.digest(), back.digest());
    assertTrue(PROFILE.digest().matches("[0-9a-f]{64}"), PROFILE.digest());
    assertEquals("m1", back.modelId());
    assertEquals(500, back.events());
    assertEquals(java.util.List.of("x", "y"), java.util.List.copyOf(back.numeric().keySet()));
    PROFILE.numeric().forEach((k, v) -> assertNumericEquals(v, back.numeric().get(k), k));
    assertNumericEquals(PROFILE.score(), back.score(), "score");
    assertEquals(PROFILE.categorical(), back.categorical());
    assertEquals(PROFILE.label(), back.label());
  }

  @Test
  void reformattingTheJsonKeepsTheDigest() throws Exception {
    byte[] compact = bytes(tree(PROFILE));
    assertNotEquals(
        new String(ReferenceProfileCodec.toJson(PROFILE), StandardCharsets.UTF_8),
        new String(compact, StandardCharsets.UTF_8));
    assertEquals(PROFILE.digest(), ReferenceProfileCodec.fromJson(compact).digest());
  }

  @Test
  void digestChangesWhenACountChanges() {
    TreeMap<String, Long> counts = new TreeMap<>(PROFILE.categorical().get("c").counts());
    counts.merge("k0", 1L, Long::sum);
    ReferenceProfile changed =
        ReferenceProfileCodec.withDigest(
            new ReferenceProfile(
                PROFILE.modelId(),
                PROFILE.events(),
                PROFILE.numeric(),
                Map.of("c", new CategoricalProfile(counts)),
                PROFILE.score(),
                PROFILE.label(),
                "pending"));
    assertNotEquals(PROFILE.digest(), changed.digest());
    ReferenceProfile moreEvents =
        ReferenceProfileCodec.withDigest(
            new ReferenceProfile(
                PROFILE.modelId(),
                PROFILE.events() + 1,
                PROFILE.numeric(),
                PROFILE.categorical(),
                PROFILE.score(),
                PROFILE.label(),
                "pending"));
    assertNotEquals(PROFILE.digest(), moreEvents.digest());
  }

  @Test
  void withDigestIsDeterministic() {
    assertEquals(PROFILE.digest(), ReferenceProfileCodec.withDigest(PROFILE).digest());
    assertEquals(PROFILE.digest(), reference(spec(10_000), events(11, 500)).digest());
  }

  @Test
  void tamperedCountIsRejectedByTheStoredDigest() throws Exception {
    ObjectNode t = tree(PROFILE);
    ObjectNode counts = (ObjectNode) t.path("categorical").path("c").path("counts");
    counts.put("k0", counts.get("k0").longValue() + 1);
    IllegalArgumentException e = rejected(bytes(t));
    assertTrue(
        e.getMessage()
            .startsWith(
                "digest: the stored digest " + PROFILE.digest() + " does not match the content ("),
        e.getMessage());
  }

  @Test
  void tamperedDigestIsRejected() throws Exception {
    ObjectNode t = tree(PROFILE);
    String fake = "0".repeat(64);
    t.put("digest", fake);
    IllegalArgumentException e = rejected(bytes(t));
    assertEquals(
        "digest: the stored digest "
            + fake
            + " does not match the content ("
            + PROFILE.digest()
            + ")",
        e.getMessage());
  }

  @Test
  void groupCountsRoundTripAsV3AndEnterTheDigest() throws Exception {
    ReferenceProfile p =
        ProfileFixtures.asBeforeV4(
            reference(
                ProfileFixtures.specWithAttributes(), ProfileFixtures.eventsWithGroups(11, 500)));
    assertEquals(Map.of("sex", 400L, "race", 0L), p.groups());
    ObjectNode t = tree(p);
    assertEquals(3, t.path("version").asInt());
    assertEquals(400, t.path("groups").path("sex").asLong());
    ReferenceProfile back = ReferenceProfileCodec.fromJson(ReferenceProfileCodec.toJson(p));
    assertEquals(p.groups(), back.groups());
    assertEquals(java.util.List.of("sex", "race"), java.util.List.copyOf(back.groups().keySet()));
    assertEquals(p.digest(), back.digest());

    t.with("groups").put("race", 1);
    assertTrue(
        rejected(bytes(t)).getMessage().startsWith("digest: the stored digest "),
        "a changed group count no longer matches the digest");
  }

  @Test
  void aProfileWithoutGroupCountsIsStillWrittenAsV2OrV1() throws Exception {
    ReferenceProfile p = ProfileFixtures.asBeforeV4(PROFILE);
    assertTrue(p.groups().isEmpty());
    assertEquals(2, tree(p).path("version").asInt(), "labelled: v2");
    assertTrue(tree(p).path("groups").isMissingNode());
  }

  @Test
  void theEstimationRoundTripsAsV4AndEntersTheDigest() throws Exception {
    assertTrue(PROFILE.estimation() != null, "labelled, scored reference events: an estimation");
    ObjectNode t = tree(PROFILE);
    assertEquals(4, t.path("version").asInt());
    ReferenceProfile back = ReferenceProfileCodec.fromJson(ReferenceProfileCodec.toJson(PROFILE));
    assertEquals(PROFILE.estimation(), back.estimation());
    assertEquals(PROFILE.digest(), back.digest());

    t.with("estimation").with("outcomes").put("left_out", 1);
    assertTrue(
        rejected(bytes(t)).getMessage().startsWith("digest: the stored digest "),
        "a changed estimation no longer matches the digest");
    t.with("estimation").with("outcomes").put("scores", "not*base64");
    assertEquals("estimation.outcomes.scores: not base64", rejected(bytes(t)).getMessage());
  }

  @Test
  void wrongFormatIsRejected() throws Exception {
    ObjectNode t = tree(PROFILE);
    t.put("format", "aimon-window-profile");
    assertEquals("format: expected 'aimon-reference-profile'", rejected(bytes(t)).getMessage());
    t.remove("format");
    assertEquals("format: expected 'aimon-reference-profile'", rejected(bytes(t)).getMessage());
  }

  @Test
  void unknownVersionIsRejectedNamingIt() throws Exception {
    ObjectNode t = tree(PROFILE);
    t.put("version", 5);
    assertEquals("version: expected 1 to 4, found 5", rejected(bytes(t)).getMessage());
  }

  @Test
  void nonJsonIsRejected() {
    IllegalArgumentException e = rejected("not json".getBytes(StandardCharsets.UTF_8));
    assertTrue(e.getMessage().startsWith("not a JSON reference profile: "), e.getMessage());
  }
}
