package io.aimon.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A standalone Flink cluster of separate JVMs on this machine, started from Flink's own entrypoints
 * as a distribution's scripts start them: a JobManager ({@code StandaloneSessionClusterEntrypoint},
 * or {@code StandaloneApplicationClusterEntryPoint} with the job jar in {@code usrlib/}) and
 * TaskManagers ({@code TaskManagerRunner}), with a {@code config.yaml} this class writes. Their
 * classpath is Flink's runtime and its dependencies as this test's classpath has them, without
 * aimon and without Kafka: the job brings those in its jar, as on a real cluster.
 *
 * <p>Each process logs to {@code HOME/log/<name>.log} (Flink's log) and {@code <name>.out}.
 */
final class StandaloneFlinkCluster implements AutoCloseable {
  static final String SESSION =
      "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
  static final String APPLICATION =
      "org.apache.flink.container.entrypoint.StandaloneApplicationClusterEntryPoint";
  static final String TASK_MANAGER = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
  static final String CLI = "org.apache.flink.client.cli.CliFrontend";

  /** What Flink's default config passes every JVM on JDK 17 ({@code env.java.opts.all}). */
  static final List<String> JAVA_17_FLAGS =
      List.of(
          "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
          "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
          "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.net=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-opens=java.base/java.text=ALL-UNNAMED",
          "--add-opens=java.base/java.time=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Path home;
  private final int restPort;
  private final HttpClient http = HttpClient.newHttpClient();
  private final Map<String, Process> processes = new LinkedHashMap<>();

  /**
   * A cluster home: {@code conf/config.yaml} (JobManager on loopback, {@code slots} slots per
   * TaskManager, failures detected within seconds, each TaskManager's memory spelled out as Flink's
   * start scripts would compute it) and {@code conf/log4j.properties}.
   */
  StandaloneFlinkCluster(Path home, int slots) throws IOException {
    this.home = home;
    this.restPort = freePort();
    Files.createDirectories(home.resolve("conf"));
    Files.createDirectories(home.resolve("lib"));
    Files.createDirectories(home.resolve("log"));
    Files.writeString(
        home.resolve("conf/config.yaml"),
        """
        jobmanager.rpc.address: localhost
        jobmanager.rpc.port: %d
        jobmanager.bind-host: localhost
        taskmanager.bind-host: localhost
        taskmanager.host: localhost
        rest.address: localhost
        rest.bind-address: localhost
        rest.port: %d
        jobmanager.memory.process.size: 768m
        taskmanager.cpu.cores: 2
        taskmanager.memory.framework.heap.size: 128m
        taskmanager.memory.task.heap.size: 512m
        taskmanager.memory.managed.size: 128m
        taskmanager.memory.framework.off-heap.size: 128m
        taskmanager.memory.task.off-heap.size: 0m
        taskmanager.memory.network.min: 64m
        taskmanager.memory.network.max: 64m
        taskmanager.memory.jvm-metaspace.size: 256m
        taskmanager.memory.jvm-overhead.min: 192m
        taskmanager.memory.jvm-overhead.max: 192m
        taskmanager.numberOfTaskSlots: %d
        cluster.evenly-spread-out-slots: true
        heartbeat.interval: 1000
        heartbeat.timeout: 10000
        web.upload.dir: %s
        io.tmp.dirs: %s
        """
            .formatted(
                freePort(),
                restPort,
                slots,
                Files.createDirectories(home.resolve("web-upload")),
                Files.createDirectories(home.resolve("tmp"))));
    Files.writeString(
        home.resolve("conf/log4j.properties"),
        """
        rootLogger.level = INFO
        rootLogger.appenderRef.file.ref = File
        appender.file.name = File
        appender.file.type = File
        appender.file.fileName = ${sys:log.file}
        appender.file.layout.type = PatternLayout
        appender.file.layout.pattern = %d{HH:mm:ss,SSS} %-5p %c{1.} - %m%n
        logger.kafka.name = org.apache.kafka
        logger.kafka.level = WARN
        """);
  }

  Path home() {
    return home;
  }

  String restUrl() {
    return "http://localhost:" + restPort;
  }

  /** Starts the session JobManager and waits until its REST API answers. */
  void startSessionJobManager() throws Exception {
    start("jobmanager", SESSION, List.of("--configDir", conf()), "-Xmx512m");
    awaitRest();
  }

  /**
   * Starts an application cluster's JobManager: {@code jar} goes to {@code usrlib/}, and the
   * JobManager runs {@code mainClass} with {@code args} from it.
   */
  Process startApplicationJobManager(Path jar, String mainClass, List<String> args)
      throws IOException {
    Files.createDirectories(home.resolve("usrlib"));
    Files.copy(jar, home.resolve("usrlib").resolve(jar.getFileName()));
    List<String> all =
        new ArrayList<>(List.of("--configDir", conf(), "--job-classname", mainClass));
    all.addAll(args);
    return start("jobmanager", APPLICATION, all, "-Xmx512m");
  }

  /** Starts a TaskManager with the resource id {@code name}. */
  Process startTaskManager(String name) throws IOException {
    return start(
        name,
        TASK_MANAGER,
        List.of("--configDir", conf(), "-Dtaskmanager.resource-id=" + name),
        // the heap and direct memory the config gives a TaskManager, as Flink's scripts derive
        "-Xmx640m",
        "-XX:MaxDirectMemorySize=192m",
        "-XX:MaxMetaspaceSize=256m");
  }

  /** Kills a process with SIGKILL, as a machine's loss or the kernel's OOM killer would. */
  void kill(String name) throws InterruptedException {
    Process p = processes.remove(name);
    p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
  }

  /**
   * Runs Flink's command-line client, {@code flink ARGS}, against this cluster and returns its
   * output; it must exit 0.
   */
  String cli(List<String> args) throws Exception {
    List<String> command = java(CLI, "-Xmx256m");
    command.add(command.size() - 1, "-Dlog.file=" + home.resolve("log").resolve("cli.log"));
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.directory(home.toFile());
    pb.environment().put("FLINK_CONF_DIR", conf());
    pb.environment().put("FLINK_LIB_DIR", home.resolve("lib").toString());
    Process p = pb.start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    p.getInputStream().transferTo(out);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("flink " + args + " did not end within 120 s");
    }
    String text = out.toString(StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new AssertionError("flink " + args + " exited " + p.exitValue() + ":\n" + text);
    }
    return text;
  }

  /** Uploads a job jar as the Web UI does ({@code POST /jars/upload}) and returns its jar id. */
  String uploadJar(Path jar) throws Exception {
    String boundary = "aimon-" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                + jar.getFileName()
                + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.write(Files.readAllBytes(jar));
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    JsonNode answer =
        send(
            HttpRequest.newBuilder(URI.create(restUrl() + "/jars/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    String file = answer.path("filename").asText();
    if (!"success".equals(answer.path("status").asText()) || file.isEmpty()) {
      throw new AssertionError("jar upload: " + answer);
    }
    return Path.of(file).getFileName().toString();
  }

  /** Runs an uploaded jar's main with {@code args} ({@code POST /jars/:id/run}); its job id. */
  String runJar(String jarId, String entryClass, List<String> args) throws Exception {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("entryClass", entryClass);
    request.put("programArgsList", args);
    JsonNode answer =
        send(
            HttpRequest.newBuilder(URI.create(restUrl() + "/jars/" + jarId + "/run"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(request))));
    String id = answer.path("jobid").asText();
    if (id.isEmpty()) {
      throw new AssertionError("jar run: " + answer);
    }
    return id;
  }

  /** {@code GET path} of the REST API. */
  JsonNode get(String path) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(restUrl() + path)).GET());
  }

  /** Cancels a job ({@code PATCH /jobs/:id?mode=cancel}) and waits until it is CANCELED. */
  void cancel(String jobId) throws Exception {
    send(
        HttpRequest.newBuilder(URI.create(restUrl() + "/jobs/" + jobId + "?mode=cancel"))
            .method("PATCH", HttpRequest.BodyPublishers.noBody()));
    awaitJobStatus(jobId, "CANCELED", Duration.ofSeconds(60));
  }

  /** Waits until the job's status is {@code status}. */
  void awaitJobStatus(String jobId, String status, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      last = get("/jobs/" + jobId).path("state").asText();
      if (last.equals(status)) {
        return;
      }
      TimeUnit.MILLISECONDS.sleep(300);
    }
    throw new AssertionError("job " + jobId + " is " + last + ", not " + status + "\n" + logs());
  }

  /** The resource ids of the TaskManagers running the subtasks of the job's first vertex. */
  List<String> taskManagersOf(String jobId) throws Exception {
    JsonNode vertex = get("/jobs/" + jobId).path("vertices").path(0);
    List<String> out = new ArrayList<>();
    for (JsonNode tm :
        get("/jobs/" + jobId + "/vertices/" + vertex.path("id").asText() + "/taskmanagers")
            .path("taskmanagers")) {
      out.add(tm.path("taskmanager-id").asText());
    }
    return out;
  }

  /** Null while {@code name} runs, else its end and its log's tail. */
  String dead(String name) {
    Process p = processes.get(name);
    if (p != null && p.isAlive()) {
      return null;
    }
    return name + (p == null ? " not running" : " exited with " + p.exitValue()) + "\n" + logs();
  }

  /** The tails of every process's log. */
  String logs() {
    StringBuilder out = new StringBuilder();
    for (String name : processes.keySet()) {
      out.append(tail(name));
    }
    return out.toString();
  }

  /** The tail of the process's Flink log and output. */
  String tail(String name) {
    StringBuilder out = new StringBuilder();
    for (String suffix : List.of(".log", ".out")) {
      Path f = home.resolve("log").resolve(name + suffix);
      try {
        if (Files.exists(f)) {
          String text = Files.readString(f);
          out.append("--- ")
              .append(f.getFileName())
              .append('\n')
              .append(text, Math.max(0, text.length() - 6000), text.length())
              .append('\n');
        }
      } catch (IOException e) {
        out.append(f).append(": ").append(e).append('\n');
      }
    }
    return out.toString();
  }

  /** The whole Flink log of a process. */
  String log(String name) throws IOException {
    return Files.readString(home.resolve("log").resolve(name + ".log"));
  }

  @Override
  public void close() throws InterruptedException {
    for (Process p : processes.values()) {
      p.destroy();
    }
    for (Process p : processes.values()) {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
    processes.clear();
  }

  private Process start(String name, String mainClass, List<String> args, String... jvm)
      throws IOException {
    List<String> command = java(mainClass, jvm);
    command.add(command.size() - 1, "-Dlog.file=" + home.resolve("log").resolve(name + ".log"));
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("FLINK_CONF_DIR", conf());
    // the application entrypoint and the TaskManagers find usrlib/ beside lib/
    pb.environment().put("FLINK_LIB_DIR", home.resolve("lib").toString());
    pb.directory(home.toFile());
    pb.redirectErrorStream(true);
    pb.redirectOutput(home.resolve("log").resolve(name + ".out").toFile());
    Process p = pb.start();
    processes.put(name, p);
    return p;
  }

  /** {@code java [jvm] -cp <Flink> mainClass}, mainClass last. */
  private List<String> java(String mainClass, String... jvm) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(jvm));
    command.addAll(JAVA_17_FLAGS);
    command.add("-Dlog4j.configurationFile=" + home.resolve("conf/log4j.properties").toUri());
    command.add("-cp");
    command.add(flinkClasspath());
    command.add(mainClass);
    return command;
  }

  private String conf() {
    return home.resolve("conf").toString();
  }

  /**
   * This test's classpath without aimon, Kafka (the connector, the client, the broker) and Scala:
   * what a Flink distribution's {@code lib/} holds, and no more of what the job jar brings.
   */
  static String flinkClasspath() {
    List<String> kept = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String e = entry.replace('\\', '/');
      boolean aimon =
          e.contains("/io/aimon/") || e.endsWith("/target/classes") || e.contains("/aimon-");
      boolean kafka =
          e.contains("/org/apache/kafka/")
              || e.contains("flink-connector-kafka")
              || e.contains("/org/scala-lang/");
      if (!aimon && !kafka && !e.endsWith("/target/test-classes")) {
        kept.add(entry);
      }
    }
    return String.join(File.pathSeparator, kept);
  }

  private JsonNode send(HttpRequest.Builder request) throws Exception {
    HttpResponse<String> response =
        http.send(
            request.timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new AssertionError(
          request.build().method()
              + " "
              + request.build().uri()
              + ": "
              + response.statusCode()
              + " "
              + response.body());
    }
    return response.body().isEmpty() ? MAPPER.nullNode() : MAPPER.readTree(response.body());
  }

  private void awaitRest() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      String why = dead("jobmanager");
      if (why != null) {
        throw new AssertionError(why);
      }
      try {
        get("/overview");
        return;
      } catch (IOException | AssertionError notYet) {
        TimeUnit.MILLISECONDS.sleep(300);
      }
    }
    throw new AssertionError("the JobManager's REST API did not answer within 90 s\n" + logs());
  }

  /** Waits until {@code n} TaskManagers are registered. */
  void awaitTaskManagers(int n) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    int last = 0;
    while (System.nanoTime() < deadline) {
      last = get("/taskmanagers").path("taskmanagers").size();
      if (last >= n) {
        return;
      }
      TimeUnit.MILLISECONDS.sleep(300);
    }
    throw new AssertionError(last + " TaskManagers registered, not " + n + "\n" + logs());
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
