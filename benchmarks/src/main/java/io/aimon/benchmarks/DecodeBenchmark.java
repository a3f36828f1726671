package io.aimon.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aimon.detectors.event.Decoded;
import io.aimon.detectors.event.EventDecoder;
import io.aimon.detectors.event.InferenceEvent;
import io.aimon.detectors.event.RawRecord;
import io.aimon.detectors.model.ModelSpec;
import io.aimon.detectors.profile.ReferenceProfile;
import io.aimon.detectors.profile.ReferenceProfileBuilder;
import io.aimon.detectors.profile.WindowAccumulator;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The per-event cost of the monitor job's hot path, single-threaded, against the floor a JSON
 * parser sets: a Jackson tree parse of the same lines ({@link #treeParse}), aimon's decode and
 * validation into an {@link InferenceEvent} ({@link #decode}), and decode plus the window profile
 * update ({@link #decodeAndProfile}, what each event costs before any Flink overhead). Events per
 * second (one operation is one event); the ratio of {@code decodeAndProfile} to {@code treeParse}
 * is the share of parse speed the hot path reaches.
 *
 * <pre>
 * mvn -B package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar DecodeBenchmark
 * </pre>
 *
 * <p>The events are those of {@code aimon bench}: 20 numeric and 5 categorical features, a score
 * and a prediction, 5% of the numeric values shifted.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecodeBenchmark {
  static final int EVENTS = 10_000;
  private static final int NUMERIC = 20;
  private static final int CATEGORICAL = 5;
  private static final String MODEL = "bench-model";
  private static final String[] CATEGORIES = {"a", "b", "c", "d", "e", "f", "g"};
  private static final long START = 1_700_000_000_000L;

  private final ObjectMapper mapper = new ObjectMapper();
  private List<RawRecord> records;
  private ModelSpec spec;
  private ReferenceProfile reference;
  private EventDecoder decoder;

  @Setup
  public void setUp() {
    List<String> numeric = new ArrayList<>();
    for (int k = 0; k < NUMERIC; k++) {
      numeric.add("f" + k);
    }
    List<String> categorical = new ArrayList<>();
    for (int k = 0; k < CATEGORICAL; k++) {
      categorical.add("c" + k);
    }
    spec =
        new ModelSpec(
            MODEL,
            "1",
            3_600_000L,
            100,
            numeric,
            categorical,
            true,
            false,
            "1",
            List.of(),
            10_000,
            Map.of());
    decoder = new EventDecoder(Map.of(MODEL, spec), 1_048_576);
    ReferenceProfileBuilder builder = new ReferenceProfileBuilder(spec);
    for (RawRecord r : lines(20_000, 1, 0)) {
      builder.add(decoder.decodeInference(r, START).event());
    }
    reference = builder.build();
    records = lines(EVENTS, 2, 0.05);
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public void treeParse(Blackhole bh) throws IOException {
    for (RawRecord r : records) {
      bh.consume(mapper.readTree(r.payload()));
    }
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public void decode(Blackhole bh) {
    for (RawRecord r : records) {
      bh.consume(decoder.decodeInference(r, START));
    }
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public WindowAccumulator decodeAndProfile() {
    WindowAccumulator window = WindowAccumulator.create(spec, reference);
    for (RawRecord r : records) {
      Decoded<InferenceEvent> d = decoder.decodeInference(r, START);
      window.add(d.event(), reference);
    }
    return window;
  }

  private List<RawRecord> lines(int n, long seed, double shift) {
    SplittableRandom random = new SplittableRandom(seed);
    List<RawRecord> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ObjectNode e = mapper.createObjectNode();
      e.put("inference_id", "bench-" + seed + "-" + i);
      e.put("model_id", MODEL);
      e.put("model_version", "1");
      e.put("timestamp", Instant.ofEpochMilli(START - 3_600_000L + i).toString());
      ObjectNode f = e.putObject("features");
      for (int k = 0; k < NUMERIC; k++) {
        double s = random.nextDouble() < shift ? 1 : 0;
        f.put("f" + k, Math.round((k + random.nextGaussian() + s) * 1000) / 1000.0);
      }
      for (int k = 0; k < CATEGORICAL; k++) {
        f.put(
            "c" + k,
            CATEGORIES[(int) Math.min(CATEGORIES.length - 1, Math.abs(random.nextGaussian()) * 3)]);
      }
      double score = random.nextDouble();
      e.put("score", Math.round(score * 1e6) / 1e6);
      e.put("prediction", score >= 0.5 ? 1 : 0);
      String line = e.toString();
      out.add(new RawRecord("bench", i + 1, line, line.length()));
    }
    return out;
  }
}
