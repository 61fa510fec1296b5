package dev.assay.core.store;

import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.Sha256;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Content-addressed store of model files inside the workbench home: {@code <root>/<sha256>/<file
 * name>}, with any external-data files at their relative locations beside it. Files are copied in
 * (the originals are never touched), verified after the copy, made read-only, and published by an
 * atomic rename so a crash never leaves a half-written entry.
 */
public final class ContentStore {
  private final Path root;
  private final ProcessScratch scratch;

  /**
   * @param root the store folder
   * @param scratch this process's temporary folder: a folder published here is claimed there first,
   *     and staging folders carry its name, so that a crash leaves nothing the next start cannot
   *     attribute and remove
   */
  public ContentStore(Path root, ProcessScratch scratch) {
    this.root = root;
    this.scratch = scratch;
  }

  /**
   * A path for a new temporary file in this process's scratch folder, on the workbench's file
   * system so that it can be renamed into the store.
   */
  public Path temporaryFile(String prefix) {
    return scratch.folder().resolve(prefix + UUID.randomUUID() + ".tmp");
  }

  /** A file stored for a model version. */
  public record StoredFile(String relativePath, String role, String sha256, long sizeBytes) {
    public static final String MODEL = "model";
    public static final String EXTERNAL_DATA = "external_data";
    public static final String DATASET = "dataset";
  }

  /** A companion file stored beside the main file, at a checked relative location. */
  public record ExtraFile(String relativeLocation, Path source) {}

  public Path folderFor(String sha256) {
    if (!sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("not a SHA-256: " + sha256);
    }
    return root.resolve(sha256);
  }

  /**
   * Stores the model and its (already checked) external-data files under {@code sha256}. When the
   * folder exists already (identical bytes stored before), it is reused.
   *
   * @return the stored files, the model first
   */
  public List<StoredFile> put(
      String sha256,
      Path mainFile,
      String mainRole,
      List<ExtraFile> external,
      Progress progress,
      Cancellation cancellation) {
    Path target = folderFor(sha256);
    Path staging =
        root.resolve(".incoming-" + scratch.folder().getFileName() + "-" + UUID.randomUUID());
    try {
      Files.createDirectories(staging);
      List<StoredFile> stored = new ArrayList<>();
      String modelName = mainFile.getFileName().toString();
      progress.update(0, 1 + external.size(), "copying " + modelName);
      Path copy = staging.resolve(modelName);
      Files.copy(mainFile, copy, LinkOption.NOFOLLOW_LINKS);
      String copied = Sha256.ofFile(copy, Progress.NONE, cancellation);
      if (!copied.equals(sha256)) {
        throw new AssayException(
            modelName + ": the file changed while it was being imported; try again");
      }
      stored.add(new StoredFile(modelName, mainRole, sha256, Files.size(copy)));
      int done = 1;
      for (ExtraFile reference : external) {
        cancellation.throwIfCancelled();
        progress.update(done++, 1 + external.size(), "copying " + reference.relativeLocation());
        Path dataCopy = staging.resolve(reference.relativeLocation());
        if (!dataCopy.normalize().startsWith(staging)) {
          throw new AssayException(
              "external data location escapes the store: " + reference.relativeLocation());
        }
        Files.createDirectories(dataCopy.getParent());
        Files.copy(reference.source(), dataCopy, LinkOption.NOFOLLOW_LINKS);
        if (!Files.isRegularFile(dataCopy, LinkOption.NOFOLLOW_LINKS)) {
          throw new AssayException(
              "external data '"
                  + reference.relativeLocation()
                  + "' changed into a link while it was being imported");
        }
        stored.add(
            new StoredFile(
                reference.relativeLocation(),
                StoredFile.EXTERNAL_DATA,
                Sha256.ofFile(dataCopy, Progress.NONE, cancellation),
                Files.size(dataCopy)));
      }
      makeReadOnly(staging);
      scratch.claim(root.getFileName() + "-" + sha256);
      publish(staging, target);
      return stored;
    } catch (IOException e) {
      throw new AssayException(
          "cannot copy " + mainFile.getFileName() + " into the workbench store: " + e.getMessage(),
          e);
    } finally {
      deleteTree(staging);
    }
  }

  /** A stored file. */
  public Path file(String sha256, String fileName) {
    return folderFor(sha256).resolve(fileName);
  }

  /** Deletes the stored files under {@code sha256}; missing folders are ignored. */
  public void delete(String sha256) {
    deleteTree(folderFor(sha256));
  }

  private static void publish(Path staging, Path target) throws IOException {
    if (Files.isDirectory(target)) {
      return;
    }
    try {
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException e) {
      // a concurrent import of the same bytes won the race: its copy is as good as ours
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(staging, target);
    }
  }

  private static void makeReadOnly(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        file.toFile().setWritable(false, false);
      }
    }
  }

  private static void deleteTree(Path folder) {
    if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        path.toFile().setWritable(true);
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      // leftovers are harmless: staging folders are ignored and a re-import reuses a complete
      // folder
    }
  }
}
