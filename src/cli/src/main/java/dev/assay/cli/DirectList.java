package dev.assay.cli;

import java.nio.file.Path;

/**
 * {@code assay [--home DIR] models list [--json]} and {@code datasets list}, run without picocli.
 * Building picocli's tree for them (its Java 5 classes loaded from the jar and verified, each
 * command's annotations read by reflection) took about as much CPU as the rest of {@code models
 * list} (0.28 of 0.63 s, issue 14), and a pipeline runs these often. Only these exact words are
 * taken here; anything else (another option, help, a repeated or odd {@code --home}) goes to
 * picocli, so its answers and messages are unchanged. The command itself is the same method picocli
 * calls.
 */
final class DirectList {
  private final String command;
  private final Path home;
  private final boolean json;

  private DirectList(String command, Path home, boolean json) {
    this.command = command;
    this.home = home;
    this.json = json;
  }

  /** The list command {@code args} name exactly, or null for anything else. */
  static DirectList parse(String... args) {
    String command = null;
    boolean list = false;
    boolean json = false;
    String homeText = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String value;
      if (arg.equals("--home") && i + 1 < args.length) {
        value = args[++i];
      } else if (arg.startsWith("--home=")) {
        value = arg.substring("--home=".length());
      } else if (command == null && (arg.equals("models") || arg.equals("datasets"))) {
        command = arg;
        continue;
      } else if (command != null && !list && arg.equals("list")) {
        list = true;
        continue;
      } else if (list && !json && arg.equals("--json")) {
        json = true;
        continue;
      } else {
        return null;
      }
      if (homeText != null || value.isEmpty() || value.startsWith("-")) {
        return null;
      }
      homeText = value;
    }
    if (!list) {
      return null;
    }
    Path home = null;
    if (homeText != null) {
      try {
        home = FileNames.parse(homeText);
      } catch (RuntimeException e) {
        return null; // picocli gives its refusal
      }
    }
    return new DirectList(command, home, json);
  }

  /** Runs the command over {@code root} as picocli would; returns its exit code. */
  int run(AssayCommand root) throws Exception {
    root.home = home;
    return command.equals("models")
        ? new ModelsCommand(root).list(json)
        : new DatasetsCommand(root).list(json);
  }

  String command() {
    return command;
  }

  Path home() {
    return home;
  }

  boolean json() {
    return json;
  }
}
