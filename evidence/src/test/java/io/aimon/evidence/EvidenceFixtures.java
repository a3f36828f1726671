package io.aimon.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.spec.NamedParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Named instants, the test-only keys and a generated evidence archive for the tests. */
final class EvidenceFixtures {
  static final Path RESOURCES = Path.of("src/test/resources");

  /** The checked-in TEST-ONLY key pair (made with openssl); never for real evidence. */
  static final KeyPair TEST_KEYS =
      new KeyPair(
          Ed25519Keys.readPublic(RESOURCES.resolve("keys/TEST-ONLY-ed25519.pub.pem")),
          Ed25519Keys.readPrivate(RESOURCES.resolve("keys/TEST-ONLY-ed25519.pem")));

  /** Another key pair, from a fixed seed: an untrusted signer. */
  static final KeyPair OTHER_KEYS = fromSeed(7);

  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final long WINDOW = Duration.ofHours(6).toMillis();
  static final String CREDIT = "credit-risk";
  static final String CHURN = "churn";

  /** Closed windows per model in {@link #archive}; one more window stays open. */
  static final int CLOSED_WINDOWS = 8;

  private EvidenceFixtures() {}

  static long windowStart(int w) {
    return T0.toEpochMilli() + w * WINDOW;
  }

  static long windowEnd(int w) {
    return windowStart(w + 1);
  }

  /** An ok psi check item of window {@code w} of credit-risk, with check id {@code id}. */
  static EvidenceItem checkItem(int w, String id) {
    io.aimon.detectors.check.CheckResult r =
        io.aimon.detectors.check.CheckResult.builder()
            .checkId(id)
            .modelId(CREDIT)
            .window(windowStart(w), windowEnd(w))
            .metric("psi")
            .feature("income")
            .value(0.01)
            .n(100)
            .threshold(0.25)
            .status(io.aimon.detectors.check.CheckStatus.OK)
            .referenceDigest("7ebb1eb2")
            .build();
    return new EvidenceItem(
        CREDIT,
        windowEnd(w),
        windowStart(w),
        windowEnd(w),
        id,
        new io.aimon.evidence.payload.CheckEvidence(r, "c0", "1"));
  }

  /** The coverage item of window {@code w} of credit-risk: 10 events, 2 checks, no breach. */
  static EvidenceItem coverageItem(int w) {
    return new EvidenceItem(
        CREDIT,
        windowEnd(w),
        windowStart(w),
        windowEnd(w),
        "coverage",
        io.aimon.evidence.payload.CoverageEvidence.of(
            windowStart(w), windowEnd(w), 10, 2, 0, List.of()));
  }

  static ObjectNode json(String text) {
    return EvidenceJson.parseObject(text);
  }

  static ObjectNode checkData(String metric, String feature, double value, String status) {
    ObjectNode o = EvidenceJson.MAPPER.createObjectNode();
    o.put("check_id", metric + "-" + feature);
    o.put("metric", metric);
    if (feature != null) {
      o.put("feature", feature);
    }
    o.put("value", value);
    o.put("threshold", 0.25);
    o.put("status", status);
    o.put("n", 1000);
    o.put("reference_digest", "7ebb1eb2");
    return o;
  }

  static ObjectNode coverageData(long start, long end, long events) {
    ObjectNode o = EvidenceJson.MAPPER.createObjectNode();
    o.put("window_start", EvidenceJson.iso(start));
    o.put("window_end", EvidenceJson.iso(end));
    o.put("windows_expected", 1);
    o.put("windows_evaluated", 1);
    o.put("events_read", events);
    o.put("late_events", 2);
    o.put("dead_letters", 1);
    return o;
  }

