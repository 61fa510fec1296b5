package dev.assay.installer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Turns OpenJFX's platform jars from Maven Central into jmod files, so jlink links JavaFX into the
 * runtime image with its native libraries in the image's {@code lib/} (the jars carry them as
 * resources, which JavaFX would otherwise unpack into {@code ~/.openjfx/cache} at the first start).
 */
final class JavaFxModules {
  private JavaFxModules() {}

  /**
   * @param javafxJars the distribution's {@code lib/javafx} (OpenJFX's jars, with and without the
   *     platform classifier)
   * @return the folder of jmod files
   */
  static Path jmods(Path javafxJars, String classifier, Path work, String timestamp) {
    Path jmods = work.resolve("javafx-jmods");
    List<Path> jars;
    try (Stream<Path> files = Files.list(javafxJars)) {
      jars = files.filter(f -> f.toString().endsWith("-" + classifier + ".jar")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (jars.isEmpty()) {
      throw new IllegalStateException(
          "no OpenJFX jars for '" + classifier + "' in " + javafxJars + " (build on this OS)");
    }
    try {
      Files.createDirectories(jmods);
      for (Path jar : jars) {
        String module =
            ModuleFinder.of(jar).findAll().stream()
                .map(ModuleReference::descriptor)
                .findFirst()
                .orElseThrow()
                .name();
        Path classes = work.resolve("javafx-classes/" + module);
        Path libs = work.resolve("javafx-libs/" + module);
        boolean hasLibs = unpack(jar, classes, libs);
        List<String> args = new ArrayList<>(List.of("create", "--class-path", classes.toString()));
        if (hasLibs) {
          args.addAll(List.of("--libs", libs.toString()));
        }
        args.addAll(List.of("--date", timestamp, jmods.resolve(module + ".jmod").toString()));
        Tools.jdk("jmod", args);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return jmods;
  }

  /** Unpacks classes and resources to {@code classes}, native libraries to {@code libs}. */
  private static boolean unpack(Path jar, Path classes, Path libs) throws IOException {
    boolean hasLibs = false;
    Files.createDirectories(classes);
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (ZipEntry entry : zip.stream().toList()) {
        String name = entry.getName();
        if (entry.isDirectory() || name.startsWith("META-INF/maven/")) {
          continue;
        }
        boolean nativeLibrary =
            !name.contains("/")
                && (name.endsWith(".so") || name.endsWith(".dll") || name.endsWith(".dylib"));
        if (name.equals("javafx-swt.jar")) {
          continue; // SWT interop, not used by Assay
        }
        Path target = (nativeLibrary ? libs : classes).resolve(name);
        hasLibs |= nativeLibrary;
        Files.createDirectories(target.getParent());
        try (InputStream in = zip.getInputStream(entry)) {
          Files.copy(in, target);
        }
      }
    }
    return hasLibs;
  }
}
