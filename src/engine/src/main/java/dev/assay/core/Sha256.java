package dev.assay.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests of files and bytes, as lowercase hex. */
public final class Sha256 {
  private Sha256() {}

  /** Streams the file through SHA-256, reporting bytes read and honouring cancellation. */
  public static String ofFile(Path file, Progress progress, Cancellation cancellation)
      throws IOException {
    MessageDigest digest = newDigest();
    long total = Files.size(file);
    long done = 0;
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
        done += n;
        if ((done & ((1 << 24) - 1)) < n) {
          cancellation.throwIfCancelled();
          progress.update(done, total, "hashing " + file.getFileName());
        }
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  public static String ofFile(Path file) throws IOException {
    return ofFile(file, Progress.NONE, Cancellation.NONE);
  }

  public static String ofBytes(byte[] bytes) {
    return HexFormat.of().formatHex(newDigest().digest(bytes));
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
