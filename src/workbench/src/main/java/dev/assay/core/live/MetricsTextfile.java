package dev.assay.core.live;

import dev.assay.core.AssayException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes the metrics for the node exporter's textfile collector: {@code assay_monitor.prom} in the
 * folder, written to a hidden temporary file in the same folder and renamed over the old one, so
 * the collector never reads half a file (it ignores names not ending in {@code .prom}).
 */
public final class MetricsTextfile {
  /** The file's name in the folder. */
  public static final String FILE_NAME = "assay_monitor.prom";

  private final Path folder;

  /**
   * @throws AssayException when {@code folder} is not a folder
   */
  public MetricsTextfile(Path folder) {
    if (!Files.isDirectory(folder)) {
      throw new AssayException("--textfile " + folder + " is not a folder");
    }
    this.folder = folder;
  }

  /**
   * Replaces the file with {@code text}.
   *
   * @throws AssayException when it cannot be written
   */
  public void write(String text) {
    Path target = folder.resolve(FILE_NAME);
    Path temp = folder.resolve("." + FILE_NAME + "." + ProcessHandle.current().pid() + ".tmp");
    try {
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new AssayException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }
}
