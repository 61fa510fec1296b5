package dev.assay.core.objectstore;

import dev.assay.core.AssayException;
import java.util.Locale;

/**
 * An object in S3-compatible storage named as {@code s3://BUCKET/KEY} (or {@code s3a://}, Hadoop's
 * spelling, which the Spark job reads).
 *
 * @param bucket the bucket
 * @param key the object's key (no leading slash)
 */
public record ObjectLocation(String bucket, String key) {

  /** Whether {@code text} names an object ({@code s3://} or {@code s3a://}) rather than a file. */
  public static boolean isObject(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    return lower.startsWith("s3://") || lower.startsWith("s3a://");
  }

  /**
   * Parses {@code s3://BUCKET/KEY}.
   *
   * @throws AssayException naming what is missing
   */
  public static ObjectLocation parse(String text) {
    if (!isObject(text)) {
      throw new AssayException(text + ": not an object location (s3://BUCKET/KEY)");
    }
    String rest = text.substring(text.indexOf("://") + 3);
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String key = slash < 0 ? "" : rest.substring(slash + 1);
    if (bucket.isEmpty()) {
      throw new AssayException(text + ": no bucket (s3://BUCKET/KEY)");
    }
    if (key.isEmpty() || key.endsWith("/")) {
      throw new AssayException(text + ": no object key (s3://BUCKET/KEY)");
    }
    return new ObjectLocation(bucket, key);
  }

  /** The key's last part, the object's file name. */
  public String fileName() {
    return key.substring(key.lastIndexOf('/') + 1);
  }

  @Override
  public String toString() {
    return "s3://" + bucket + "/" + key;
  }
}
