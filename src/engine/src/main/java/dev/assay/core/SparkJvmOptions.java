package dev.assay.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The JVM options of Spark's launcher ({@code org.apache.spark.launcher.JavaModuleOptions}), for
 * the JVMs Assay starts with Spark in them: {@code assay eval --engine spark}'s driver and the
 * cluster test's master, worker and driver. One list: the resource {@value #RESOURCE}, one option a
 * line, which is also a Java launcher argument file, so the spark module's surefire and failsafe
 * JVMs take the same file as {@code @.../spark-jvm-options.args} in their {@code argLine}.
 */
public final class SparkJvmOptions {
  /** The options' file, next to this class. */
  public static final String RESOURCE = "spark-jvm-options.args";

  private SparkJvmOptions() {}

  public static final List<String> LAUNCHER = read();

  private static List<String> read() {
    try (InputStream in = SparkJvmOptions.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("no " + RESOURCE + " next to " + SparkJvmOptions.class);
      }
      List<String> options = new java.util.ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          options.add(line.strip());
        }
      }
      return List.copyOf(options);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
