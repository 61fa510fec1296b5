package dev.assay.core.objectstore;

import dev.assay.core.AssayException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Where and as whom Assay reads S3-compatible object storage (issue 21).
 *
 * <ul>
 *   <li>endpoint: given, else {@code $AWS_ENDPOINT_URL_S3}, else {@code $AWS_ENDPOINT_URL}, else
 *       AWS itself. A given endpoint (MinIO, Ceph, S3Proxy, ...) is addressed path-style ({@code
 *       http://host/bucket/key}).
 *   <li>region: given, else {@code $AWS_REGION} or the profile's {@code region}, else {@code
 *       us-east-1} (what S3-compatible servers expect); never asked of an instance's metadata
 *       service.
 *   <li>credentials: the named profile (in {@code credentialsFile} when given, else the AWS CLI's
 *       files: {@code ~/.aws/credentials}, {@code $AWS_SHARED_CREDENTIALS_FILE}), else the usual
 *       provider chain (system properties, {@code $AWS_ACCESS_KEY_ID}/{@code
 *       $AWS_SECRET_ACCESS_KEY}, web identity, the default profile, container and instance
 *       credentials).
 * </ul>
 *
 * @param endpoint the server's URL, or null for AWS (or the environment's)
 * @param region the signing region, or null to look it up
 * @param profile the credentials profile, or null
 * @param credentialsFile a credentials file in the AWS CLI's profile format, or null
 */
public record S3Settings(URI endpoint, String region, String profile, Path credentialsFile) {

  /** The settings given, with the endpoint taken from {@code env} when none is given. */
  public static S3Settings of(
      String endpoint,
      String region,
      String profile,
      Path credentialsFile,
      Map<String, String> env) {
    String url = blank(endpoint) ? env.get("AWS_ENDPOINT_URL_S3") : endpoint;
    if (blank(url)) {
      url = env.get("AWS_ENDPOINT_URL");
    }
    URI uri = null;
    if (!blank(url)) {
      try {
        uri = URI.create(url.strip());
      } catch (IllegalArgumentException e) {
        throw new AssayException("S3 endpoint '" + url + "' is not a URL");
      }
      if (uri.getScheme() == null
          || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
          || uri.getHost() == null) {
        throw new AssayException("S3 endpoint '" + url + "' is not an http(s)://HOST[:PORT] URL");
      }
    }
    if (credentialsFile != null && !Files.isRegularFile(credentialsFile)) {
      throw new AssayException(credentialsFile + ": credentials file not found");
    }
    return new S3Settings(
        uri,
        blank(region) ? null : region.strip(),
        blank(profile) ? null : profile.strip(),
        credentialsFile);
  }

  /** The credentials provider these settings name. */
  public AwsCredentialsProvider credentials() {
    if (credentialsFile != null) {
      return ProfileCredentialsProvider.builder()
          .profileFile(
              ProfileFile.builder()
                  .content(credentialsFile)
                  .type(ProfileFile.Type.CREDENTIALS)
                  .build())
          .profileName(profile != null ? profile : "default")
          .build();
    }
    if (profile != null) {
      return ProfileCredentialsProvider.create(profile);
    }
    return DefaultCredentialsProvider.builder().build();
  }

  /** The signing region (see the class comment). */
  public Region signingRegion() {
    if (region != null) {
      return Region.of(region);
    }
    try {
      AwsRegionProviderChain chain =
          new AwsRegionProviderChain(
              new SystemSettingsRegionProvider(),
              profile != null
                  ? new AwsProfileRegionProvider(null, profile)
                  : new AwsProfileRegionProvider());
      return chain.getRegion();
    } catch (SdkClientException | IllegalStateException e) {
      return Region.US_EAST_1;
    }
  }

  /**
   * A client on the JDK's HTTP connection. Checksums are sent and checked only where the request
   * requires them: S3-compatible servers do not all know the newer checksum headers.
   */
  public S3Client client() {
    var builder =
        S3Client.builder()
            .httpClientBuilder(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(10))
                    .socketTimeout(Duration.ofSeconds(60)))
            .region(signingRegion())
            .credentialsProvider(credentials())
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    if (endpoint != null) {
      builder.endpointOverride(endpoint).forcePathStyle(true);
    }
    return builder.build();
  }

  /** Where requests go, for messages and provenance. */
  public String endpointText() {
    return endpoint != null ? endpoint.toString() : "AWS S3 (" + signingRegion().id() + ")";
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
