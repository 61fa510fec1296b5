package dev.assay.cli;

import dev.assay.core.AssayVersion;
import picocli.CommandLine.IVersionProvider;

/** {@code assay --version}: the version from the jar manifest and the Java runtime. */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return lines();
  }

  /**
   * The two lines of {@code assay --version}. Written without lambdas or {@code +} on strings (each
   * a call site the JVM links on first use), as this is all {@code assay --version} runs.
   */
  public static String[] lines() {
    // java.runtime.version is what Runtime.version() parses and prints back
    String java = System.getProperty("java.runtime.version");
    if (java == null) {
      java = Runtime.version().toString();
    }
    return new String[] {
      String.join("", "assay ", AssayVersion.version(), " (commit ", AssayVersion.commit(), ")"),
      String.join("", "Java ", java, " (", System.getProperty("java.vendor"), ")")
    };
  }

  /** Whether {@code args} ask for the version only ({@code --version} or {@code -V}). */
  public static boolean asked(String... args) {
    return args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
  }
}
