package dev.assay.installer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Splits ONNX Runtime's jar, which carries the native libraries of every platform it supports
 * (about 77 MB), into a jar of classes and a folder with this platform's native libraries only. The
 * packager puts them beside the runtime image's own libraries, where ONNX Runtime's loader finds
 * them with {@code System.loadLibrary} once the jar has none: they are loaded in place instead of
 * being copied (about 28 MB) to the temporary folder at every start, which also fails where that
 * folder is mounted {@code noexec}.
 */
final class OnnxRuntimeJar {
  private static final String NATIVE = "ai/onnxruntime/native/";

  private OnnxRuntimeJar() {}

  /**
   * @return the native libraries written to {@code nativeDir}
   */
  static List<String> split(
      Path jar, Path classesJar, Path nativeDir, String platformDir, FileTime time) {
    List<String> natives = new ArrayList<>();
    try (ZipFile zip = new ZipFile(jar.toFile());
        OutputStream file = Files.newOutputStream(classesJar);
        ZipOutputStream out = new ZipOutputStream(file)) {
      Files.createDirectories(nativeDir);
      for (ZipEntry entry : zip.stream().toList()) {
        String name = entry.getName();
        if (name.startsWith(NATIVE)) {
          String rest = name.substring(NATIVE.length());
          boolean ours = rest.startsWith(platformDir + "/");
          String fileName = rest.substring(rest.indexOf('/') + 1);
          if (ours && !entry.isDirectory() && !fileName.isEmpty() && !fileName.contains("/")) {
            try (InputStream in = zip.getInputStream(entry)) {
              Files.copy(in, nativeDir.resolve(fileName));
            }
            natives.add(fileName);
          }
          continue;
        }
        ZipEntry copy = new ZipEntry(name);
        copy.setLastModifiedTime(time);
        out.putNextEntry(copy);
        try (InputStream in = zip.getInputStream(entry)) {
          in.transferTo(out);
        }
        out.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (natives.isEmpty()) {
      throw new IllegalStateException(
          jar.getFileName() + " has no native libraries for " + platformDir);
    }
    return natives.stream().sorted().toList();
  }
}
