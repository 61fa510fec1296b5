package dev.assay.core.store;

import dev.assay.core.AssayException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * This process's folder for temporary files: {@code <workbench>/tmp/p<pid>-<random>/}, owner-only
 * on POSIX file systems (the tmp folder itself stays open to other users of a shared workbench),
 * locked for as long as the process has the workbench open and deleted when it closes it. A process
 * killed before it could delete its folder leaves it unlocked; the next process to open the
 * workbench removes it ({@link Leftovers}).
 *
 * <p>Besides temporary files it holds two kinds of notes for that sweep: the names of store folders
 * this process published ({@link #claim}), so that a folder whose database row never came is
 * recognised as an orphan, and temporary files that must live elsewhere (next to a target for an
 * atomic rename, {@link #noteOutside}).
 */
public final class ProcessScratch implements AutoCloseable {
  static final String PREFIX = "p";
  static final String LOCK_FILE = ".lock";
  static final String CLAIMS = "claims";
  static final String OUTSIDE_LIST = "outside.list";

  private final Path folder;
  private final FileChannel channel;
  private final FileLock lock;

  private ProcessScratch(Path folder, FileChannel channel, FileLock lock) {
    this.folder = folder;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Creates and locks a new folder for this process under {@code tmpRoot}.
   *
   * @throws AssayException when the folder cannot be created or locked
   */
  public static ProcessScratch create(Path tmpRoot) {
    try {
      Files.createDirectories(tmpRoot);
      Path folder;
      while (true) {
        folder =
            tmpRoot.resolve(
                PREFIX
                    + ProcessHandle.current().pid()
                    + "-"
                    + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
        try {
          ownerOnlyFolder(Files.createDirectory(folder));
          break;
        } catch (FileAlreadyExistsException e) {
          // another name
        }
      }
      FileChannel channel =
          FileChannel.open(
              folder.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      // blocks only while another process's start-up sweep looks at the new folder (microseconds)
      FileLock lock = channel.lock();
      return new ProcessScratch(folder, channel, lock);
    } catch (IOException e) {
      throw new AssayException(
          "cannot create a temporary folder in " + tmpRoot + ": " + e.getMessage(), e);
    }
  }

  /** The folder; temporary files go here (directly or in subfolders). */
  public Path folder() {
    return folder;
  }

  /** A new subfolder of {@link #folder()} with a unique name starting with {@code prefix}. */
  public Path newFolder(String prefix) throws IOException {
    return Files.createTempDirectory(folder, prefix);
  }

  /**
   * Notes that this process is about to publish {@code name} (a content-store folder, such as
   * {@code datasets-<sha256>}) and then record it in the database. Until this process ends, the
   * start-up sweep of another process leaves that folder alone; after a crash it checks whether the
   * row came.
   */
  public void claim(String name) throws IOException {
    Path claims = Files.createDirectories(folder.resolve(CLAIMS));
    Path claim = claims.resolve(name);
    if (!Files.exists(claim)) {
      Files.createFile(claim);
    }
  }

  /**
   * Notes a temporary file that has to live outside {@link #folder()} (next to a target so that it
   * can be renamed over it atomically), so that it is deleted after a crash too. Its name must
   * start with '.' and end with {@code .part}.
   */
  public synchronized void noteOutside(Path file) throws IOException {
    String name = file.getFileName().toString();
    if (!name.startsWith(".") || !name.endsWith(".part")) {
      throw new IllegalArgumentException("not a partial file name: " + name);
    }
    Files.writeString(
        folder.resolve(OUTSIDE_LIST),
        file.toAbsolutePath().normalize() + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  /** Releases the lock and deletes the folder with everything in it. */
  @Override
  public void close() {
    Leftovers.deleteTree(folder);
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // the folder is gone or goes at the next start
    }
  }

  private static Path ownerOnlyFolder(Path folder) throws IOException {
    Files.createDirectories(folder);
    if (Files.getFileAttributeView(folder, java.nio.file.attribute.PosixFileAttributeView.class)
        != null) {
      Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
    }
    return folder;
  }
}
