package dev.assay.core.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Checks an external-data reference of an ONNX tensor before ONNX Runtime is allowed to see the
 * file: the location must be relative, stay inside the model's folder, name a regular file that is
 * neither a symbolic nor a hard link, and the referenced byte range must lie inside that file.
 * Nothing outside the model's folder is opened.
 */
public final class ExternalDataGuard {
  private static final Pattern WINDOWS_ABSOLUTE = Pattern.compile("^([A-Za-z]:|[\\\\/]{2}).*");

  private final Path modelFile;
  private final Path folder;

  public ExternalDataGuard(Path modelFile) {
    this.modelFile = modelFile;
    this.folder = modelFile.toAbsolutePath().normalize().getParent();
  }

  /** A checked reference: the normalised relative location and the file it resolves to. */
  public record CheckedReference(String relativeLocation, Path file) {}

  /**
   * Checks one reference.
   *
   * @param tensorName the tensor that carries the reference, for messages
   * @param location the {@code location} entry
   * @param offset the {@code offset} entry, or null
   * @param length the {@code length} entry, or null
   * @param declaredBytes bytes the tensor's dims and type require, or -1 when not computable
   */
  public CheckedReference check(
      String tensorName, String location, String offset, String length, long declaredBytes) {
    String where = "tensor '" + tensorName + "' external data";
    if (location == null || location.isBlank()) {
      throw reject(ModelProblem.EXTERNAL_INVALID, where + " has no location");
    }
    if (location.indexOf('\0') >= 0) {
      throw reject(ModelProblem.EXTERNAL_INVALID, where + " location contains a NUL character");
    }
    if (location.startsWith("/")
        || location.startsWith("\\")
        || WINDOWS_ABSOLUTE.matcher(location).matches()) {
      throw reject(
          ModelProblem.EXTERNAL_ABSOLUTE_PATH,
          where
              + " location '"
              + location
              + "' is an absolute path; it must be relative to the model's folder");
    }
    for (String segment : location.split("[/\\\\]")) {
      if (segment.equals("..")) {
        throw reject(
            ModelProblem.EXTERNAL_OUTSIDE_FOLDER,
            where + " location '" + location + "' points outside the model's folder ('..')");
      }
    }
    Path resolved = folder.resolve(location.replace('\\', '/')).normalize();
    if (!resolved.startsWith(folder) || resolved.equals(folder)) {
      throw reject(
          ModelProblem.EXTERNAL_OUTSIDE_FOLDER,
          where + " location '" + location + "' points outside the model's folder");
    }
    Path relative = folder.relativize(resolved);
    Path step = folder;
    for (Path part : relative) {
      step = step.resolve(part);
      if (Files.isSymbolicLink(step)) {
        throw reject(
            ModelProblem.EXTERNAL_LINK,
            where + " location '" + location + "' is or passes through a symbolic link");
      }
    }
    if (!Files.exists(resolved, LinkOption.NOFOLLOW_LINKS)) {
      throw reject(
          ModelProblem.EXTERNAL_MISSING,
          where + " file '" + location + "' is missing next to the model");
    }
    if (!Files.isRegularFile(resolved, LinkOption.NOFOLLOW_LINKS)) {
      throw reject(
          ModelProblem.EXTERNAL_INVALID,
          where + " location '" + location + "' is not a regular file");
    }
    long size;
    try {
      size = Files.size(resolved);
      Object links = linkCount(resolved);
      if (links instanceof Integer n && n > 1) {
        throw reject(
            ModelProblem.EXTERNAL_LINK,
            where + " file '" + location + "' is a hard link (" + n + " names); copy it instead");
      }
    } catch (IOException e) {
      throw reject(
          ModelProblem.EXTERNAL_INVALID,
          where + " file '" + location + "' cannot be read: " + e.getMessage());
    }
    long start = parseNonNegative(where, "offset", offset, 0);
    long available = size - Math.min(start, size);
    if (start > size) {
      throw reject(
          ModelProblem.EXTERNAL_OUT_OF_RANGE,
          where
              + " offset "
              + start
              + " lies beyond the end of '"
              + location
              + "' ("
              + size
              + " bytes)");
    }
    long span = parseNonNegative(where, "length", length, available);
    if (span > available) {
      throw reject(
          ModelProblem.EXTERNAL_OUT_OF_RANGE,
          where
              + " offset "
              + start
              + " + length "
              + span
              + " lies beyond the end of '"
              + location
              + "' ("
              + size
              + " bytes)");
    }
    if (declaredBytes >= 0 && declaredBytes > span) {
      throw reject(
          ModelProblem.EXTERNAL_OUT_OF_RANGE,
          where
              + " declares "
              + declaredBytes
              + " bytes but only "
              + span
              + " are present in '"
              + location
              + "'");
    }
    return new CheckedReference(relative.toString().replace('\\', '/'), resolved);
  }

  private static Object linkCount(Path file) {
    try {
      return Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
    } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
      return null;
    }
  }

  private long parseNonNegative(String where, String key, String value, long defaultValue) {
    if (value == null || value.isBlank()) {
      return defaultValue;
    }
    try {
      long parsed = Long.parseLong(value.trim());
      if (parsed < 0) {
        throw reject(
            ModelProblem.EXTERNAL_INVALID, where + " " + key + " " + value + " is negative");
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw reject(
          ModelProblem.EXTERNAL_INVALID, where + " " + key + " '" + value + "' is not a number");
    }
  }

  private ModelRejectedException reject(ModelProblem problem, String reason) {
    return new ModelRejectedException(modelFile, problem, reason);
  }
}