  /** A key pair from the JDK's generator, seeded so that tests repeat. */
  static KeyPair fromSeed(int seed) {
    try {
      java.security.SecureRandom random = java.security.SecureRandom.getInstance("SHA1PRNG");
      random.setSeed(seed);
      java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("Ed25519");
      g.initialize(NamedParameterSpec.ED25519, random);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A chain of {@code n} check records of one model, from seq 1. */
  static List<EvidenceRecord> chain(String model, int n) {
    List<EvidenceRecord> out = new ArrayList<>();
    HashChain.State s = HashChain.State.INITIAL;
    for (int i = 0; i < n; i++) {
      EvidenceRecord r =
          LayoutV1.append(
              s,
              model,
              EvidenceKind.CHECK,
              windowEnd(i),
              windowStart(i),
              windowEnd(i),
              checkData("psi", "income", 0.01 * i, "ok"));
      out.add(r);
      s = HashChain.after(r);
    }
    return out;
  }

  /**
   * Writes a small archive: for {@link #CREDIT} and {@link #CHURN}, {@link #CLOSED_WINDOWS} windows
   * of 6 h from {@link #T0}, each with two check records and a coverage record (credit-risk also
   * has incident and corrective-action records), a manifest per closed window, and one record of an
   * open window after the last manifest. Files: {@code model=<id>/date=<yyyy-MM-dd>/part-0.jsonl}
   * by window start.
   *
   * @param skipCoverage windows (as "model/index") whose coverage record is not written, a window
   *     the job never evaluated
   */
  static Archive archive(Path dir, Set<String> skipCoverage) {
    Map<Path, List<String>> files = new LinkedHashMap<>();
    for (String model : List.of(CREDIT, CHURN)) {
      HashChain.State s = HashChain.State.INITIAL;
      List<EvidenceRecord> pending = new ArrayList<>();
      for (int w = 0; w <= CLOSED_WINDOWS; w++) {
        long start = windowStart(w);
        long end = windowEnd(w);
        List<String> lines = files.computeIfAbsent(file(model, start), f -> new ArrayList<>());
        List<EvidenceRecord> window = new ArrayList<>();
        window.add(
            LayoutV1.append(
                s,
                model,
                EvidenceKind.CHECK,
                end,
                start,
                end,
                checkData("psi", "income", 0.02 * w, "ok")));
        s = HashChain.after(window.get(window.size() - 1));
        if (w == CLOSED_WINDOWS) {
          lines.add(window.get(0).toJson()); // the open window: no coverage, no manifest yet
          break;
        }
        window.add(
            LayoutV1.append(
                s,
                model,
                EvidenceKind.CHECK,
                end,
                start,
                end,
                checkData("accuracy", null, 0.9, "ok")));
        s = HashChain.after(window.get(window.size() - 1));
        if (!skipCoverage.contains(model + "/" + w)) {
          window.add(
              LayoutV1.append(
                  s,
                  model,
                  EvidenceKind.COVERAGE,
                  end,
                  start,
                  end,
                  coverageData(start, end, 1000 + w)));
          s = HashChain.after(window.get(window.size() - 1));
        }
        if (model.equals(CREDIT) && (w == 2 || w == 4)) {
          String type = w == 2 ? "io.aimon.incident.opened" : "io.aimon.incident.resolved";
          window.add(
              LayoutV1.append(
                  s,
                  model,
                  EvidenceKind.INCIDENT,
                  end - 1,
                  null,
                  null,
                  json(
                      "{\"type\":\""
                          + type
                          + "\",\"incident_id\":\"inc-1\",\"severity\":\"critical\"}")));
          s = HashChain.after(window.get(window.size() - 1));
        }
        if (model.equals(CREDIT) && w == 5) {
          window.add(
              LayoutV1.append(
                  s,
                  model,
                  EvidenceKind.CORRECTIVE_ACTION,
                  end - 2,
                  null,
                  null,
                  json("{\"incident_id\":\"inc-1\",\"action\":\"retrained\",\"effective\":true}")));
          s = HashChain.after(window.get(window.size() - 1));
        }
        window.forEach(r -> lines.add(r.toJson()));
        pending.addAll(window);
        lines.add(Manifest.sign(model, start, end, pending, TEST_KEYS).toJson());
        pending.clear();
      }
    }
    try {
      for (Map.Entry<Path, List<String>> f : files.entrySet()) {
        Path target = dir.resolve(f.getKey());
        Files.createDirectories(target.getParent());
        Files.write(target, f.getValue(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Archive(dir);
  }

  private static Path file(String model, long windowStart) {
    LocalDate date = Instant.ofEpochMilli(windowStart).atZone(ZoneOffset.UTC).toLocalDate();
    return Path.of("model=" + model, "date=" + date, "part-0.jsonl");
  }

  /** A place in the archive: file relative to its directory, 1-based line. */
  record Location(String file, int line) {}

  /** A written archive, with helpers to find and tamper with its lines. */
  record Archive(Path dir) {

    /** Where the record of {@code model} with {@code seq} is. */
    Location record(String model, long seq) {
      return find(
          line -> line.contains("\"model_id\":\"" + model + "\",\"seq\":" + seq + ","),
          model + " seq " + seq);
    }

    /** Where the {@code n}-th (0-based) manifest of {@code model} is. */
    Location manifest(String model, int n) {
      int[] seen = {0};
      return find(
          line ->
              line.startsWith("{\"v\":1,\"kind\":\"manifest\",\"model_id\":\"" + model + "\"")
                  && seen[0]++ == n,
          model + " manifest " + n);
    }

    EvidenceRecord read(Location at) {
      return EvidenceRecord.fromJson(lines(at.file()).get(at.line() - 1));
    }

    List<String> lines(String file) {
      try {
        return new ArrayList<>(Files.readAllLines(dir.resolve(file), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    void write(String file, List<String> lines) {
      try {
        Files.write(dir.resolve(file), lines, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    void replace(Location at, String newLine) {
      List<String> lines = lines(at.file());
      lines.set(at.line() - 1, newLine);
      write(at.file(), lines);
    }

    void delete(Location at) {
      List<String> lines = lines(at.file());
      lines.remove(at.line() - 1);
      write(at.file(), lines);
    }

    void insert(Location at, String newLine) {
      List<String> lines = lines(at.file());
      lines.add(at.line() - 1, newLine);
      write(at.file(), lines);
    }

    List<String> files() {
      try (Stream<Path> walk = Files.walk(dir)) {
        return walk.filter(Files::isRegularFile)
            .map(p -> dir.relativize(p).toString().replace('\\', '/'))
            .sorted()
            .collect(Collectors.toList());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private Location find(java.util.function.Predicate<String> match, String what) {
      for (String file : files()) {
        List<String> lines = lines(file);
        for (int i = 0; i < lines.size(); i++) {
          if (match.test(lines.get(i))) {
            return new Location(file, i + 1);
          }
        }
      }
      throw new AssertionError("no " + what + " in the archive");
    }
  }

  /** Asserts the problems' kind, model, seq, file and line, in order. */
  static void assertProblems(ArchiveVerifier.Report report, String... expected) {
    List<String> actual =
        report.problems().stream()
            .map(
                p -> p.kind() + " " + p.modelId() + " " + p.seq() + " " + p.file() + ":" + p.line())
            .collect(Collectors.toList());
    assertEquals(
        List.of(expected),
        actual,
        () ->
            "problems:\n"
                + report.problems().stream()
                    .map(ArchiveVerifier.Problem::message)
                    .collect(Collectors.joining("\n")));
  }

  /** The expected-problem string of {@link #assertProblems}. */
  static String problem(ArchiveVerifier.Kind kind, String model, Long seq, Location at) {
    return kind + " " + model + " " + seq + " " + at.file() + ":" + at.line();
  }
}
