package dev.assay.core.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.store.AuditLog;
import dev.assay.testing.TestModels;
import dev.assay.testing.TestWorkbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signing model versions with a site key and verifying them against the trusted keys. */
class ModelSignaturesTest {
  @TempDir Path dir;
  private TestWorkbench bench;
  private ModelSignatures signatures;
  private Path trust;

  @BeforeEach
  void open() {
    bench = TestWorkbench.open(dir);
    signatures = bench.workbench().security().signatures();
    trust = bench.workbench().home().trustDirectory();
  }

  @AfterEach
  void close() {
    bench.close();
  }

  /** A key pair written as {@code dir/keys/NAME.key|.pub}, trusted when asked. */
  private Path siteKey(String name, boolean trusted) throws Exception {
    List<Path> files = SigningKeys.write(SigningKeys.generate(), dir.resolve("keys"), name);
    if (trusted) {
      Files.createDirectories(trust);
      Files.copy(files.get(1), trust.resolve(name + ".pub"));
    }
    return files.get(0);
  }

  private ModelVersion hmda() {
    return bench.importModel(TestModels.sample("hmda-deny-v1.onnx"), "hmda");
  }

  @Test
  void generatedKeysArePemFilesAndThePrivateOneIsOwnerOnly() throws Exception {
    Path key = siteKey("site", false);

    assertThat(key).hasFileName("site.key");
    assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----\n");
    assertThat(Files.readString(dir.resolve("keys/site.pub")))
        .startsWith("-----BEGIN PUBLIC KEY-----\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
    assertThat(SigningKeys.readPrivateKey(key).getAlgorithm()).isIn("Ed25519", "EdDSA");
    assertThatThrownBy(() -> SigningKeys.write(SigningKeys.generate(), dir.resolve("keys"), "site"))
        .isInstanceOf(AssayException.class)
        .hasMessageContaining("site.key already exists");
  }

  @Test
  void signThenVerifyWithATrustedKeyIsVerifiedAndBothAreAudited() throws Exception {
    ModelVersion version = hmda();
    Path key = siteKey("site", true);

    SignatureStatus signed = signatures.sign(version, key, null);
    SignatureStatus verified = signatures.verify(version);

    assertThat(signed.state()).isEqualTo(SignatureStatus.State.VERIFIED);
    assertThat(verified.state()).isEqualTo(SignatureStatus.State.VERIFIED);
    assertThat(verified.keyName()).isEqualTo("site");
    assertThat(verified.signedBy()).isEqualTo("tester");
    assertThat(verified.describe()).startsWith("verified: key 'site' ");
    assertThat(bench.workbench().auditEntries())
        .extracting(AuditLog.Entry::action, AuditLog.Entry::objectRef)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("model.import", "hmda:1"),
            org.assertj.core.groups.Tuple.tuple("model.sign", "hmda:1"),
            org.assertj.core.groups.Tuple.tuple("model.verify", "hmda:1"));
    assertThat(bench.workbench().auditEntries().getLast().details())
        .startsWith("status=verified key=");
  }

  @Test
  void aTamperedByteInTheStoredModelMakesVerificationFail() throws Exception {
    ModelVersion version = hmda();
    signatures.sign(version, siteKey("site", true), null);
    Path stored = bench.workbench().models().modelFile(version);
    byte[] bytes = Files.readAllBytes(stored);
    bytes[bytes.length - 10] ^= 1;
    stored.toFile().setWritable(true);
    Files.write(stored, bytes);

    SignatureStatus status = signatures.verify(version);

    assertThat(status.state()).isEqualTo(SignatureStatus.State.INVALID);
    assertThat(status.detail())
        .contains("the files changed since they were signed: signed 'model ");
    ScanReport scan =
        bench
            .workbench()
            .security()
            .scanner()
            .scan(version, ScanOptions.FILE_ONLY, Progress.NONE, Cancellation.NONE);
    assertThat(scan.findings()).extracting(Finding::id).contains("signature_invalid");
    assertThat(scan.blocking()).isTrue();
  }

