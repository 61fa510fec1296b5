package dev.assay.core.security;

import dev.assay.core.AssayException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The public keys a site trusts: every {@code *.pub} file (X.509 SubjectPublicKeyInfo PEM) in the
 * workbench's {@code trust} folder, read afresh on each use so adding or removing a file takes
 * effect at once. Files that are not keys are reported, not trusted.
 */
public final class TrustedKeys {
  private final Path folder;

  public TrustedKeys(Path folder) {
    this.folder = folder;
  }

  /**
   * One trusted key.
   *
   * @param name the file name without {@code .pub}
   */
  public record TrustedKey(String name, Path file, String fingerprint, PublicKey key) {}

  /** The trust folder. */
  public Path folder() {
    return folder;
  }

  /** The trusted keys, by file name; unreadable files are skipped (see {@link #problems()}). */
  public List<TrustedKey> keys() {
    List<TrustedKey> keys = new ArrayList<>();
    for (Path file : files()) {
      try {
        PublicKey key = SigningKeys.readPublicKey(file);
        String name = file.getFileName().toString();
        keys.add(
            new TrustedKey(
                name.substring(0, name.length() - 4), file, SigningKeys.fingerprint(key), key));
      } catch (AssayException e) {
        // reported by problems()
      }
    }
    return keys;
  }

  /** One line per {@code .pub} file that is not a usable public key. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    for (Path file : files()) {
      try {
        SigningKeys.readPublicKey(file);
      } catch (AssayException e) {
        problems.add(e.getMessage());
      }
    }
    return problems;
  }

  /** The trusted key with this fingerprint, if any. */
  public Optional<TrustedKey> find(String fingerprint) {
    return keys().stream().filter(k -> k.fingerprint().equals(fingerprint)).findFirst();
  }

  private List<Path> files() {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(folder)) {
      return entries
          .filter(p -> p.getFileName().toString().endsWith(".pub") && Files.isRegularFile(p))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new AssayException("cannot list the trust folder " + folder + ": " + e.getMessage(), e);
    }
  }
}
