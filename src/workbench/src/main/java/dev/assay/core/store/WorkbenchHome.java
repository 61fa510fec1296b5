package dev.assay.core.store;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The workbench folder: database, content-addressed stores and settings of one Assay installation
 * or project.
 *
 * @param root the folder; created on first use
 */
public record WorkbenchHome(Path root) {
  /** Environment variable that selects the workbench folder when {@code --home} is not given. */
  public static final String ENV_VARIABLE = "ASSAY_HOME";

  public WorkbenchHome {
    root = root.toAbsolutePath().normalize();
  }

  public Path databaseDirectory() {
    return root.resolve("db");
  }

  public Path modelStore() {
    return root.resolve("store").resolve("models");
  }

  /** The content-addressed per-row predictions of completed runs: {@code <sha256>.pred}. */
  public Path predictionStore() {
    return root.resolve("store").resolve("predictions");
  }

  /** Stored drift reference profiles: {@code <sha256>.profile}. */
  public Path driftProfileStore() {
    return root.resolve("store").resolve("drift-profiles");
  }

  public Path datasetStore() {
    return root.resolve("store").resolve("datasets");
  }

  /**
   * Temporary files: one folder per process that has the workbench open ({@link ProcessScratch}),
   * swept at start when its process has died.
   */
  public Path tmpDirectory() {
    return root.resolve("tmp");
  }

  /** Public keys (X.509 PEM, {@code *.pub}) of the signers this site trusts. */
  public Path trustDirectory() {
    return root.resolve("trust");
  }

  public Path settingsFile() {
    return root.resolve("settings.properties");
  }

  /**
   * Chooses the workbench folder: the explicit option first, then {@value #ENV_VARIABLE}, then the
   * per-user default of the operating system.
   */
  public static WorkbenchHome resolve(
      Path option, Map<String, String> environment, String osName, Path userHome) {
    if (option != null) {
      return new WorkbenchHome(option);
    }
    String fromEnv = environment.get(ENV_VARIABLE);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return new WorkbenchHome(Path.of(fromEnv));
    }
    return new WorkbenchHome(perUserDefault(environment, osName, userHome));
  }

  static Path perUserDefault(Map<String, String> environment, String osName, Path userHome) {
    String os = osName.toLowerCase(Locale.ROOT);
    if (os.contains("win")) {
      String appData = environment.get("APPDATA");
      Path base =
          appData != null ? Path.of(appData) : userHome.resolve("AppData").resolve("Roaming");
      return base.resolve("Assay");
    }
    if (os.contains("mac")) {
      return userHome.resolve("Library").resolve("Application Support").resolve("Assay");
    }
    String xdg = environment.get("XDG_DATA_HOME");
    Path base =
        xdg != null && !xdg.isBlank() ? Path.of(xdg) : userHome.resolve(".local").resolve("share");
    return base.resolve("assay");
  }
}