  @Test
  void aTamperedWeightsFileBreaksTheSignatureToo() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("ext"));
    Files.write(folder.resolve("weights.bin"), TestModels.floats(1, 2));
    Path file =
        TestModels.write(
            folder.resolve("model.onnx"),
            TestModels.addWithExternalWeights("weights.bin", null, null));
    ModelVersion version = bench.importModel(file, "ext");
    signatures.sign(version, siteKey("site", true), null);
    Path weights = bench.workbench().models().modelFile(version).resolveSibling("weights.bin");
    weights.toFile().setWritable(true);
    Files.write(weights, TestModels.floats(1, 3));

    SignatureStatus status = signatures.verify(version);

    assertThat(status.state()).isEqualTo(SignatureStatus.State.INVALID);
    assertThat(status.detail()).contains("signed 'external_data ").contains(" weights.bin'");
  }

  @Test
  void aSignatureByAKeyNotInTheTrustFolderIsUntrusted() throws Exception {
    ModelVersion version = hmda();
    siteKey("site", true);
    Path stranger = siteKey("stranger", false);

    signatures.sign(version, stranger, null);

    SignatureStatus status = signatures.verify(version);
    assertThat(status.state()).isEqualTo(SignatureStatus.State.UNTRUSTED);
    assertThat(status.detail()).contains("not in " + trust);
  }

  @Test
  void aForgedSignatureInTheDatabaseIsInvalid() throws Exception {
    ModelVersion version = hmda();
    signatures.sign(version, siteKey("site", true), null);
    byte[] forged = new byte[64];
    String url =
        "jdbc:h2:file:"
            + bench.workbench().home().databaseDirectory().resolve("assay").toAbsolutePath()
            + ";AUTO_SERVER=TRUE";
    try (Connection c = DriverManager.getConnection(url, "assay", "");
        PreparedStatement update = c.prepareStatement("UPDATE model_signature SET signature = ?")) {
      update.setString(1, Base64.getEncoder().encodeToString(forged));
      update.executeUpdate();
    }

    SignatureStatus status = signatures.verify(version);

    assertThat(status.state()).isEqualTo(SignatureStatus.State.INVALID);
    assertThat(status.detail()).contains("does not verify with key");
  }

  @Test
  void anUnsignedModelIsUnsigned() {
    assertThat(signatures.verify(hmda())).isEqualTo(SignatureStatus.unsigned());
  }

  @Test
  void aCopyOfASignedFileScannedOutsideTheWorkbenchCarriesTheSignature() throws Exception {
    ModelVersion version = hmda();
    signatures.sign(version, siteKey("site", true), null);
    Path copy =
        Files.copy(
            TestModels.sample("hmda-deny-v1.onnx"),
            dir.resolve("copy.onnx"),
            StandardCopyOption.REPLACE_EXISTING);

    ScanReport report =
        bench
            .workbench()
            .security()
            .scanner()
            .scan(copy, ScanOptions.FILE_ONLY, Progress.NONE, Cancellation.NONE);

    assertThat(report.findings()).extracting(Finding::id).containsExactly("signature_verified");
    assertThat(report.signature().state()).isEqualTo(SignatureStatus.State.VERIFIED);
    assertThat(report.model()).isEqualTo("hmda:1");
  }

  @Test
  void ecdsaKeysWorkToo() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    KeyPair pair = generator.generateKeyPair();
    List<Path> files = SigningKeys.write(pair, dir.resolve("keys"), "ec");
    Files.createDirectories(trust);
    Files.copy(files.get(1), trust.resolve("ec.pub"));
    ModelVersion version = hmda();

    assertThat(signatures.sign(version, files.get(0), null).state())
        .isEqualTo(SignatureStatus.State.VERIFIED);
  }

  @Test
  void aPrivateKeyWhosePublicKeyCannotBeFoundIsRefused() throws Exception {
    Path key = siteKey("lonely", false);
    Files.delete(dir.resolve("keys/lonely.pub"));
    ModelVersion version = hmda();

    assertThatThrownBy(() -> signatures.sign(version, key, null))
        .isInstanceOf(AssayException.class)
        .hasMessageContaining("cannot tell which public key belongs to");
  }

  @Test
  void aPublicKeyNotMatchingThePrivateKeyIsRefused() throws Exception {
    Path key = siteKey("one", false);
    siteKey("two", false);
    ModelVersion version = hmda();

    assertThatThrownBy(() -> signatures.sign(version, key, dir.resolve("keys/two.pub")))
        .hasMessage("the private key does not belong to the given public key");
  }

  @Test
  void encryptedAndMalformedKeyFilesAreRefusedWithTheFileName() throws Exception {
    Path encrypted =
        Files.writeString(
            dir.resolve("enc.key"),
            "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n");
    Path garbage = Files.writeString(dir.resolve("bad.key"), "hello");

    assertThatThrownBy(() -> SigningKeys.readPrivateKey(encrypted))
        .hasMessageContaining("encrypted private keys are not supported");
    assertThatThrownBy(() -> SigningKeys.readPrivateKey(garbage))
        .hasMessageContaining("bad.key: no '-----BEGIN PRIVATE KEY-----' block");
    Files.createDirectories(trust);
    Files.writeString(trust.resolve("junk.pub"), "junk");
    assertThat(signatures.trust().keys()).isEmpty();
    assertThat(signatures.trust().problems()).singleElement().asString().contains("junk.pub");
  }
}
