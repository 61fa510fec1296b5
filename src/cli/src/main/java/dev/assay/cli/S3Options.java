package dev.assay.cli;

import dev.assay.core.objectstore.S3Settings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where {@code s3://BUCKET/KEY} is read from and as whom (issue 21): the endpoint of an
 * S3-compatible server (else {@code $AWS_ENDPOINT_URL_S3} or {@code $AWS_ENDPOINT_URL}, else AWS),
 * the region, and the credentials profile (else the usual provider chain).
 */
final class S3Options {
  @Option(
      names = "--s3-endpoint",
      paramLabel = "URL",
      description =
          "for s3:// sources: an S3-compatible server, e.g. http://minio:9000 (path-style); default"
              + " $AWS_ENDPOINT_URL_S3, $AWS_ENDPOINT_URL, else AWS")
  String endpoint;

  @Option(
      names = "--s3-region",
      paramLabel = "REGION",
      description =
          "for s3:// sources: the signing region (default $AWS_REGION, the profile's, else us-east-1)")
  String region;

  @Option(
      names = "--s3-profile",
      paramLabel = "NAME",
      description =
          "for s3:// sources: the credentials profile (default: the usual chain: AWS_ACCESS_KEY_ID"
              + " and AWS_SECRET_ACCESS_KEY, ~/.aws/credentials's default, ...)")
  String profile;

  @Option(
      names = "--s3-credentials",
      paramLabel = "FILE",
      description =
          "for s3:// sources: a credentials file in the AWS CLI's format (with --s3-profile, or its [default])")
  Path credentials;

  S3Settings settings() {
    return S3Settings.of(endpoint, region, profile, credentials, System.getenv());
  }

  /** The line under an import's text output naming the object read (its provenance block). */
  static void printObject(PrintWriter out, Map<String, Object> object) {
    out.printf(
        "  from %s (etag %s%s)%n",
        object.get("uri"),
        object.get("etag"),
        object.get("version_id") != null ? ", version " + object.get("version_id") : "");
  }
}
