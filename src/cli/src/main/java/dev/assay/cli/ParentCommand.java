package dev.assay.cli;

import picocli.CommandLine;

/**
 * A top-level command with commands under it that take the root command, which picocli cannot make
 * from its annotations (it calls a constructor without arguments): the command adds them to its own
 * {@link CommandLine} when the tree is built ({@link TopCommands#addChildren}).
 */
interface ParentCommand {
  /** Adds the commands under {@code self} (this command's {@link CommandLine}). */
  void addChildren(CommandLine self, AssayCommand root);
}
