package dev.assay.cli;

import dev.assay.core.AssayVersion;
import picocli.CommandLine.IVersionProvider;

/** {@code assay --version}: the version from the jar manifest and the Java runtime. */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {
      "assay " + AssayVersion.version() + " (commit " + AssayVersion.commit() + ")",
      "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
    };
  }
}
