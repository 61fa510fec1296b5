package dev.assay.core;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;
import java.util.jar.JarFile;

/** Assay's own version and build, shared by the desktop app and the CLI. */
public final class AssayVersion {
  private AssayVersion() {}

  /** Assay's version, from the jar manifest; {@code dev} when running from classes. */
  public static String version() {
    String version = AssayVersion.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }

  /**
   * The git commit the running assay.jar was built from (its manifest's {@code Build-Commit}), or
   * {@code unknown}.
   */
  public static String commit() {
    // no lambda: this is most of what `assay --version` runs, and a lambda's first use costs more
    Optional<Path> jar = jar();
    return jar.isPresent() ? manifestCommit(jar.get()) : "unknown";
  }

  /** The SHA-256 of the running assay.jar, to compare with the build's SBOM and checksums. */
  public static Optional<String> jarSha256() {
    return jar().flatMap(AssayVersion::sha256);
  }

  private static Optional<String> sha256(Path jar) {
    try {
      return Optional.of(Sha256.ofFile(jar));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static Optional<Path> jar() {
    try {
      CodeSource source = AssayVersion.class.getProtectionDomain().getCodeSource();
      if (source == null || source.getLocation() == null) {
        return Optional.empty();
      }
      Path path = Path.of(source.getLocation().toURI());
      return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
      return Optional.empty();
    }
  }

  private static String manifestCommit(Path jar) {
    try (JarFile file = new JarFile(jar.toFile())) {
      String commit =
          file.getManifest() == null
              ? null
              : file.getManifest().getMainAttributes().getValue("Build-Commit");
      return commit == null || commit.isBlank() ? "unknown" : commit;
    } catch (IOException e) {
      return "unknown";
    }
  }
}
