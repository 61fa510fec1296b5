package dev.assay.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The arguments of a desktop start ({@code assay}, {@code assay --home DIR}, {@code assay
 * --startup-check}), recognised without picocli: picocli's classes (Java 5 bytecode) cannot go into
 * the JVM's AOT cache, and loading them and building the command tree costs about 0.3 s of the
 * desktop's start-up. Anything else (a command, {@code --help}, {@code --version}, a typo) is left
 * to picocli, which handles these arguments the same way.
 *
 * @param home the {@code --home} option, or null
 * @param startupCheck whether {@code --startup-check} was given
 */
record DesktopArguments(Path home, boolean startupCheck) {
  private static final String HOME = "--home";

  /** The desktop start {@code args} ask for, or empty when they are for picocli. */
  static Optional<DesktopArguments> parse(String... args) {
    Path home = null;
    boolean startupCheck = false;
    try {
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        if (arg.equals("--startup-check") && !startupCheck) {
          startupCheck = true;
        } else if (arg.equals(HOME)
            && home == null
            && i + 1 < args.length
            && !args[i + 1].isEmpty()
            && !args[i + 1].startsWith("-")) {
          home = Path.of(args[++i]);
        } else if (arg.startsWith(HOME + "=") && home == null && arg.length() > HOME.length() + 1) {
          home = Path.of(arg.substring(HOME.length() + 1));
        } else {
          return Optional.empty();
        }
      }
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
    return Optional.of(new DesktopArguments(home, startupCheck));
  }
}
