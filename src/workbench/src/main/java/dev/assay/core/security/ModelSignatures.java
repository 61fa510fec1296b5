package dev.assay.core.security;

import dev.assay.core.AssayException;
import dev.assay.core.Sha256;
import dev.assay.core.model.ExternalDataGuard;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.registry.ModelRegistry;
import dev.assay.core.store.AuditLog;
import dev.assay.core.store.ContentStore;
import dev.assay.core.store.Database;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Signs model versions with a site key and verifies them against the trusted public keys. What is
 * signed is a manifest of the model's files (the model and its external-data files: role, SHA-256,
 * size, relative path), so a changed byte in any of them breaks the signature. Signatures are kept
 * in the workbench database by the model's SHA-256; signing and verifying are audited.
 */
public final class ModelSignatures {
  static final String MANIFEST_HEADER = "assay-model-manifest 1";

  private final Database database;
  private final ModelRegistry models;
  private final TrustedKeys trust;
  private final AuditLog audit;
  private final Clock clock;
  private final String osUser;

  public ModelSignatures(
      Database database,
      ModelRegistry models,
      TrustedKeys trust,
      AuditLog audit,
      Clock clock,
      String osUser) {
    this.database = database;
    this.models = models;
    this.trust = trust;
    this.audit = audit;
    this.clock = clock;
    this.osUser = osUser;
  }

  /** One file of a model, as it goes into the manifest. */
  public record ManifestFile(String role, String relativePath, Path file) {}

  /** A stored signature. */
  record StoredSignature(
      String manifest,
      String algorithm,
      byte[] signature,
      byte[] publicKey,
      String fingerprint,
      Instant signedAt,
      String signedBy) {}

  public TrustedKeys trust() {
    return trust;
  }

