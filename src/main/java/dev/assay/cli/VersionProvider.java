package dev.assay.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code assay --version}: the version from the jar manifest and the Java runtime. */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {
      "assay " + version(),
      "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
    };
  }

  /** Assay's version, from the jar manifest; {@code dev} when running from classes. */
  public static String version() {
    String version = AssayCommand.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
