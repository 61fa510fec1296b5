package dev.assay.installer;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The OS and CPU the packages are built for: jpackage cannot cross-build, so it is always the
 * machine's own.
 *
 * @param os {@code linux}, {@code windows} or {@code macos}
 * @param arch {@code x64} or {@code aarch64}
 */
record Platform(String os, String arch) {

  static Platform current() {
    String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String os =
        name.contains("win")
            ? "windows"
            : name.contains("mac") || name.contains("darwin") ? "macos" : "linux";
    String cpu = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    String arch = cpu.equals("aarch64") || cpu.equals("arm64") ? "aarch64" : "x64";
    return new Platform(os, arch);
  }

  /** The folder of ONNX Runtime's jar that holds this platform's native libraries. */
  String onnxRuntimeNatives() {
    return switch (os) {
      case "windows" -> "win-" + arch;
      case "macos" -> "osx-" + arch;
      default -> "linux-" + arch;
    };
  }

  /** The Maven classifier of OpenJFX's jars for this platform. */
  String javafxClassifier() {
    String base =
        switch (os) {
          case "windows" -> "win";
          case "macos" -> "mac";
          default -> "linux";
        };
    return arch.equals("aarch64") ? base + "-aarch64" : base;
  }

  /** The installer types jpackage builds here, in the order they are built. */
  List<String> installerTypes() {
    return switch (os) {
      case "windows" -> List.of("msi");
      case "macos" -> List.of("dmg");
      default -> List.of("deb", "rpm");
    };
  }

  /** Name of the portable archive's format. */
  String archiveExtension() {
    return os.equals("windows") ? "zip" : "tar.gz";
  }

  /** The app-image's folder of application files (jpackage's {@code $APPDIR}). */
  Path appDir(Path image) {
    return switch (os) {
      case "windows" -> image.resolve("app");
      case "macos" -> image.resolve("Contents/app");
      default -> image.resolve("lib/app");
    };
  }

  /** The app-image's main launcher. */
  Path launcher(Path image, String name) {
    return switch (os) {
      case "windows" -> image.resolve(name + ".exe");
      case "macos" -> image.resolve("Contents/MacOS/" + name);
      default -> image.resolve("bin/" + name);
    };
  }

  @Override
  public String toString() {
    return os + "-" + arch;
  }
}
