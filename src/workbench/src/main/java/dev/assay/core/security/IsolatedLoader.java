package dev.assay.core.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Loads an untrusted model for the first time, and runs one tiny inference, in a separate JVM with
 * a heap limit and a time limit. A model that crashes or hangs ONNX Runtime kills or stalls only
 * that process; the caller gets an {@link IsolationOutcome} either way.
 *
 * <p>The child is the current Java binary on the current class path running {@link
 * ChildCommand#DEFAULT_MAIN_CLASS}, which prints one line {@value #RESULT_MARKER}{@code JSON} on
 * stdout. It gets a 16 MiB thread stack ({@code -Xss16m}): ONNX Runtime 1.29 crashes the JVM when
 * it starts on a 1 MiB stack. The heap limit bounds Java memory only; native memory ONNX Runtime
 * takes is not limited, and a child the operating system kills for it is reported as crashed.
 */
public final class IsolatedLoader {
  /** Prefix of the child's result line on stdout. */
  public static final String RESULT_MARKER = "assay-isolation-result ";

  /**
   * The line a child prints on stdout once its own code runs, before it touches the model: without
   * it, the process failed to start (a broken class path), which is not the model's fault.
   */
  public static final String STARTED_MARKER = "assay-isolation-started";

  private static final int TAIL_BYTES = 4096;

  /**
   * Limits for the child process.
   *
   * @param heapMegabytes {@code -Xmx} of the child
   * @param timeout how long the child may take before it is killed
   */
  public record Limits(int heapMegabytes, Duration timeout) {
    /** 1 GiB heap, 2 minutes. */
    public static final Limits DEFAULT = new Limits(1024, Duration.ofMinutes(2));

    public Limits {
      if (heapMegabytes < 64) {
        throw new IllegalArgumentException("the isolated process needs at least 64 MB of heap");
      }
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("the isolation timeout must be positive");
      }
    }
  }

  /**
   * How to start the child: a Java binary, a class path and a main class that takes the model path
   * as its one argument.
   */
  public record ChildCommand(
      Path javaBinary, String classPath, String mainClass, List<String> jvmOptions) {
    /** The child's entry point in the application (outside the core: it prints its result). */
    public static final String DEFAULT_MAIN_CLASS = "dev.assay.isolation.IsolatedLoadMain";

    public ChildCommand {
      jvmOptions = List.copyOf(jvmOptions);
    }

    /**
     * The running JVM's binary and class path with {@code mainClass}; relative class-path entries
     * are made absolute, since the child runs in another folder.
     */
    public static ChildCommand currentJvm(String mainClass) {
      List<String> entries = new ArrayList<>();
      for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
        if (entry.isEmpty()) {
          continue;
        }
        boolean wildcard = entry.equals("*") || entry.endsWith(File.separator + "*");
        String base = wildcard ? entry.substring(0, entry.length() - 1) : entry;
        Path absolute = Path.of(base.isEmpty() ? "." : base).toAbsolutePath().normalize();
        entries.add(wildcard ? absolute + File.separator + "*" : absolute.toString());
      }
      return new ChildCommand(
          Path.of(System.getProperty("java.home"), "bin", "java"),
          String.join(File.pathSeparator, entries),
          mainClass,
          List.of());
    }
  }

  private final ChildCommand command;
  private final Limits limits;
  private final Path tempRoot;
  private final ObjectMapper json;

  /**
   * @param tempRoot folder for the child's captured output (a fresh subfolder per run, deleted
   *     afterwards)
   */
  public IsolatedLoader(ChildCommand command, Limits limits, Path tempRoot, ObjectMapper json) {
    this.command = command;
    this.limits = limits;
    this.tempRoot = tempRoot;
    this.json = json;
  }

  /** The same loader with other limits. */
  public IsolatedLoader withLimits(Limits other) {
    return new IsolatedLoader(command, other, tempRoot, json);
  }

  public Limits limits() {
    return limits;
  }

  /**
   * Starts the child on {@code model} and waits for its result, the time limit or cancellation
   * (which kills the child and throws {@link Cancellation.CancelledException}).
   */
  public IsolationOutcome load(Path model, Cancellation cancellation) {
    Path work;
    try {
      Files.createDirectories(tempRoot);
      work = Files.createTempDirectory(tempRoot, "isolation-");
    } catch (IOException e) {
      throw new AssayException(
          "cannot create a folder for the isolated load in " + tempRoot + ": " + e.getMessage(), e);
    }
    try {
      return run(model, work, cancellation);
    } finally {
      deleteQuietly(work);
    }
  }

  private IsolationOutcome run(Path model, Path work, Cancellation cancellation) {
    List<String> args = new ArrayList<>();
    args.add(command.javaBinary().toString());
    args.add("-Xss16m");
    args.add("-Xmx" + limits.heapMegabytes() + "m");
    args.add("-XX:+UseSerialGC");
    args.add("-XX:TieredStopAtLevel=1");
    args.add("-Djava.awt.headless=true");
    args.add("--enable-native-access=ALL-UNNAMED");
    args.addAll(command.jvmOptions());
    args.add("-cp");
    args.add(command.classPath());
    args.add(command.mainClass());
    args.add(model.toAbsolutePath().toString());
    Path out = work.resolve("stdout.txt");
    Path err = work.resolve("stderr.txt");
    ProcessBuilder builder =
        new ProcessBuilder(args)
            .directory(work.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(devNull()))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    long start = System.nanoTime();
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new AssayException("cannot start the isolated process: " + e.getMessage(), e);
    }
    long deadline = start + limits.timeout().toNanos();
    try {
      while (!process.waitFor(100, TimeUnit.MILLISECONDS)) {
        if (cancellation.isCancelled()) {
          kill(process);
          throw new Cancellation.CancelledException();
        }
        if (System.nanoTime() > deadline) {
          kill(process);
          return new IsolationOutcome.TimedOut(limits.timeout().toSeconds());
        }
      }
    } catch (InterruptedException e) {
      kill(process);
      Thread.currentThread().interrupt();
      throw new Cancellation.CancelledException();
    }
    long elapsed = (System.nanoTime() - start) / 1_000_000;
    String stdout = readTail(out, 1 << 20);
    IsolationOutcome result = readResult(stdout);
    if (result != null && process.exitValue() == 0) {
      return result;
    }
    int code = process.exitValue();
    if (!stdout.contains(STARTED_MARKER)) {
      return new IsolationOutcome.NotRun(
          "the isolated process did not start (exit code " + code + "): " + lastLine(tail(err)));
    }
    return new IsolationOutcome.Crashed(code, signalName(code), tail(err), elapsed);
  }

  private IsolationOutcome readResult(String text) {
    try {
      String found = null;
      for (String line : text.split("\\R")) {
        if (line.startsWith(RESULT_MARKER)) {
          found = line.substring(RESULT_MARKER.length());
        }
      }
      return found == null ? null : json.readValue(found, IsolationOutcome.class);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static String lastLine(String text) {
    String[] lines = text.split("\n");
    for (int i = lines.length - 1; i >= 0; i--) {
      if (!lines[i].isBlank() && !lines[i].strip().startsWith("at ")) {
        return lines[i].strip();
      }
    }
    return "no output";
  }

  private static String tail(Path file) {
    String text = readTail(file, TAIL_BYTES).strip();
    List<String> lines = List.of(text.split("\\R"));
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 12), lines.size()));
  }

  private static String readTail(Path file, int maxBytes) {
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      int n = (int) Math.min(length, maxBytes);
      byte[] bytes = new byte[n];
      in.seek(length - n);
      in.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** Exit codes above 128 mean "killed by signal (code - 128)" on Unix shells and the JVM. */
  static String signalName(int exitCode) {
    return switch (exitCode) {
      case 134 -> "SIGABRT";
      case 135 -> "SIGBUS";
      case 136 -> "SIGFPE";
      case 137 -> "SIGKILL, e.g. the system ran out of memory";
      case 139 -> "SIGSEGV";
      default -> exitCode > 128 && exitCode < 160 ? "signal " + (exitCode - 128) : null;
    };
  }

  private static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static java.io.File devNull() {
    return new java.io.File(
        System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win")
            ? "NUL"
            : "/dev/null");
  }

  private static void deleteQuietly(Path folder) {
    try (Stream<Path> files = Files.walk(folder)) {
      files
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  // a leftover temp file is harmless
                }
              });
    } catch (IOException e) {
      // same
    }
  }
}
