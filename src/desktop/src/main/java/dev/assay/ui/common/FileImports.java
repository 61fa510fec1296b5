package dev.assay.ui.common;

import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Imports files one after another inside a background job: each file's progress is a share of the
 * whole, a refused file does not stop the others, and the refusals are thrown together at the end
 * (one {@link AssayException}, one line each). A cancel stops before the next file.
 */
public final class FileImports {
  private FileImports() {}

  /** Imports one file. */
  @FunctionalInterface
  public interface Importer<R> {
    R importFile(Path file, Progress progress, Cancellation cancellation);
  }

  public static <R> List<R> each(
      List<Path> files,
      String verb,
      Progress progress,
      Cancellation cancellation,
      Importer<R> importer) {
    List<R> results = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    int i = 0;
    for (Path file : files) {
      if (cancellation.isCancelled()) {
        break;
      }
      int index = i++;
      progress.update(index, files.size(), verb + " " + file.getFileName());
      try {
        results.add(
            importer.importFile(
                file,
                (done, total, message) ->
                    progress.update(
                        Math.round(index * 100.0 + (total > 0 ? 100.0 * done / total : 0)),
                        files.size() * 100L,
                        message),
                cancellation));
      } catch (AssayException e) {
        problems.add(e.getMessage());
      } catch (Cancellation.CancelledException e) {
        break;
      }
    }
    if (!problems.isEmpty()) {
      throw new AssayException(String.join("\n", problems));
    }
    return results;
  }
}
