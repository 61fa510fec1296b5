package dev.assay.core.store;

import dev.assay.core.AssayException;
import dev.assay.core.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Content-addressed store of runs' per-row predictions inside the workbench home: {@code
 * <root>/<sha256>.pred}. A finished predictions file is hashed, forced to disk, claimed in this
 * process's scratch folder and renamed in atomically (the scratch folder is on the same file
 * system), so that a crash between the rename and the database commit leaves a file the next start
 * recognises as an orphan. Identical predictions share one file. Files are read-only and, like the
 * other stores, not encrypted.
 */
public final class PredictionStore {
  /** The prefix of this store's claims in a process's scratch folder. */
  public static final String CLAIM_PREFIX = "predictions-";

  private static final String SUFFIX = ".pred";

  private final Path root;
  private final ProcessScratch scratch;
  private final String suffix;
  private final String noun;

  /**
   * @param root the store folder
   * @param scratch this process's temporary folder, where files are claimed before they are
   *     published
   */
  public PredictionStore(Path root, ProcessScratch scratch) {
    this(root, scratch, SUFFIX, "predictions file");
  }

  /**
   * A store of other derived files kept the same way (drift reference profiles).
   *
   * @param suffix the files' suffix, e.g. {@code .profile}
   * @param noun what a file is, in messages, e.g. {@code drift profile}
   */
  public PredictionStore(Path root, ProcessScratch scratch, String suffix, String noun) {
    this.root = root;
    this.scratch = scratch;
    this.suffix = suffix;
    this.noun = noun;
  }

  /** A stored predictions file: its SHA-256 (lowercase hex) and size in bytes. */
  public record Stored(String sha256, long sizeBytes) {}

  /**
   * Moves {@code file} (in this process's scratch folder) into the store under its SHA-256. When
   * the store holds those bytes already, {@code file} is deleted and the stored copy kept.
   *
   * @throws AssayException when the file cannot be hashed, forced to disk or moved
   */
  public Stored publish(Path file) {
    try {
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      String sha256 = Sha256.ofFile(file);
      long size = Files.size(file);
      Files.createDirectories(root);
      Path target = file(sha256);
      scratch.claim(CLAIM_PREFIX + sha256);
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        Files.delete(file);
      } else {
        readOnlyForAll(file);
        try {
          Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(file, target);
        }
        forceFolder(root);
      }
      return new Stored(sha256, size);
    } catch (IOException e) {
      throw new AssayException(
          "cannot store the " + noun + " in " + root + ": " + e.getMessage(), e);
    }
  }

  /** The file holding the predictions with {@code sha256}. */
  public Path file(String sha256) {
    if (!sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("not a SHA-256: " + sha256);
    }
    return root.resolve(sha256 + suffix);
  }

  /**
   * Copies the stored predictions with {@code sha256} to {@code target}, streaming, and checks
   * their hash on the way.
   *
   * @throws AssayException when the file is missing, unreadable or no longer has that hash
   */
  public void copy(String sha256, Path target) {
    Path file = file(sha256);
    MessageDigest digest = sha256Digest();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new AssayException("the " + noun + " " + file + " is missing");
    } catch (IOException e) {
      throw new AssayException("cannot read the " + noun + " " + file + ": " + e.getMessage());
    }
    if (!HexFormat.of().formatHex(digest.digest()).equals(sha256)) {
      throw new AssayException(
          "the " + noun + " " + file + " was changed outside Assay (its SHA-256 differs)");
    }
  }

  /**
   * What is wrong with the stored file {@code sha256} of {@code sizeBytes}: missing, changed (its
   * hash differs), unreadable; null when it is intact.
   */
  public String problem(String sha256, long sizeBytes) {
    Path file = file(sha256);
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return "the " + noun + " " + file.getFileName() + " is missing";
    }
    try {
      if (Files.size(file) != sizeBytes || !Sha256.ofFile(file).equals(sha256)) {
        return "the " + noun + " " + file.getFileName() + " was changed";
      }
      return null;
    } catch (IOException e) {
      return "the " + noun + " " + file.getFileName() + " cannot be read: " + e.getMessage();
    }
  }

  /**
   * Read-only, readable like the other stores' files (a scratch file is owner-only), so that other
   * users of a shared workbench can report on the run.
   */
  private static void readOnlyForAll(Path file) throws IOException {
    if (Files.getFileAttributeView(file, java.nio.file.attribute.PosixFileAttributeView.class)
        != null) {
      Files.setPosixFilePermissions(
          file, java.nio.file.attribute.PosixFilePermissions.fromString("r--r--r--"));
    } else {
      file.toFile().setWritable(false, false);
    }
  }

  private static void forceFolder(Path folder) {
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // not every platform opens folders (Windows): the rename itself is durable there
    }
  }

  private static MessageDigest sha256Digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
