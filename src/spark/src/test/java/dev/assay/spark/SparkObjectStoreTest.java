package dev.assay.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.eval.EvaluationResult;
import dev.assay.testing.TestModels;
import dev.assay.testing.TestWorkbench;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * The Spark job reading {@code s3a://} (issue 21) from an S3-compatible server in this JVM (S3Proxy
 * on 127.0.0.1, in-memory, versioned bucket) on {@code local[2]}: the same metrics as the local run
 * of the same CSV, and the input's provenance names the object's ETag and version.
 */
class SparkObjectStoreTest {
  private static final String ACCESS = "assay-test-access";
  private static final String SECRET = "assay-test-secret-0123456789";

  @TempDir static Path dir;
  static TestWorkbench bench;
  static SparkSession spark;
  static S3Proxy server;
  static PutObjectResponse uploaded;

  @BeforeAll
  static void start() throws Exception {
    server =
        S3Proxy.builder()
            .blobStore(new TransientNio2BlobStore())
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS, SECRET)
            .build();
    server.start();
    for (int i = 0; i < 200 && !"STARTED".equals(server.getState()); i++) {
      Thread.sleep(25);
    }
    String endpoint = "http://127.0.0.1:" + server.getPort();
    try (S3Client client =
        S3Client.builder()
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .endpointOverride(URI.create(endpoint))
            .forcePathStyle(true)
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS, SECRET)))
            .build()) {
      client.createBucket(b -> b.bucket("datasets"));
      client.putBucketVersioning(
          b ->
              b.bucket("datasets")
                  .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
      uploaded =
          client.putObject(
              b -> b.bucket("datasets").key("hmda/hmda_test.csv"),
              RequestBody.fromFile(TestModels.repoRoot().resolve("models/data/hmda_test.csv")));
    }
    bench = TestWorkbench.open(dir);
    spark = LocalSpark.start("local[2]");
    var hadoop = spark.sparkContext().hadoopConfiguration();
    for (var e : ObjectStoreConf.s3a(endpoint, "us-east-1").entrySet()) {
      hadoop.set(e.getKey(), e.getValue());
    }
    hadoop.set("fs.s3a.access.key", ACCESS);
    hadoop.set("fs.s3a.secret.key", SECRET);
  }

  @AfterAll
  static void stop() throws Exception {
    if (spark != null) {
      spark.stop();
    }
    if (bench != null) {
      bench.close();
    }
    if (server != null) {
      server.stop();
    }
  }

  @Test
  void anS3aInputGivesTheLocalRunsMetricsAndRecordsTheObject() throws Exception {
    Path csv = TestModels.repoRoot().resolve("models/data/hmda_test.csv");
    EvaluationResult local =
        bench.run(
            TestWorkbench.request(
                bench.importModel(TestModels.sample("hmda-deny-v1.onnx"), null),
                bench.importCsv(csv),
                "deny",
                null));
    EvalJob.Outcome outcome =
        EvalJob.run(
            spark,
            SparkEvalLocalTest.spec(
                TestModels.sample("hmda-deny-v1.onnx").toString(),
                List.of("s3a://datasets/hmda/hmda_test.csv"),
                null,
                "deny"));
    SparkEvalLocalTest.assertMetrics(outcome.result().metrics(), local.metrics());
    assertThat(outcome.result().rows()).isEqualTo(local.rows());
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> inputs =
        (List<Map<String, Object>>) outcome.provenance().get("inputs");
    assertThat(inputs).hasSize(1);
    assertThat(inputs.getFirst().get("path")).isEqualTo("s3a://datasets/hmda/hmda_test.csv");
    assertThat(inputs.getFirst().get("etag")).isEqualTo(uploaded.eTag().replace("\"", ""));
    assertThat(inputs.getFirst().get("version_id")).isEqualTo(uploaded.versionId());
  }
}
