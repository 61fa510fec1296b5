package dev.assay.core.security;

import dev.assay.core.AssayException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Signing keys through the JDK alone: Ed25519 key pairs (ECDSA keys are accepted too), read and
 * written as PEM: private keys as unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}), public keys as
 * X.509 SubjectPublicKeyInfo ({@code BEGIN PUBLIC KEY}).
 */
public final class SigningKeys {
  private static final Pattern PEM =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
  private static final List<String> ALGORITHMS = List.of("Ed25519", "EC");

  private SigningKeys() {}

  /** A new Ed25519 key pair. */
  public static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no Ed25519", e);
    }
  }

  /**
   * Writes {@code NAME.key} (private, readable by the owner only where the file system allows) and
   * {@code NAME.pub} into {@code folder}; refuses to overwrite either.
   *
   * @return the two files, private first
   */
  public static List<Path> write(KeyPair pair, Path folder, String name) {
    Path privateFile = folder.resolve(name + ".key");
    Path publicFile = folder.resolve(name + ".pub");
    try {
      Files.createDirectories(folder);
      for (Path file : List.of(privateFile, publicFile)) {
        if (Files.exists(file)) {
          throw new AssayException(file + " already exists; choose another --name or folder");
        }
      }
      Files.createFile(privateFile);
      try {
        Files.setPosixFilePermissions(privateFile, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the folder's own permissions protect the key
      }
      Files.writeString(
          privateFile,
          pem("PRIVATE KEY", pair.getPrivate().getEncoded()),
          StandardCharsets.US_ASCII,
          StandardOpenOption.TRUNCATE_EXISTING);
      Files.writeString(
          publicFile,
          pem("PUBLIC KEY", pair.getPublic().getEncoded()),
          StandardCharsets.US_ASCII,
          StandardOpenOption.CREATE_NEW);
    } catch (FileAlreadyExistsException e) {
      throw new AssayException(e.getFile() + " already exists; choose another --name or folder");
    } catch (IOException e) {
      throw new AssayException("cannot write the key pair to " + folder + ": " + e.getMessage(), e);
    }
    return List.of(privateFile, publicFile);
  }

  /** PEM text of DER bytes. */
  public static String pem(String label, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }

  /** Reads an unencrypted PKCS#8 PEM private key (Ed25519 or EC). */
  public static PrivateKey readPrivateKey(Path file) {
    byte[] der = readPem(file, "PRIVATE KEY");
    for (String algorithm : ALGORITHMS) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    throw new AssayException(file + ": not an Ed25519 or EC private key");
  }

  /** Reads an X.509 SubjectPublicKeyInfo PEM public key (Ed25519 or EC). */
  public static PublicKey readPublicKey(Path file) {
    return publicKey(readPem(file, "PUBLIC KEY"), file.toString());
  }

  /** A public key from its X.509 SubjectPublicKeyInfo DER bytes. */
  public static PublicKey publicKey(byte[] der, String where) {
    for (String algorithm : ALGORITHMS) {
      try {
        return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    throw new AssayException(where + ": not an Ed25519 or EC public key");
  }

  private static byte[] readPem(Path file, String label) {
    String text;
    try {
      if (Files.size(file) > 64 * 1024) {
        throw new AssayException(file + ": too large for a PEM key file");
      }
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new AssayException("cannot read the key file " + file + ": " + e.getMessage(), e);
    }
    if (text.contains("ENCRYPTED PRIVATE KEY")) {
      throw new AssayException(
          file + ": encrypted private keys are not supported; use an unencrypted PKCS#8 key");
    }
    Matcher m = PEM.matcher(text);
    while (m.find()) {
      if (m.group(1).equals(label)) {
        try {
          return Base64.getMimeDecoder().decode(m.group(2));
        } catch (IllegalArgumentException e) {
          throw new AssayException(file + ": the PEM block is not valid base64");
        }
      }
    }
    throw new AssayException(file + ": no '-----BEGIN " + label + "-----' block (PEM) found");
  }

  /** SHA-256 of the key's X.509 SubjectPublicKeyInfo encoding, as hex: how keys are named. */
  public static String fingerprint(PublicKey key) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  /** The JCA signature algorithm for a key: {@code Ed25519} or {@code SHA256withECDSA}. */
  public static String signatureAlgorithm(Key key) {
    return switch (key.getAlgorithm()) {
      case "Ed25519", "EdDSA" -> "Ed25519";
      case "EC" -> "SHA256withECDSA";
      default -> throw new AssayException("unsupported key algorithm " + key.getAlgorithm());
    };
  }
}
