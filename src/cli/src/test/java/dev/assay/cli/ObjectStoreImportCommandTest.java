package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.Sha256;
import dev.assay.core.objectstore.ObjectImports;
import dev.assay.core.objectstore.ObjectLocation;
import dev.assay.core.objectstore.S3Settings;
import dev.assay.testing.TestModels;
import dev.assay.testing.TestWorkbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * {@code assay datasets import s3://BUCKET/KEY} (issue 21) against an S3-compatible server started
 * in this JVM (S3Proxy on 127.0.0.1 with its in-memory blob store, SigV4 authentication, a
 * versioned bucket): the imported dataset is the same bytes as the local file (same SHA-256), its
 * source and the object's ETag and version are recorded, and an evaluation of it gives the same
 * metrics as the local file's. A missing key or bucket, refused credentials or an unreachable
 * endpoint give one line, exit 1, and leave nothing in the workbench.
 */
class ObjectStoreImportCommandTest {
  private static final String ACCESS = S3TestServer.ACCESS;
  private static final String SECRET = S3TestServer.SECRET;
  private static final Path HMDA = TestModels.repoRoot().resolve("models/data/hmda_test.csv");

  private static S3TestServer server;
  private static String endpoint;
  private static PutObjectResponse uploaded;

  @TempDir static Path shared;
  @TempDir Path dir;

  @BeforeAll
  static void startServer() throws Exception {
    server = S3TestServer.start(shared);
    endpoint = server.endpoint();
    try (S3Client client = server.client()) {
      S3TestServer.createVersionedBucket(client, "datasets");
      uploaded =
          client.putObject(
              b -> b.bucket("datasets").key("hmda/hmda_test.csv"), RequestBody.fromFile(HMDA));
    }
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.stop();
    }
  }

  private static Path credentials(String profile, String access, String secret) throws Exception {
    return server.credentials(profile, access, secret);
  }

  private CliRun.Outcome importObject(Path home, String uri, Path credentials, String profile) {
    return CliRun.run(
        home,
        "datasets",
        "import",
        uri,
        "--name",
        "hmda",
        "--s3-endpoint",
        endpoint,
        "--s3-credentials",
        credentials.toString(),
        "--s3-profile",
        profile,
        "--json");
  }

  private static JsonNode eval(Path home, String data) throws Exception {
    CliRun.Outcome r =
        CliRun.run(
            home,
            "eval",
            "--model",
            TestModels.sample("hmda-deny-v1.onnx").toString(),
            "--data",
            data,
            "--target",
            "deny",
            "--json",
            "-",
            "--quiet");
    assertThat(r.code()).as(r.err()).isZero();
    return r.json();
  }

  @Test
  void anObjectImportsAsTheSameDatasetAndEvaluatesAsTheLocalFile() throws Exception {
    Path home = dir.resolve("object-home");
    CliRun.Outcome r =
        importObject(
            home,
            "s3://datasets/hmda/hmda_test.csv",
            credentials("reader", ACCESS, SECRET),
            "reader");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode doc = r.json();
    assertThat(doc.get("status").asText()).isEqualTo("imported");
    assertThat(doc.get("sha256").asText()).isEqualTo(Sha256.ofFile(HMDA));
    assertThat(doc.get("rows").asLong()).isEqualTo(Files.lines(HMDA).count() - 1);
    String version = uploaded.versionId();
    assertThat(version).isNotBlank();
    assertThat(doc.get("source_path").asText())
        .isEqualTo("s3://datasets/hmda/hmda_test.csv?versionId=" + version);
    JsonNode object = doc.get("object");
    assertThat(object.get("etag").asText()).isEqualTo(uploaded.eTag().replace("\"", ""));
    assertThat(object.get("version_id").asText()).isEqualTo(version);
    assertThat(object.get("endpoint").asText()).isEqualTo(endpoint);
    assertThat(object.get("size").asLong()).isEqualTo(Files.size(HMDA));

    CliRun.Outcome audit = CliRun.run(home, "audit", "export");
    assertThat(audit.out()).contains("etag=" + uploaded.eTag().replace("\"", ""));
    assertThat(audit.out()).contains("version=" + version);

    JsonNode fromObject = eval(home, "hmda").get("metrics");
    JsonNode fromFile = eval(dir.resolve("local-home"), HMDA.toString()).get("metrics");
    assertThat(fromObject.size()).isGreaterThan(5);
    for (Iterator<String> keys = fromFile.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      assertThat(fromObject.get(key)).as("metrics.%s", key).isEqualTo(fromFile.get(key));
    }
    assertThat(fromObject.get("roc_auc").asDouble()).isBetween(0.5, 1.0);
    assertThat(leftovers(home)).isEmpty();
  }

  @Test
  void theFetchedCopyIsRemovedFromAScratchFolderThatOutlivesTheImport() throws Exception {
    // (the CLI's process scratch is cleared when the workbench closes; the desktop's lives on)
    Path scratch = Files.createDirectories(dir.resolve("scratch"));
    try (TestWorkbench bench = TestWorkbench.open(dir.resolve("bench"))) {
      ObjectImports imports =
          new ObjectImports(
              S3Settings.of(
                  endpoint, null, "reader", credentials("reader", ACCESS, SECRET), Map.of()));
      ObjectImports.Imported done =
          imports.importDataset(
              bench.workbench().datasets(),
              scratch,
              ObjectLocation.parse("s3://datasets/hmda/hmda_test.csv"),
              null,
              Progress.NONE,
              Cancellation.NONE);
      assertThat(done.result().dataset().name()).isEqualTo("hmda_test");
      assertThatThrownBy(
              () ->
                  imports.importDataset(
                      bench.workbench().datasets(),
                      scratch,
                      ObjectLocation.parse("s3://datasets/none.csv"),
                      null,
                      Progress.NONE,
                      Cancellation.NONE))
          .isInstanceOf(AssayException.class);
    }
    try (Stream<Path> left = Files.list(scratch)) {
      assertThat(left.toList()).isEmpty();
    }
  }

  @Test
  void aMissingKeyIsOneLineAndImportsNothing() throws Exception {
    refused(
        "s3://datasets/hmda/nothing-here.csv",
        credentials("reader", ACCESS, SECRET),
        "reader",
        "s3://datasets/hmda/nothing-here.csv: no such object in bucket 'datasets'");
  }

  @Test
  void aMissingBucketIsOneLine() throws Exception {
    refused(
        "s3://no-bucket/hmda_test.csv",
        credentials("reader", ACCESS, SECRET),
        "reader",
        "s3://no-bucket/hmda_test.csv: no such bucket 'no-bucket' at " + endpoint);
  }

  @Test
  void aWrongSecretIsOneLine() throws Exception {
    refused(
        "s3://datasets/hmda/hmda_test.csv",
        credentials("wrong-secret", ACCESS, "not-the-secret"),
        "wrong-secret",
        "s3://datasets/hmda/hmda_test.csv: the secret key does not match the access key at "
            + endpoint
            + " (SignatureDoesNotMatch)");
  }

  @Test
  void anUnknownAccessKeyIsOneLine() throws Exception {
    refused(
        "s3://datasets/hmda/hmda_test.csv",
        credentials("unknown", "someone-else", SECRET),
        "unknown",
        "s3://datasets/hmda/hmda_test.csv: the access key is not known to "
            + endpoint
            + " (InvalidAccessKeyId)");
  }

  @Test
  void aMissingProfileIsOneLine() throws Exception {
    Path home = dir.resolve("home");
    CliRun.Outcome r =
        importObject(
            home,
            "s3://datasets/hmda/hmda_test.csv",
            credentials("reader", ACCESS, SECRET),
            "nobody");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err().lines().toList()).hasSize(1);
    assertThat(r.err()).startsWith("assay: s3://datasets/hmda/hmda_test.csv: ").contains("nobody");
    assertThat(leftovers(home)).isEmpty();
  }

  @Test
  void aKeylessLocationIsOneLine() throws Exception {
    Path home = dir.resolve("home");
    CliRun.Outcome r =
        importObject(home, "s3://datasets/", credentials("reader", ACCESS, SECRET), "reader");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("assay: s3://datasets/: no object key (s3://BUCKET/KEY)\n");
  }

  private void refused(String uri, Path credentials, String profile, String message)
      throws Exception {
    Path home = dir.resolve("home");
    CliRun.Outcome r = importObject(home, uri, credentials, profile);
    assertThat(r.code()).as(r.out()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("assay: " + message + "\n");
    assertThat(CliRun.run(home, "datasets", "list", "--json").json()).isEmpty();
    assertThat(leftovers(home)).isEmpty();
    assertThat(csvFiles(home)).isEmpty();
  }

  /**
   * Files in the workbench's folder that a fetch left: in a folder {@code s3-*} of its own, or a
   * temporary file.
   */
  private static List<Path> leftovers(Path home) throws Exception {
    try (Stream<Path> all = Files.walk(home)) {
      return all.filter(Files::isRegularFile)
          .filter(
              p ->
                  p.toString().contains("/s3-")
                      || p.getFileName().toString().endsWith(".tmp")
                      || p.getFileName().toString().endsWith(".csv"))
          .filter(p -> !p.toString().contains("/store/"))
          .toList();
    }
  }

  /** CSV files anywhere in the workbench's folder (the content store included). */
  private static List<Path> csvFiles(Path home) throws Exception {
    try (Stream<Path> all = Files.walk(home)) {
      return all.filter(p -> p.getFileName().toString().endsWith(".csv")).toList();
    }
  }
}
