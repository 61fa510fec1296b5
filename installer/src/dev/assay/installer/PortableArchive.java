package dev.assay.installer;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The portable archive of the app-image: a POSIX tar.gz (Linux, macOS) or a zip (Windows), written
 * here rather than by the system's tar so it is the same on every OS and byte-reproducible: entries
 * sorted by name, owner root, the build's timestamp on every entry, no gzip name or time.
 */
final class PortableArchive {
  private static final int BLOCK = 512;

  private PortableArchive() {}

  static void write(Path image, Path archive, FileTime time) {
    try (Stream<Path> walk = Files.walk(image)) {
      List<Path> paths = walk.sorted().toList();
      if (archive.toString().endsWith(".zip")) {
        zip(image, paths, archive, time);
      } else {
        tarGz(image, paths, archive, time);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String entryName(Path image, Path path) {
    Path relative = image.getParent().relativize(path);
    return relative.toString().replace('\\', '/');
  }

  private static void zip(Path image, List<Path> paths, Path archive, FileTime time)
      throws IOException {
    try (ZipOutputStream out =
        new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(archive)))) {
      for (Path path : paths) {
        boolean dir = Files.isDirectory(path);
        ZipEntry entry = new ZipEntry(entryName(image, path) + (dir ? "/" : ""));
        entry.setLastModifiedTime(time);
        out.putNextEntry(entry);
        if (!dir) {
          Files.copy(path, out);
        }
        out.closeEntry();
      }
    }
  }

  private static void tarGz(Path image, List<Path> paths, Path archive, FileTime time)
      throws IOException {
    // GZIPOutputStream writes MTIME 0 and no file name: nothing of the build machine in the header
    try (OutputStream out =
        new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(archive)), 1 << 16)) {
      long mtime = time.toInstant().getEpochSecond();
      for (Path path : paths) {
        String name = entryName(image, path);
        if (Files.isSymbolicLink(path)) {
          String target = Files.readSymbolicLink(path).toString().replace('\\', '/');
          out.write(header(name, 0777, 0, mtime, '2', target));
        } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
          out.write(header(name + "/", 0755, 0, mtime, '5', ""));
        } else {
          long size = Files.size(path);
          out.write(header(name, mode(path), size, mtime, '0', ""));
          Files.copy(path, out);
          int pad = (int) ((BLOCK - size % BLOCK) % BLOCK);
          out.write(new byte[pad]);
        }
      }
      out.write(new byte[2 * BLOCK]);
    }
  }

  /** 0755 for files someone may execute (launchers, native libraries), else 0644. */
  private static int mode(Path file) throws IOException {
    if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      return perms.contains(PosixFilePermission.OWNER_EXECUTE) ? 0755 : 0644;
    }
    String name = file.getFileName().toString();
    return name.endsWith(".so") || name.endsWith(".dylib") || file.getParent().endsWith("bin")
        ? 0755
        : 0644;
  }

  /** A ustar header block; long names are split into the prefix and name fields. */
  private static byte[] header(
      String name, int mode, long size, long mtime, char type, String linkName) {
    byte[] block = new byte[BLOCK];
    String prefix = "";
    if (utf8(name).length > 100) {
      int cut = name.lastIndexOf('/', name.length() - 2);
      while (cut > 0 && (utf8(name.substring(cut + 1)).length > 100 || cut > 155)) {
        cut = name.lastIndexOf('/', cut - 1);
      }
      if (cut <= 0 || utf8(name.substring(0, cut)).length > 155) {
        throw new IllegalStateException("path too long for a tar header: " + name);
      }
      prefix = name.substring(0, cut);
      name = name.substring(cut + 1);
    }
    if (utf8(linkName).length > 100) {
      throw new IllegalStateException("link target too long for a tar header: " + linkName);
    }
    put(block, 0, 100, utf8(name));
    put(block, 100, 8, octal(mode, 7));
    put(block, 108, 8, octal(0, 7));
    put(block, 116, 8, octal(0, 7));
    put(block, 124, 12, octal(size, 11));
    put(block, 136, 12, octal(mtime, 11));
    put(block, 148, 8, "        ".getBytes(StandardCharsets.US_ASCII));
    block[156] = (byte) type;
    put(block, 157, 100, utf8(linkName));
    put(block, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
    put(block, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
    put(block, 265, 32, utf8("root"));
    put(block, 297, 32, utf8("root"));
    put(block, 345, 155, utf8(prefix));
    long checksum = 0;
    for (byte b : block) {
      checksum += b & 0xff;
    }
    put(
        block,
        148,
        8,
        (String.format("%06o", checksum) + "\0 ").getBytes(StandardCharsets.US_ASCII));
    return block;
  }

  private static byte[] octal(long value, int digits) {
    return (String.format("%0" + digits + "o", value) + "\0").getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void put(byte[] block, int offset, int length, byte[] value) {
    System.arraycopy(value, 0, block, offset, Math.min(length, value.length));
  }
}
