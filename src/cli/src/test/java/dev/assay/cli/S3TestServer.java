package dev.assay.cli;

import dev.assay.core.objectstore.S3Settings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

/**
 * An S3-compatible server in the test JVM for the {@code s3://} import tests (issue 21): S3Proxy on
 * 127.0.0.1 with its in-memory blob store and SigV4 authentication for one access key.
 */
final class S3TestServer {
  static final String ACCESS = "assay-test-access";
  static final String SECRET = "assay-test-secret-0123456789";

  private final S3Proxy server;
  private final String endpoint;
  private final Path folder;

  private S3TestServer(S3Proxy server, Path folder) {
    this.server = server;
    this.endpoint = "http://127.0.0.1:" + server.getPort();
    this.folder = folder;
  }

  /**
   * Starts a server.
   *
   * @param folder where credentials files are written
   */
  static S3TestServer start(Path folder) throws Exception {
    S3Proxy server =
        S3Proxy.builder()
            .blobStore(new TransientNio2BlobStore())
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS, SECRET)
            .build();
    server.start();
    for (int i = 0; i < 200 && !"STARTED".equals(server.getState()); i++) {
      Thread.sleep(25);
    }
    return new S3TestServer(server, folder);
  }

  String endpoint() {
    return endpoint;
  }

  /** A credentials file in the AWS CLI's format with one profile. */
  Path credentials(String profile, String access, String secret) throws Exception {
    Path file = folder.resolve(profile + ".credentials");
    Files.writeString(
        file,
        "["
            + profile
            + "]\naws_access_key_id = "
            + access
            + "\naws_secret_access_key = "
            + secret
            + "\n");
    return file;
  }

  /** A client with the server's own key. */
  S3Client client() throws Exception {
    return S3Settings.of(
            endpoint, null, "uploader", credentials("uploader", ACCESS, SECRET), Map.of())
        .client();
  }

  /** Creates a bucket with versioning on. */
  static void createVersionedBucket(S3Client client, String bucket) {
    client.createBucket(b -> b.bucket(bucket));
    client.putBucketVersioning(
        b ->
            b.bucket(bucket)
                .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
  }

  /** Regular files under {@code home} whose path contains a fetch's folder {@code s3-*}. */
  static List<Path> fetchFolders(Path home) throws Exception {
    if (!Files.exists(home)) {
      return List.of();
    }
    try (Stream<Path> all = Files.walk(home)) {
      return all.filter(p -> p.getFileName().toString().startsWith("s3-")).toList();
    }
  }

  void stop() throws Exception {
    server.stop();
  }
}
