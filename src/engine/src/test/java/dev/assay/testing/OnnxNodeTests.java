package dev.assay.testing;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Assumptions;
import org.opentest4j.TestAbortedException;

/**
 * Where ONNX's node conformance suite (Debian package {@code libonnx-testdata}: {@code
 * <test>/model.onnx} and {@code test_data_set_*}) is, for the conformance tests.
 *
 * <p>In this order: {@code -Dassay.onnx.testdata=FOLDER}; the result of the build's set-up step
 * ({@code src/build/java/dev/assay/build/OnnxTestData.java}, which finds the installed package or
 * fetches it with apt into {@code target/onnx-testdata}), named by {@code
 * -Dassay.onnx.testdata.status}; the installed package. When none has it, a test that needs it is
 * skipped with the reason on a user's machine and fails with it under CI ({@code CI=true}).
 */
public final class OnnxNodeTests {
  public static final String FOLDER_PROPERTY = "assay.onnx.testdata";
  public static final String STATUS_PROPERTY = "assay.onnx.testdata.status";
  public static final Path INSTALLED = Path.of("/usr/share/libonnx-testdata/data/node");

  private OnnxNodeTests() {}

  /** The suite's folder, or skips (fails under CI) the calling test. */
  public static Path folder() {
    Location location =
        locate(
            System.getProperty(FOLDER_PROPERTY),
            System.getProperty(STATUS_PROPERTY),
            System.getenv());
    return location.require();
  }

  /** Where the suite is, or why it is missing, and whether a missing suite fails. */
  public record Location(Path folder, String missing, boolean mandatory) {
    /**
     * @return the folder
     * @throws AssertionError when the suite is missing under CI
     * @throws TestAbortedException when the suite is missing elsewhere (the test is skipped)
     */
    public Path require() {
      if (folder != null) {
        return folder;
      }
      if (mandatory) {
        throw new AssertionError("CI=true and " + missing);
      }
      System.err.println("SKIPPED (not failed; CI=true makes it fail): " + missing);
      Assumptions.abort(missing);
      throw new IllegalStateException("unreachable");
    }
  }

  /**
   * Resolves the suite's folder from the explicit folder, the build's status file and {@code CI}.
   */
  public static Location locate(String configured, String statusFile, Map<String, String> env) {
    boolean mandatory = "true".equalsIgnoreCase(env.getOrDefault("CI", "").strip());
    if (configured != null && !configured.isBlank()) {
      Path folder = Path.of(configured);
      return Files.isDirectory(folder)
          ? new Location(folder, null, mandatory)
          : new Location(
              null,
              "ONNX's node conformance suite is missing: -D"
                  + FOLDER_PROPERTY
                  + "="
                  + configured
                  + " is not a folder",
              mandatory);
    }
    if (statusFile != null && Files.isRegularFile(Path.of(statusFile))) {
      Properties status = new Properties();
      try (Reader reader = Files.newBufferedReader(Path.of(statusFile))) {
        status.load(reader);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      String node = status.getProperty("node");
      if (node != null && Files.isDirectory(Path.of(node))) {
        return new Location(Path.of(node), null, mandatory);
      }
      String missing = status.getProperty("missing");
      if (missing != null) {
        return new Location(null, missing, mandatory);
      }
    }
    if (Files.isDirectory(INSTALLED)) {
      return new Location(INSTALLED, null, mandatory);
    }
    return new Location(
        null,
        "ONNX's node conformance suite (Debian package libonnx-testdata) is missing: "
            + INSTALLED
            + " does not exist. Install it (apt-get install libonnx-testdata) or give -D"
            + FOLDER_PROPERTY
            + "=FOLDER",
        mandatory);
  }
}
