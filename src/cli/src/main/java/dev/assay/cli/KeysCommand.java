package dev.assay.cli;

import dev.assay.core.security.SigningKeys;
import dev.assay.core.security.TrustedKeys;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code assay keys ...}: the site's signing keys and the keys it trusts. */
@Command(
    name = "keys",
    description = "Create signing keys and list the trusted ones.",
    mixinStandardHelpOptions = true)
final class KeysCommand implements Runnable {
  private final AssayCommand root;

  @Spec CommandSpec spec;

  KeysCommand(AssayCommand root) {
    this.root = root;
  }

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "choose a command: generate or list");
  }

  @Command(
      name = "generate",
      description =
          "Create an Ed25519 key pair: NAME.key (PKCS#8 PEM, keep it secret) and NAME.pub.")
  int generate(
      @Option(
              names = "--out",
              required = true,
              paramLabel = "DIR",
              description = "folder for the two files")
          Path out,
      @Option(
              names = "--name",
              defaultValue = "site",
              paramLabel = "NAME",
              description = "file name without extension (default: ${DEFAULT-VALUE})")
          String name,
      @Option(names = "--trust", description = "also trust the public key in this workbench")
          boolean trust)
      throws Exception {
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
      throw new AssayCommand.ExitException(2, "--name must be letters, digits, '.', '_' or '-'");
    }
    KeyPair pair = SigningKeys.generate();
    List<Path> files = SigningKeys.write(pair, out, name);
    PrintWriter w = root.context().out();
    w.printf("private key  %s (keep it secret)%n", files.get(0));
    w.printf("public key   %s%n", files.get(1));
    w.printf("fingerprint  %s%n", SigningKeys.fingerprint(pair.getPublic()));
    Path trustFolder = root.home().trustDirectory();
    if (trust) {
      Files.createDirectories(trustFolder);
      Path trusted = trustFolder.resolve(name + ".pub");
      if (Files.exists(trusted)) {
        throw new AssayCommand.ExitException(1, trusted + " already exists; not replaced");
      }
      Files.copy(files.get(1), trusted);
      w.printf("trusted      %s%n", trusted);
    } else {
      w.printf("to trust it, copy %s into %s%n", files.get(1).getFileName(), trustFolder);
    }
    return 0;
  }

  @Command(name = "list", description = "List the public keys this workbench trusts.")
  int list() {
    TrustedKeys trusted = new TrustedKeys(root.home().trustDirectory());
    PrintWriter w = root.context().out();
    List<TrustedKeys.TrustedKey> keys = trusted.keys();
    if (keys.isEmpty()) {
      w.printf("no trusted keys in %s%n", trusted.folder());
    }
    keys.forEach(k -> w.printf("%-24s %s  %s%n", k.name(), k.fingerprint(), k.file()));
    trusted.problems().forEach(p -> root.context().err().println("assay: warning: " + p));
    return 0;
  }
}
