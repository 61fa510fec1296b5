package dev.assay.core.objectstore;

import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Streams one object from S3-compatible storage into a local file, hashing it (SHA-256) as it
 * arrives, and keeps what identifies the bytes read: the object's ETag and, in a versioned bucket,
 * its version id. A refused request (no such bucket or key, refused credentials, an unreachable
 * endpoint) is one {@link AssayException} line, and the partial file is removed.
 */
public final class ObjectFetch {
  private final S3Settings settings;

  public ObjectFetch(S3Settings settings) {
    this.settings = settings;
  }

  /**
   * The object as fetched.
   *
   * @param versionId the object's version, or null when the bucket is not versioned
   */
  public record Fetched(
      ObjectLocation location,
      Path file,
      String sha256,
      long size,
      String eTag,
      String versionId,
      Instant lastModified,
      String endpoint) {

    /** The source to record: {@code s3://BUCKET/KEY}, with {@code ?versionId=V} when versioned. */
    public String source() {
      return location + (versionId != null ? "?versionId=" + versionId : "");
    }

    /** The provenance as key=value pairs (for the audit entry and JSON output). */
    public Map<String, Object> provenance() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("uri", location.toString());
      m.put("endpoint", endpoint);
      m.put("etag", eTag);
      m.put("version_id", versionId);
      m.put("size", size);
      m.put("last_modified", lastModified != null ? lastModified.toString() : null);
      return m;
    }
  }

  /** Fetches {@code location} into {@code target} (created; removed again on failure). */
  public Fetched fetch(
      ObjectLocation location, Path target, Progress progress, Cancellation cancellation) {
    boolean done = false;
    try (S3Client client = settings.client();
        ResponseInputStream<GetObjectResponse> in =
            client.getObject(
                GetObjectRequest.builder().bucket(location.bucket()).key(location.key()).build())) {
      GetObjectResponse head = in.response();
      long total = head.contentLength() != null ? head.contentLength() : -1;
      String sha256 = copy(in, target, total, location, progress, cancellation);
      done = true;
      return new Fetched(
          location,
          target,
          sha256,
          Files.size(target),
          unquote(head.eTag()),
          "null".equals(head.versionId()) ? null : head.versionId(),
          head.lastModified(),
          settings.endpointText());
    } catch (S3Exception e) {
      throw new AssayException(location + ": " + reason(e, location), e);
    } catch (SdkClientException e) {
      throw new AssayException(location + ": " + clientReason(e), e);
    } catch (SdkException e) {
      throw new AssayException(location + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new AssayException(location + ": cannot be read: " + e.getMessage(), e);
    } finally {
      if (!done) {
        try {
          Files.deleteIfExists(target);
        } catch (IOException ignored) {
          // the scratch folder is cleared when the workbench opens
        }
      }
    }
  }

  private static String copy(
      InputStream in,
      Path target,
      long total,
      ObjectLocation location,
      Progress progress,
      Cancellation cancellation)
      throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    byte[] buffer = new byte[1 << 16];
    long read = 0;
    try (OutputStream out = Files.newOutputStream(target)) {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        cancellation.throwIfCancelled();
        digest.update(buffer, 0, n);
        out.write(buffer, 0, n);
        read += n;
        progress.update(read, Math.max(total, read), "downloading " + location);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private String reason(S3Exception e, ObjectLocation location) {
    String code = e.awsErrorDetails() != null ? e.awsErrorDetails().errorCode() : null;
    if (code == null) {
      code = "";
    }
    return switch (code) {
      case "NoSuchKey" -> "no such object in bucket '" + location.bucket() + "'";
      case "NoSuchBucket" -> "no such bucket '" + location.bucket() + "' at " + where();
      case "InvalidAccessKeyId" -> "the access key is not known to " + where() + " (" + code + ")";
      case "SignatureDoesNotMatch" ->
          "the secret key does not match the access key at " + where() + " (" + code + ")";
      case "AccessDenied" -> "access denied by " + where() + " (" + code + ")";
      default ->
          e.statusCode() == 404
              ? "not found at " + where()
              : "refused by " + where() + " (HTTP " + e.statusCode() + " " + code + ")";
    };
  }

  private String clientReason(SdkClientException e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    if (message.contains("Unable to load credentials")) {
      return "no S3 credentials found (give --s3-profile, --s3-credentials FILE, or"
          + " AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)";
    }
    if (message.contains("Unable to execute HTTP request")) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      return "cannot reach " + where() + ": " + cause.getMessage();
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private String where() {
    return settings.endpointText();
  }

  private static String unquote(String eTag) {
    return eTag != null && eTag.length() >= 2 && eTag.startsWith("\"") && eTag.endsWith("\"")
        ? eTag.substring(1, eTag.length() - 1)
        : eTag;
  }
}
