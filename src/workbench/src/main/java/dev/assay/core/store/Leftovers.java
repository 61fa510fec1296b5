package dev.assay.core.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What processes that died (kill -9, power cut) left in a workbench, found and removed when it
 * opens: their {@link ProcessScratch} folders with the temporary files in them, the partial files
 * they noted next to a target, staging folders in the content stores, and store folders and
 * prediction files they published whose database row never came.
 *
 * <p>A process is dead when its folder's lock is free and no process with its id has run since the
 * folder last changed; folders of live processes (this JVM's included) are never touched, so any
 * number of processes may open the workbench at once. Loose files in the tmp folder and staging
 * folders without an owner come from older builds; they are removed once they are {@link
 * #LOOSE_AGE} old.
 */
public final class Leftovers {
  /** Age after which a temporary file without a recognisable owner is removed. */
  static final Duration LOOSE_AGE = Duration.ofMinutes(10);

  private static final Pattern PROCESS_FOLDER = Pattern.compile("p(\\d+)-[0-9a-f]{8}");
  private static final Pattern STAGING =
      Pattern.compile("\\.incoming-(?:columns-)?(p\\d+-[0-9a-f]{8})-.*");
  private static final Pattern LEGACY_STAGING = Pattern.compile("\\.incoming-.*");
  private static final Pattern CLAIM =
      Pattern.compile("(models|datasets|predictions)-([0-9a-f]{64})");
  private static final Pattern PREDICTIONS_FILE = Pattern.compile("([0-9a-f]{64})\\.pred");
  private static final Pattern PART = Pattern.compile("\\..+\\.part");

  /** The table whose {@code sha256} column refers to each content store's folders. */
  private static final Map<String, String> STORE_TABLES =
      Map.of("models", "model_version", "datasets", "dataset_version");

  /** The table and column that refer to the prediction store's files. */
  private static final String PREDICTIONS = "predictions";

  /** What one sweep removed. */
  public record Swept(
      int processFolders, int orphanStoreFolders, int stagingFolders, int partFiles) {
    boolean nothing() {
      return processFolders + orphanStoreFolders + stagingFolders + partFiles == 0;
    }
  }

  private final WorkbenchHome home;
  private final Path tmp;
  private final Database database;
  private final long ownPid = ProcessHandle.current().pid();
  private int processFolders;
  private int orphans;
  private int staging;
  private int parts;

  private Leftovers(WorkbenchHome home, Database database) {
    this.home = home;
    this.tmp = home.tmpDirectory();
    this.database = database;
  }

  /** Sweeps {@code home}; never fails (what cannot be removed now is tried at the next start). */
  public static Swept sweep(WorkbenchHome home, Database database) {
    Leftovers sweep = new Leftovers(home, database);
    sweep.tmpFolder();
    for (String store : STORE_TABLES.keySet()) {
      sweep.stagingIn(home.root().resolve("store").resolve(store));
    }
    sweep.unclaimedPredictions();
    return new Swept(sweep.processFolders, sweep.orphans, sweep.staging, sweep.parts);
  }

  private void tmpFolder() {
    for (Path entry : list(tmp)) {
      Matcher m = PROCESS_FOLDER.matcher(entry.getFileName().toString());
      if (m.matches() && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
        if (!isLive(entry, Long.parseLong(m.group(1)))) {
          removeDead(entry);
        }
      } else if (olderThanLooseAge(entry)) {
        deleteTree(entry);
      }
    }
  }

  private void removeDead(Path folder) {
    Path outside = folder.resolve(ProcessScratch.OUTSIDE_LIST);
    if (Files.isRegularFile(outside)) {
      try {
        for (String line : Files.readAllLines(outside, StandardCharsets.UTF_8)) {
          Path part = line.isBlank() ? null : Path.of(line);
          if (part != null
              && PART.matcher(part.getFileName().toString()).matches()
              && Files.deleteIfExists(part)) {
            parts++;
          }
        }
      } catch (IOException | RuntimeException e) {
        // tried again at the next start: the folder stays until its notes are done
        return;
      }
    }
    for (Path claim : list(folder.resolve(ProcessScratch.CLAIMS))) {
      Matcher m = CLAIM.matcher(claim.getFileName().toString());
      if (m.matches() && orphan(m.group(1), m.group(2), claim.getFileName().toString())) {
        deleteTree(stored(m.group(1), m.group(2)));
        orphans++;
      }
    }
    deleteTree(folder);
    processFolders++;
  }

  /**
   * Whether the store folder claimed by a dead process is there without a database row and not
   * claimed by a live process. The row is looked for again after the claims, so that a process that
   * recorded its row and then ended in between is not mistaken for an orphan.
   */
  private boolean orphan(String store, String sha256, String claimName) {
    Path stored = stored(store, sha256);
    if (!Files.exists(stored, LinkOption.NOFOLLOW_LINKS) || referenced(store, sha256)) {
      return false;
    }
    if (claimedByLive(claimName)) {
      return false;
    }
    return !referenced(store, sha256);
  }

  /** The store folder, or the prediction store's file, that a claim names. */
  private Path stored(String store, String sha256) {
    return store.equals(PREDICTIONS)
        ? home.predictionStore().resolve(sha256 + ".pred")
        : home.root().resolve("store").resolve(store).resolve(sha256);
  }

  /**
   * Removes prediction files that no run refers to, no live process claims and nobody changed for
   * {@link #LOOSE_AGE} (a claim folder lost with its process folder, a row edited away): the claims
   * of dead processes are handled with their folders.
   */
  private void unclaimedPredictions() {
    for (Path file : list(home.predictionStore())) {
      Matcher m = PREDICTIONS_FILE.matcher(file.getFileName().toString());
      if (m.matches()
          && olderThanLooseAge(file)
          && !referenced(PREDICTIONS, m.group(1))
          && !claimedByLive(PREDICTIONS + "-" + m.group(1))) {
        deleteTree(file);
        orphans++;
      }
    }
  }

  /** Whether a live process (this one included) has claimed {@code claimName}. */
  private boolean claimedByLive(String claimName) {
    for (Path other : list(tmp)) {
      Matcher m = PROCESS_FOLDER.matcher(other.getFileName().toString());
      if (m.matches()
          && Files.exists(other.resolve(ProcessScratch.CLAIMS).resolve(claimName))
          && isLive(other, Long.parseLong(m.group(1)))) {
        return true;
      }
    }
    return false;
  }

  /** Whether a row refers to the folder; true when that cannot be found out now (keep it). */
  private boolean referenced(String store, String sha256) {
    try {
      return store.equals(PREDICTIONS)
          ? rowFor("eval_run", "predictions_sha256", sha256)
          : rowFor(STORE_TABLES.get(store), "sha256", sha256);
    } catch (RuntimeException e) {
      return true;
    }
  }

  private boolean rowFor(String table, String column, String sha256) {
    return database.read(
        connection -> {
          try (PreparedStatement query =
              connection.prepareStatement(
                  "SELECT 1 FROM " + table + " WHERE " + column + " = ? LIMIT 1")) {
            query.setString(1, sha256);
            try (ResultSet rs = query.executeQuery()) {
              return rs.next();
            }
          }
        });
  }

  private void stagingIn(Path storeRoot) {
    for (Path entry : list(storeRoot)) {
      String name = entry.getFileName().toString();
      Matcher owned = STAGING.matcher(name);
      boolean remove;
      if (owned.matches()) {
        Path owner = tmp.resolve(owned.group(1));
        Matcher pid = PROCESS_FOLDER.matcher(owned.group(1));
        remove = pid.matches() && !isLive(owner, Long.parseLong(pid.group(1)));
      } else {
        remove = LEGACY_STAGING.matcher(name).matches() && olderThanLooseAge(entry);
      }
      if (remove) {
        deleteTree(entry);
        staging++;
      }
    }
  }

  /**
   * Whether the process that owns {@code folder} still runs: this JVM, a held lock, or (while a new
   * process is between creating its folder and locking it) a process with that id that started
   * before the folder last changed.
   */
  private boolean isLive(Path folder, long pid) {
    if (pid == ownPid) {
      return true;
    }
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    Path lockFile = folder.resolve(ProcessScratch.LOCK_FILE);
    if (Files.exists(lockFile)) {
      try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
        FileLock lock = channel.tryLock();
        if (lock == null) {
          return true;
        }
        lock.release();
      } catch (OverlappingFileLockException e) {
        return true;
      } catch (IOException e) {
        // not ours to judge (another user's folder, or it went away): leave it
        return Files.exists(folder);
      }
    }
    Instant changed;
    try {
      changed = Files.getLastModifiedTime(folder).toInstant();
    } catch (IOException e) {
      return false;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    return process
        .map(
            p ->
                p.info()
                    .startInstant()
                    .map(start -> !start.isAfter(changed.plusSeconds(1)))
                    .orElse(true))
        .orElse(false);
  }

  private static boolean olderThanLooseAge(Path entry) {
    try {
      Instant modified = Files.getLastModifiedTime(entry, LinkOption.NOFOLLOW_LINKS).toInstant();
      return modified.isBefore(Instant.now().minus(LOOSE_AGE));
    } catch (IOException e) {
      return false;
    }
  }

  private static List<Path> list(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** Deletes {@code root} and everything under it, read-only files too; what fails stays. */
  static void deleteTree(Path root) {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    List<Path> paths = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.forEach(paths::add);
    } catch (IOException | RuntimeException e) {
      // delete what was listed
    }
    paths.sort(Comparator.reverseOrder());
    for (Path path : paths) {
      try {
        if (!Files.isSymbolicLink(path)) {
          path.toFile().setWritable(true);
        }
        Files.deleteIfExists(path);
      } catch (IOException e) {
        // stays until the next start
      }
    }
  }
}
