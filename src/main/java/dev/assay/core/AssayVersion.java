package dev.assay.core;

/** Assay's own version, shared by the desktop app and the CLI. */
public final class AssayVersion {
  private AssayVersion() {}

  /** Assay's version, from the jar manifest; {@code dev} when running from classes. */
  public static String version() {
    String version = AssayVersion.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
