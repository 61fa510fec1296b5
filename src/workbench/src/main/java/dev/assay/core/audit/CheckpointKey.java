package dev.assay.core.audit;

import dev.assay.core.AssayException;
import dev.assay.core.Sha256;
import dev.assay.core.security.SigningKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** A key that signs audit checkpoints: the site's Ed25519 key, or an HMAC-SHA256 key file. */
public sealed interface CheckpointKey {
  /** How checkpoints name the key. */
  String id();

  /** The algorithm a checkpoint records. */
  String algorithm();

  /** Whether this key can sign (not only verify). */
  boolean canSign();

  /**
   * Signs {@code message}, returning base64.
   *
   * @throws IllegalStateException when the key can only verify
   */
  String sign(byte[] message);

  /** Whether {@code signature} (base64) is this key's over {@code message}. */
  boolean verifies(byte[] message, String signature);

  /** An Ed25519 site key; {@code privateKey} null where only the public key is at hand. */
  record Site(String id, PrivateKey privateKey, PublicKey publicKey) implements CheckpointKey {
    /**
     * Reads the private key {@code file} (PKCS#8 PEM) and {@code NAME.pub} beside it.
     *
     * @throws AssayException when either cannot be read or they do not belong together
     */
    public static Site load(Path file) {
      PrivateKey key = SigningKeys.readPrivateKey(file);
      String name = file.getFileName().toString();
      Path pub =
          file.resolveSibling(
              (name.endsWith(".key") ? name.substring(0, name.length() - 4) : name) + ".pub");
      if (!Files.isRegularFile(pub)) {
        throw new AssayException(
            AuditAnchors.SITE_KEY_VARIABLE + ": no public key " + pub + " beside " + file);
      }
      PublicKey publicKey = SigningKeys.readPublicKey(pub);
      Site site =
          new Site(
              "ed25519:" + SigningKeys.fingerprint(publicKey).substring(0, 16), key, publicKey);
      byte[] probe = "assay-audit-key-check".getBytes(StandardCharsets.US_ASCII);
      if (!site.verifies(probe, site.sign(probe))) {
        throw new AssayException(
            AuditAnchors.SITE_KEY_VARIABLE + ": " + file + " and " + pub + " are not one key pair");
      }
      return site;
    }

    @Override
    public String algorithm() {
      return SigningKeys.signatureAlgorithm(publicKey);
    }

    @Override
    public boolean canSign() {
      return privateKey != null;
    }

    @Override
    public String sign(byte[] message) {
      if (privateKey == null) {
        throw new IllegalStateException("no private key");
      }
      try {
        Signature s = Signature.getInstance(SigningKeys.signatureAlgorithm(privateKey));
        s.initSign(privateKey);
        s.update(message);
        return Base64.getEncoder().encodeToString(s.sign());
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("cannot sign with the site key", e);
      }
    }

    @Override
    public boolean verifies(byte[] message, String signature) {
      try {
        Signature s = Signature.getInstance(SigningKeys.signatureAlgorithm(publicKey));
        s.initVerify(publicKey);
        s.update(message);
        return s.verify(Base64.getDecoder().decode(signature));
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        return false;
      }
    }
  }

  /** An HMAC-SHA256 key: 32 random bytes, hex in a file readable by its owner only. */
  record Hmac(String id, byte[] secret) implements CheckpointKey {
    /**
     * Reads the key file, creating it (owner-only permissions, folder too) when it does not exist.
     *
     * @throws AssayException when the file cannot be read or created
     */
    public static Hmac loadOrCreate(Path file) {
      if (!Files.exists(file)) {
        create(file);
      }
      return read(file);
    }

    /** Reads the key file when it exists; null when it does not. */
    public static Hmac loadIfPresent(Path file) {
      return Files.isRegularFile(file) ? read(file) : null;
    }

    private static Hmac read(Path file) {
      try {
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        byte[] secret = HexFormat.of().parseHex(text);
        if (secret.length < 32) {
          throw new AssayException(file + ": the audit key must be at least 32 bytes (64 hex)");
        }
        String id =
            "hmac-sha256:"
                + Sha256.ofBytes(
                        concat("assay-audit-key-id ".getBytes(StandardCharsets.US_ASCII), secret))
                    .substring(0, 16);
        return new Hmac(id, secret);
      } catch (IOException e) {
        throw new AssayException("cannot read the audit key " + file + ": " + e.getMessage(), e);
      } catch (IllegalArgumentException e) {
        throw new AssayException(file + ": the audit key is not hexadecimal");
      }
    }

    private static void create(Path file) {
      byte[] secret = new byte[32];
      new SecureRandom().nextBytes(secret);
      Path folder = file.toAbsolutePath().getParent();
      Path temp = null;
      try {
        if (!Files.isDirectory(folder)) {
          Files.createDirectories(folder);
          ownerOnly(folder, "rwx------");
        }
        temp = Files.createTempFile(folder, ".audit-key-", ".tmp");
        ownerOnly(temp, "rw-------");
        Files.writeString(
            temp,
            HexFormat.of().formatHex(secret) + "\n",
            StandardCharsets.US_ASCII,
            StandardOpenOption.SYNC);
        try {
          // a link fails when another process created the key first: theirs is kept
          Files.createLink(file, temp);
        } catch (UnsupportedOperationException e) {
          Files.move(temp, file);
        }
      } catch (FileAlreadyExistsException e) {
        // another process was first
      } catch (IOException e) {
        throw new AssayException(
            "cannot create the audit key "
                + file
                + ": "
                + e.getMessage()
                + " (name a file in a folder you can write with "
                + AuditAnchors.HMAC_KEY_VARIABLE
                + ")",
            e);
      } finally {
        if (temp != null) {
          try {
            Files.deleteIfExists(temp);
          } catch (IOException e) {
            // a leftover temporary file holds no key that is used
          }
        }
      }
    }

    private static void ownerOnly(Path path, String permissions) throws IOException {
      try {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the user's profile folder protects the key
      }
    }

    private static byte[] concat(byte[] a, byte[] b) {
      byte[] all = new byte[a.length + b.length];
      System.arraycopy(a, 0, all, 0, a.length);
      System.arraycopy(b, 0, all, a.length, b.length);
      return all;
    }

    @Override
    public String algorithm() {
      return "HMAC-SHA256";
    }

    @Override
    public boolean canSign() {
      return true;
    }

    @Override
    public String sign(byte[] message) {
      return Base64.getEncoder().encodeToString(mac(message));
    }

    @Override
    public boolean verifies(byte[] message, String signature) {
      try {
        return MessageDigest.isEqual(mac(message), Base64.getDecoder().decode(signature));
      } catch (IllegalArgumentException e) {
        return false;
      }
    }

    private byte[] mac(byte[] message) {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        return mac.doFinal(message);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("this JDK has no HMAC-SHA256", e);
      }
    }
  }
}
