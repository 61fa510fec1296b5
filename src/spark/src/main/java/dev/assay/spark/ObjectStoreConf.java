package dev.assay.spark;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hadoop S3A's settings for an S3-compatible endpoint (issue 21), the ones Assay's own {@code
 * datasets import s3://} uses: the endpoint addressed path-style, its region, TLS as its scheme
 * says. Credentials stay with S3A's provider chain (the job's {@code fs.s3a.access.key}/{@code
 * secret.key}, {@code $AWS_ACCESS_KEY_ID}/{@code $AWS_SECRET_ACCESS_KEY}, or the instance's role),
 * or the profile named by {@code $AWS_PROFILE}.
 */
final class ObjectStoreConf {
  private ObjectStoreConf() {}

  /**
   * The {@code fs.s3a.*} settings for {@code endpoint} (http(s)://HOST[:PORT]) and {@code region}.
   */
  static Map<String, String> s3a(String endpoint, String region) {
    Map<String, String> conf = new LinkedHashMap<>();
    URI uri = URI.create(endpoint);
    conf.put("fs.s3a.endpoint", endpoint);
    conf.put("fs.s3a.path.style.access", "true");
    conf.put("fs.s3a.connection.ssl.enabled", String.valueOf("https".equals(uri.getScheme())));
    conf.put("fs.s3a.endpoint.region", region != null ? region : "us-east-1");
    return conf;
  }

  /**
   * The settings the job's environment gives ({@code $AWS_ENDPOINT_URL_S3} or {@code
   * $AWS_ENDPOINT_URL}, {@code $AWS_REGION}, {@code $AWS_PROFILE}), as {@code spark.hadoop.*}
   * entries for those the Spark configuration does not set itself.
   */
  static Map<String, String> fromEnvironment(Map<String, String> env) {
    Map<String, String> conf = new LinkedHashMap<>();
    String endpoint = env.getOrDefault("AWS_ENDPOINT_URL_S3", env.get("AWS_ENDPOINT_URL"));
    if (endpoint != null && !endpoint.isBlank()) {
      s3a(endpoint.strip(), env.get("AWS_REGION"))
          .forEach((k, v) -> conf.put("spark.hadoop." + k, v));
    }
    String profile = env.get("AWS_PROFILE");
    if (profile != null && !profile.isBlank()) {
      conf.put(
          "spark.hadoop.fs.s3a.aws.credentials.provider",
          "software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider");
    }
    return conf;
  }
}
