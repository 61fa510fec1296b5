package dev.assay.spark;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A real standalone Spark cluster for the integration tests: a master and one worker, each its own
 * JVM started from the Maven jars in {@code target/spark-home/jars} (profile {@code
 * spark-cluster}), and drivers started the way {@code assay eval --engine spark} starts one. Every
 * process it starts (and their children: the worker's executors) is stopped by {@link #close()}.
 */
final class SparkCluster implements AutoCloseable {
  static final Path SPARK_HOME =
      Path.of(System.getProperty("assay.spark.home", "src/spark/target/spark-home"));
  static final Path JOB_JAR =
      Path.of(System.getProperty("assay.spark.jobJar", "src/spark/target/assay-spark-job.jar"));

  private final Path dir;
  private final List<Process> started = new ArrayList<>();
  private final String masterUrl;
  private final Process worker;

  private SparkCluster(Path dir) throws Exception {
    this.dir = Files.createDirectories(dir);
    int port = freePort();
    masterUrl = "spark://127.0.0.1:" + port;
    Path masterLog = dir.resolve("master.log");
    start(
        masterLog,
        "org.apache.spark.deploy.master.Master",
        "--host",
        "127.0.0.1",
        "--port",
        String.valueOf(port),
        "--webui-port",
        String.valueOf(freePort()));
    waitFor(masterLog, "I have been elected leader", Duration.ofSeconds(120));
    Path workerLog = dir.resolve("worker.log");
    worker =
        start(
            workerLog,
            "org.apache.spark.deploy.worker.Worker",
            "--host",
            "127.0.0.1",
            "--cores",
            "2",
            "--memory",
            "1g",
            "--webui-port",
            String.valueOf(freePort()),
            "--work-dir",
            dir.resolve("work").toString(),
            masterUrl);
    waitFor(workerLog, "Successfully registered with master", Duration.ofSeconds(120));
  }

  /** Starts a master and a worker with 2 cores, their logs and work folders in {@code dir}. */
  static SparkCluster start(Path dir) throws Exception {
    return new SparkCluster(dir);
  }

  String masterUrl() {
    return masterUrl;
  }

  /** Starts {@code SparkEval SPEC RESULT MASTER} as a driver JVM, its output to {@code log}. */
  Process driver(Path log, Path spec, Path result) throws IOException {
    return start(log, "dev.assay.spark.SparkEval", spec.toString(), result.toString(), masterUrl);
  }

  /** The worker's executor JVMs now running (children of the worker process). */
  List<ProcessHandle> executors() {
    return worker
        .descendants()
        .filter(
            p -> {
              Optional<String> line = p.info().commandLine();
              return p.isAlive()
                  && line.isPresent()
                  && line.get().contains("CoarseGrainedExecutorBackend");
            })
        .toList();
  }

  private Process start(Path log, String mainClass, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(dev.assay.core.SparkJvmOptions.LAUNCHER);
    command.add("-Xmx512m");
    command.add("-cp");
    command.add(
        SPARK_HOME.resolve("jars").toAbsolutePath()
            + "/*"
            + java.io.File.pathSeparator
            + JOB_JAR.toAbsolutePath());
    command.add("-Dassay.spark.jobJar=" + JOB_JAR.toAbsolutePath());
    command.add(mainClass);
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("SPARK_HOME", SPARK_HOME.toAbsolutePath().toString());
    builder.environment().put("SPARK_SCALA_VERSION", "2.13");
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process p = builder.start();
    started.add(p);
    return p;
  }

  /** Waits until {@code log} contains {@code text}; fails with the log after {@code limit}. */
  static void waitFor(Path log, String text, Duration limit) throws Exception {
    long end = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < end) {
      if (Files.exists(log) && Files.readString(log).contains(text)) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("no '" + text + "' within " + limit + ":\n" + Files.readString(log));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    for (Process p : started.reversed()) {
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
    }
  }

  @Override
  public String toString() {
    return "SparkCluster[" + masterUrl + ", " + dir + "]";
  }
}
