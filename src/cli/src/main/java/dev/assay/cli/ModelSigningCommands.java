package dev.assay.cli;

import dev.assay.core.model.ModelRef;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.security.SignatureStatus;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code assay models sign} and {@code assay models verify}. */
final class ModelSigningCommands {
  private ModelSigningCommands() {}

  @Command(
      name = "sign",
      mixinStandardHelpOptions = true,
      description = "Sign a model version (its file and external data) with a site private key.")
  static final class Sign implements Callable<Integer> {
    private final AssayCommand root;

    @Parameters(paramLabel = "NAME:VERSION", description = "the model version")
    String ref;

    @Option(
        names = "--key",
        required = true,
        paramLabel = "FILE",
        description = "private key, PKCS#8 PEM (assay keys generate)")
    Path key;

    @Option(
        names = "--public-key",
        paramLabel = "FILE",
        description = "its public key (default: the .pub beside the key, or a trusted key)")
    Path publicKey;

    Sign(AssayCommand root) {
      this.root = root;
    }

    @Override
    public Integer call() {
      ModelVersion version = root.workbench().models().get(ModelRef.parse(ref));
      SignatureStatus status =
          root.workbench().security().signatures().sign(version, key, publicKey);
      root.context().out().printf("signed %s: %s%n", version.ref(), status.describe());
      return 0;
    }
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Verify a model version's signature against the trusted keys (<home>/trust/*.pub).",
        "Exit codes: 0 verified, 1 unsigned, untrusted or invalid."
      })
  static final class Verify implements Callable<Integer> {
    private final AssayCommand root;

    @Parameters(paramLabel = "NAME[:VERSION]", description = "the model version")
    String ref;

    Verify(AssayCommand root) {
      this.root = root;
    }

    @Override
    public Integer call() {
      ModelVersion version = root.workbench().models().get(ModelRef.parse(ref));
      SignatureStatus status = root.workbench().security().signatures().verify(version);
      if (status.state() != SignatureStatus.State.VERIFIED) {
        throw new AssayCommand.ExitException(
            AssayCommand.EXIT_REFUSED, version.ref() + ": " + status.describe());
      }
      root.context().out().printf("%s: %s%n", version.ref(), status.describe());
      return 0;
    }
  }
}
