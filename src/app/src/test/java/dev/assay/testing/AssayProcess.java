package dev.assay.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The CLI as a separate JVM on this test's class path, the way a pipeline runs it: {@code java
 * dev.assay.Assay --home HOME ...}. Output goes to files under {@code logs}, so that a killed
 * process leaves what it wrote.
 */
public final class AssayProcess {
  private static final AtomicLong COUNTER = new AtomicLong();

  private final Process process;
  private final Path out;
  private final Path err;
  private final String command;

  private AssayProcess(Process process, Path out, Path err, String command) {
    this.process = process;
    this.out = out;
    this.err = err;
    this.command = command;
  }

  /** What a finished process left: its exit code and both streams. */
  public record Result(String command, int code, String out, String err) {
    @Override
    public String toString() {
      return command + " -> exit " + code + "\n  stdout: " + out.strip() + "\n  stderr: " + err;
    }
  }

  /**
   * Starts {@code assay --home home args...}; {@code systemTemp} is the child's {@code
   * java.io.tmpdir} (so that a test can see what lands in the system's temporary folder).
   */
  public static AssayProcess start(Path home, Path logs, Path systemTemp, String... args)
      throws IOException {
    Files.createDirectories(logs);
    Files.createDirectories(systemTemp);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-Xmx256m",
            "-Xshare:auto",
            "--enable-native-access=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow",
            "-Djava.awt.headless=true",
            "-Djava.io.tmpdir=" + systemTemp,
            "-cp",
            classPath(),
            "dev.assay.Assay",
            "--home",
            home.toString()));
    command.addAll(List.of(args));
    long n = COUNTER.incrementAndGet();
    Path out = logs.resolve(n + ".out");
    Path err = logs.resolve(n + ".err");
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("ASSAY_DB_PASSPHRASE");
    builder.environment().remove("ASSAY_DB_PASSPHRASE_FILE");
    builder.environment().remove("ASSAY_HOME");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    return new AssayProcess(builder.start(), out, err, String.join(" ", args));
  }

  private static String classPath() {
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        entries.add(Path.of(entry).toAbsolutePath().toString());
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  public Process process() {
    return process;
  }

  /** Waits for the end (killing the process after {@code timeout}) and reads its output. */
  public Result await(Duration timeout) throws IOException, InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor();
      return new Result(command, -1, read(out), read(err) + " [timed out]");
    }
    return new Result(command, process.exitValue(), read(out), read(err));
  }

  /** What the process has written to its standard output so far. */
  public String outSoFar() throws IOException {
    return read(out);
  }

  /**
   * How many whole lines (ended by a newline) of standard output so far start with {@code prefix}.
   */
  public long linesSoFar(String prefix) throws IOException {
    String text = read(out);
    return text.substring(0, text.lastIndexOf('\n') + 1)
        .lines()
        .filter(l -> l.startsWith(prefix))
        .count();
  }

  /** kill -9, and waits until the process is gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }
}