  /**
   * Signs {@code version}'s stored files with the private key in {@code privateKeyFile} (PKCS#8
   * PEM); replaces an earlier signature by the same key. The public key is {@code publicKeyFile}
   * when given, else {@code NAME.pub} beside {@code NAME.key}, else the trusted key that verifies.
   */
  public SignatureStatus sign(ModelVersion version, Path privateKeyFile, Path publicKeyFile) {
    PrivateKey key = SigningKeys.readPrivateKey(privateKeyFile);
    PublicKey publicKey = publicKeyFor(privateKeyFile, key, publicKeyFile);
    String manifest = manifest(storedFiles(version));
    if (!manifest.contains("\nmodel " + version.sha256() + " ")) {
      throw new AssayException(
          version.ref()
              + ": the stored model file no longer matches its recorded SHA-256; not"
              + " signing it");
    }
    byte[] signature = signBytes(key, manifest);
    if (!verifyBytes(publicKey, manifest, signature)) {
      throw new AssayException("the private key does not belong to the given public key");
    }
    String fingerprint = SigningKeys.fingerprint(publicKey);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    database.inTransaction(
        connection -> {
          try (PreparedStatement merge =
              connection.prepareStatement(
                  "MERGE INTO model_signature (model_sha256, key_fingerprint, manifest, algorithm,"
                      + " signature, public_key, signed_at, signed_by)"
                      + " KEY (model_sha256, key_fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            merge.setString(1, version.sha256());
            merge.setString(2, fingerprint);
            merge.setString(3, manifest);
            merge.setString(4, SigningKeys.signatureAlgorithm(key));
            merge.setString(5, Base64.getEncoder().encodeToString(signature));
            merge.setString(6, Base64.getEncoder().encodeToString(publicKey.getEncoded()));
            merge.setObject(7, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            merge.setString(8, osUser);
            merge.executeUpdate();
          }
          audit.append(
              connection,
              "model.sign",
              version.ref(),
              "sha256=" + version.sha256() + " key=" + fingerprint);
          return null;
        });
    return status(version);
  }

  private PublicKey publicKeyFor(Path privateKeyFile, PrivateKey key, Path publicKeyFile) {
    if (publicKeyFile != null) {
      return SigningKeys.readPublicKey(publicKeyFile);
    }
    String name = privateKeyFile.getFileName().toString();
    Path beside =
        privateKeyFile.resolveSibling(
            (name.endsWith(".key") ? name.substring(0, name.length() - 4) : name) + ".pub");
    if (Files.isRegularFile(beside)) {
      return SigningKeys.readPublicKey(beside);
    }
    String probe = "assay key probe";
    byte[] signature = signBytes(key, probe);
    for (TrustedKeys.TrustedKey trusted : trust.keys()) {
      if (verifyBytes(trusted.key(), probe, signature)) {
        return trusted.key();
      }
    }
    throw new AssayException(
        "cannot tell which public key belongs to "
            + privateKeyFile
            + ": put its .pub file beside it, pass --public-key, or add it to "
            + trust.folder());
  }

  /** Verifies {@code version} against the trusted keys and records the result in the audit log. */
  public SignatureStatus verify(ModelVersion version) {
    SignatureStatus status = status(version);
    database.inTransaction(
        connection -> {
          audit.append(
              connection,
              "model.verify",
              version.ref(),
              "status="
                  + status.state().label()
                  + (status.keyFingerprint() == null ? "" : " key=" + status.keyFingerprint())
                  + " sha256="
                  + version.sha256());
          return null;
        });
    return status;
  }

  /** The signature status of a registered version's stored files (not audited). */
  public SignatureStatus status(ModelVersion version) {
    return evaluate(load(version.sha256()), manifest(storedFiles(version)));
  }

  /**
   * The signature status of a file outside the workbench: signatures recorded for its SHA-256,
   * checked against the file and the external-data files beside it.
   */
  public SignatureStatus statusOfFile(
      Path modelFile, String sha256, List<ExternalDataGuard.CheckedReference> external) {
    List<StoredSignature> stored = load(sha256);
    if (stored.isEmpty()) {
      return SignatureStatus.unsigned();
    }
    List<ManifestFile> files = new ArrayList<>();
    files.add(new ManifestFile(ContentStore.StoredFile.MODEL, "", modelFile));
    for (ExternalDataGuard.CheckedReference ref : external) {
      files.add(
          new ManifestFile(
              ContentStore.StoredFile.EXTERNAL_DATA, ref.relativeLocation(), ref.file()));
    }
    return evaluate(stored, manifest(files));
  }

  private SignatureStatus evaluate(List<StoredSignature> stored, String current) {
    if (stored.isEmpty()) {
      return SignatureStatus.unsigned();
    }
    SignatureStatus best = null;
    for (StoredSignature s : stored) {
      SignatureStatus status = evaluate(s, current);
      if (status.state() == SignatureStatus.State.INVALID) {
        return status;
      }
      if (best == null || status.state().compareTo(best.state()) < 0) {
        best = status;
      }
    }
    return best;
  }

  private SignatureStatus evaluate(StoredSignature s, String current) {
    String when = " (signed " + s.signedAt() + " by " + s.signedBy() + ")";
    if (!s.manifest().equals(current)) {
      return new SignatureStatus(
          SignatureStatus.State.INVALID,
          null,
          s.fingerprint(),
          s.signedAt(),
          s.signedBy(),
          "the files changed since they were signed: " + difference(s.manifest(), current) + when);
    }
    Optional<TrustedKeys.TrustedKey> trusted = trust.find(s.fingerprint());
    PublicKey key =
        trusted
            .map(TrustedKeys.TrustedKey::key)
            .orElseGet(() -> SigningKeys.publicKey(s.publicKey(), "stored signature"));
    if (!verifyBytes(key, s.manifest(), s.signature())) {
      return new SignatureStatus(
          SignatureStatus.State.INVALID,
          trusted.map(TrustedKeys.TrustedKey::name).orElse(null),
          s.fingerprint(),
          s.signedAt(),
          s.signedBy(),
          "the signature does not verify with key " + shortId(s.fingerprint()) + when);
    }
    if (trusted.isEmpty()) {
      return new SignatureStatus(
          SignatureStatus.State.UNTRUSTED,
          null,
          s.fingerprint(),
          s.signedAt(),
          s.signedBy(),
          "signed by key "
              + shortId(s.fingerprint())
              + ", which is not in "
              + trust.folder()
              + when);
    }
    return new SignatureStatus(
        SignatureStatus.State.VERIFIED,
        trusted.get().name(),
        s.fingerprint(),
        s.signedAt(),
        s.signedBy(),
        "key '" + trusted.get().name() + "' " + shortId(s.fingerprint()) + when);
  }

  private static String difference(String signed, String current) {
    List<String> was = List.of(signed.split("\n"));
    List<String> now = List.of(current.split("\n"));
    for (String line : was) {
      if (!now.contains(line)) {
        return "signed '" + line + "', now " + counterpart(line, now);
      }
    }
    for (String line : now) {
      if (!was.contains(line)) {
        return "unsigned file '" + line + "'";
      }
    }
    return "the manifest differs";
  }

  private static String counterpart(String line, List<String> now) {
    String[] parts = line.split(" ", 4);
    for (String candidate : now) {
      String[] c = candidate.split(" ", 4);
      if (c.length == parts.length
          && c[0].equals(parts[0])
          && (parts.length < 4 || c[3].equals(parts[3]))) {
        return "'" + candidate + "'";
      }
    }
    return "missing";
  }

  static String shortId(String fingerprint) {
    return fingerprint == null ? "?" : fingerprint.substring(0, Math.min(16, fingerprint.length()));
  }

  private List<ManifestFile> storedFiles(ModelVersion version) {
    Path modelFile = models.modelFile(version);
    Path folder = modelFile.getParent();
    List<ManifestFile> files = new ArrayList<>();
    for (ContentStore.StoredFile f : models.files(version)) {
      boolean isModel = f.role().equals(ContentStore.StoredFile.MODEL);
      files.add(
          new ManifestFile(
              f.role(), isModel ? "" : f.relativePath(), folder.resolve(f.relativePath())));
    }
    return files;
  }

  /** The manifest text of these files: header, then one line per file, the model first. */
  static String manifest(List<ManifestFile> files) {
    StringBuilder text = new StringBuilder(MANIFEST_HEADER).append('\n');
    files.stream()
        .sorted(
            Comparator.comparing(
                    (ManifestFile f) -> !f.role().equals(ContentStore.StoredFile.MODEL))
                .thenComparing(ManifestFile::relativePath))
        .forEach(
            f -> {
              String sha;
              long size;
              try {
                sha = Sha256.ofFile(f.file());
                size = Files.size(f.file());
              } catch (IOException e) {
                sha = "unreadable";
                size = -1;
              }
              text.append(f.role()).append(' ').append(sha).append(' ').append(size);
              if (!f.relativePath().isEmpty()) {
                text.append(' ').append(f.relativePath());
              }
              text.append('\n');
            });
    return text.toString();
  }

  private static byte[] signBytes(PrivateKey key, String manifest) {
    try {
      Signature signer = Signature.getInstance(SigningKeys.signatureAlgorithm(key));
      signer.initSign(key);
      signer.update(manifest.getBytes(StandardCharsets.UTF_8));
      return signer.sign();
    } catch (GeneralSecurityException e) {
      throw new AssayException("cannot sign with this key: " + e.getMessage(), e);
    }
  }

  private static boolean verifyBytes(PublicKey key, String manifest, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance(SigningKeys.signatureAlgorithm(key));
      verifier.initVerify(key);
      verifier.update(manifest.getBytes(StandardCharsets.UTF_8));
      return verifier.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  private List<StoredSignature> load(String sha256) {
    return database.read(
        connection -> {
          List<StoredSignature> found = new ArrayList<>();
          try (PreparedStatement query =
              connection.prepareStatement(
                  "SELECT manifest, algorithm, signature, public_key, key_fingerprint, signed_at,"
                      + " signed_by FROM model_signature WHERE model_sha256 = ? ORDER BY signed_at")) {
            query.setString(1, sha256);
            try (ResultSet rs = query.executeQuery()) {
              while (rs.next()) {
                found.add(map(rs));
              }
            }
          }
          return found;
        });
  }

  private static StoredSignature map(ResultSet rs) throws SQLException {
    return new StoredSignature(
        rs.getString(1),
        rs.getString(2),
        decode(rs.getString(3)),
        decode(rs.getString(4)),
        rs.getString(5),
        rs.getObject(6, OffsetDateTime.class).toInstant(),
        rs.getString(7));
  }

  private static byte[] decode(String base64) {
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      return new byte[0];
    }
  }
}
