package dev.assay.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The job's S3A settings from the environment names that {@code datasets import s3://} reads. */
class ObjectStoreConfTest {
  @Test
  void anEndpointInTheEnvironmentIsAddressedPathStyle() {
    Map<String, String> conf =
        ObjectStoreConf.fromEnvironment(
            Map.of(
                "AWS_ENDPOINT_URL_S3",
                "http://minio:9000",
                "AWS_ENDPOINT_URL",
                "https://other:1",
                "AWS_REGION",
                "eu-west-1"));
    assertThat(conf)
        .containsExactly(
            Map.entry("spark.hadoop.fs.s3a.endpoint", "http://minio:9000"),
            Map.entry("spark.hadoop.fs.s3a.path.style.access", "true"),
            Map.entry("spark.hadoop.fs.s3a.connection.ssl.enabled", "false"),
            Map.entry("spark.hadoop.fs.s3a.endpoint.region", "eu-west-1"));
  }

  @Test
  void aProfileSelectsTheProfileProviderAndNothingElseIsSet() {
    assertThat(ObjectStoreConf.fromEnvironment(Map.of())).isEmpty();
    assertThat(ObjectStoreConf.fromEnvironment(Map.of("AWS_PROFILE", "analytics")))
        .containsExactly(
            Map.entry(
                "spark.hadoop.fs.s3a.aws.credentials.provider",
                "software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider"));
    assertThat(ObjectStoreConf.s3a("https://s3.example:443", null))
        .containsEntry("fs.s3a.connection.ssl.enabled", "true")
        .containsEntry("fs.s3a.endpoint.region", "us-east-1");
  }
}
