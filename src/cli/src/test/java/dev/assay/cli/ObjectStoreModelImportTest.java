package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Sha256;
import dev.assay.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * {@code assay models import s3://BUCKET/KEY} (issue 21) against an S3-compatible server started in
 * this JVM (S3Proxy, a versioned bucket): the registered version holds the object's bytes (the
 * local file's SHA-256), records {@code s3://...?versionId=V} as its source and the endpoint, ETag
 * and version in the audit trail, and evaluates to the same metrics as the local file. A missing
 * key, a wrong secret or an object that is not a model give one line, exit 1, and leave nothing.
 */
class ObjectStoreModelImportTest {
  private static final Path MODEL = TestModels.sample("hmda-deny-v1.onnx");
  private static final Path HMDA = TestModels.repoRoot().resolve("models/data/hmda_test.csv");
  private static final String URI = "s3://models/credit/hmda-deny-v1.onnx";

  private static S3TestServer server;
  private static PutObjectResponse uploaded;

  @TempDir static Path shared;
  @TempDir Path dir;

  @BeforeAll
  static void startServer() throws Exception {
    server = S3TestServer.start(shared);
    try (S3Client client = server.client()) {
      S3TestServer.createVersionedBucket(client, "models");
      uploaded =
          client.putObject(
              b -> b.bucket("models").key("credit/hmda-deny-v1.onnx"), RequestBody.fromFile(MODEL));
      // bytes that are not an ONNX model, under a model's name
      client.putObject(
          b -> b.bucket("models").key("credit/not-a-model.onnx"), RequestBody.fromFile(HMDA));
    }
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.stop();
    }
  }

  private static CliRun.Outcome importObject(Path home, String uri, String secret, String... more)
      throws Exception {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "models",
                "import",
                uri,
                "--s3-endpoint",
                server.endpoint(),
                "--s3-credentials",
                server.credentials("reader", S3TestServer.ACCESS, secret).toString(),
                "--s3-profile",
                "reader",
                "--json"));
    args.addAll(List.of(more));
    return CliRun.run(home, args.toArray(String[]::new));
  }

  private static JsonNode evalMetrics(Path home, String model) throws Exception {
    CliRun.Outcome r =
        CliRun.run(
            home,
            "eval",
            "--model",
            model,
            "--data",
            HMDA.toString(),
            "--target",
            "deny",
            "--json",
            "-",
            "--quiet");
    assertThat(r.code()).as(r.err()).isZero();
    return r.json().get("metrics");
  }

  @Test
  void anObjectImportsAsTheLocalFileAndEvaluatesTheSame() throws Exception {
    Path home = dir.resolve("object-home");
    CliRun.Outcome r =
        importObject(home, URI, S3TestServer.SECRET, "--notes", "from S3", "--tag", "prod");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode doc = r.json();
    String version = uploaded.versionId();
    String eTag = uploaded.eTag().replace("\"", "");
    assertThat(version).isNotBlank();
    assertThat(doc.get("status").asText()).isEqualTo("imported");
    assertThat(doc.get("ref").asText()).isEqualTo("hmda-deny-v1:1");
    assertThat(doc.get("sha256").asText()).isEqualTo(Sha256.ofFile(MODEL));
    assertThat(doc.get("size_bytes").asLong()).isEqualTo(Files.size(MODEL));
    assertThat(doc.get("source_path").asText()).isEqualTo(URI + "?versionId=" + version);
    assertThat(doc.get("notes").asText()).isEqualTo("from S3");
    assertThat(doc.get("tags").get(0).asText()).isEqualTo("prod");
    JsonNode object = doc.get("object");
    assertThat(object.get("uri").asText()).isEqualTo(URI);
    assertThat(object.get("endpoint").asText()).isEqualTo(server.endpoint());
    assertThat(object.get("etag").asText()).isEqualTo(eTag);
    assertThat(object.get("version_id").asText()).isEqualTo(version);
    assertThat(object.get("size").asLong()).isEqualTo(Files.size(MODEL));

    String trail = CliRun.run(home, "audit", "export").out();
    assertThat(trail)
        .contains("model.import")
        .contains("source=" + URI + " endpoint=" + server.endpoint() + " etag=" + eTag)
        .contains("version=" + version);

    CliRun.Outcome text = importObject(home, URI, S3TestServer.SECRET);
    assertThat(text.json().get("status").asText()).isEqualTo("already_present");

    JsonNode fromObject = evalMetrics(home, "hmda-deny-v1");
    JsonNode fromFile = evalMetrics(dir.resolve("local-home"), MODEL.toString());
    assertThat(fromObject.size()).isGreaterThan(5);
    for (Iterator<String> keys = fromFile.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      assertThat(fromObject.get(key)).as("metrics.%s", key).isEqualTo(fromFile.get(key));
    }
    assertThat(S3TestServer.fetchFolders(home)).isEmpty();
    assertThat(onnxOutsideStore(home)).isEmpty();
  }

  @Test
  void theTextOutputNamesTheObject() throws Exception {
    Path home = dir.resolve("home");
    CliRun.Outcome r =
        CliRun.run(
            home,
            "models",
            "import",
            URI,
            "--name",
            "credit",
            "--s3-endpoint",
            server.endpoint(),
            "--s3-credentials",
            server.credentials("reader", S3TestServer.ACCESS, S3TestServer.SECRET).toString(),
            "--s3-profile",
            "reader");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .startsWith("imported credit:1 (sha256 " + Sha256.ofFile(MODEL))
        .contains(
            "  from "
                + URI
                + " (etag "
                + uploaded.eTag().replace("\"", "")
                + ", version "
                + uploaded.versionId()
                + ")");
  }

  @Test
  void aMissingKeyIsOneLineAndImportsNothing() throws Exception {
    refused(
        "s3://models/credit/nothing-here.onnx",
        S3TestServer.SECRET,
        "s3://models/credit/nothing-here.onnx: no such object in bucket 'models'");
  }

  @Test
  void aWrongSecretIsOneLineAndImportsNothing() throws Exception {
    refused(
        URI,
        "not-the-secret",
        URI
            + ": the secret key does not match the access key at "
            + server.endpoint()
            + " (SignatureDoesNotMatch)");
  }

  @Test
  void anObjectThatIsNotAModelIsNamedByItsUriAndLeavesNothing() throws Exception {
    Path home = dir.resolve("home");
    CliRun.Outcome r =
        importObject(home, "s3://models/credit/not-a-model.onnx", S3TestServer.SECRET);
    assertThat(r.code()).as(r.out()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines().toList()).hasSize(1);
    assertThat(r.err()).startsWith("assay: s3://models/credit/not-a-model.onnx: ");
    assertNothingLeft(home);
  }

  private static void refused(String uri, String secret, String message) throws Exception {
    Path home = Files.createTempDirectory(shared, "home");
    CliRun.Outcome r = importObject(home, uri, secret);
    assertThat(r.code()).as(r.out()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("assay: " + message + "\n");
    assertNothingLeft(home);
  }

  private static void assertNothingLeft(Path home) throws Exception {
    assertThat(CliRun.run(home, "models", "list", "--json").json()).isEmpty();
    assertThat(S3TestServer.fetchFolders(home)).isEmpty();
    try (Stream<Path> all = Files.walk(home)) {
      assertThat(all.filter(p -> p.getFileName().toString().endsWith(".onnx")).toList()).isEmpty();
    }
  }

  /** Model files in the workbench's folder outside its content store. */
  private static List<Path> onnxOutsideStore(Path home) throws Exception {
    try (Stream<Path> all = Files.walk(home)) {
      return all.filter(p -> p.getFileName().toString().endsWith(".onnx"))
          .filter(p -> !p.toString().contains("/store/"))
          .toList();
    }
  }
}
