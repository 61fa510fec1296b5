package dev.assay.core.audit;

import dev.assay.core.Sha256;
import dev.assay.core.store.WorkbenchHome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the audit trail's checkpoints and their key live, all outside the workbench database.
 *
 * @param checkpointLog the append-only checkpoint file, {@code <home>/audit/checkpoints.log}
 * @param mirrorLog a second copy in a folder the site names (a share, a WORM folder), or null
 * @param hmacKeyFile the HMAC-SHA256 key used when no site key is given; created on first use,
 *     readable by its owner only
 * @param siteKeyFile the site's Ed25519 private key (PKCS#8 PEM, {@code NAME.pub} beside it), or
 *     null to use the HMAC key
 */
public record AuditAnchors(Path checkpointLog, Path mirrorLog, Path hmacKeyFile, Path siteKeyFile) {
  /** Names the site's Ed25519 private key that signs checkpoints. */
  public static final String SITE_KEY_VARIABLE = "ASSAY_AUDIT_KEY";

  /** Names the HMAC key file when not the per-user default. */
  public static final String HMAC_KEY_VARIABLE = "ASSAY_AUDIT_HMAC_KEY";

  /** Names a folder that receives a copy of every checkpoint. */
  public static final String MIRROR_VARIABLE = "ASSAY_AUDIT_MIRROR";

  /**
   * Everything inside the workbench folder ({@code <home>/audit/}): what tests and embedded uses
   * get. The key then protects nothing against someone who can write the workbench folder.
   */
  public static AuditAnchors insideWorkbench(WorkbenchHome home) {
    Path folder = home.root().resolve("audit");
    return new AuditAnchors(
        folder.resolve("checkpoints.log"), null, folder.resolve("audit.key"), null);
  }

  /**
   * The anchors of a real installation: the checkpoint file in the workbench folder; the HMAC key
   * in the user's own configuration folder, which someone who can write only the workbench folder
   * cannot read; a site key and a mirror folder when the environment names them.
   */
  public static AuditAnchors resolve(
      WorkbenchHome home, Map<String, String> environment, String osName, Path userHome) {
    Path log = home.root().resolve("audit").resolve("checkpoints.log");
    String mirror = environment.get(MIRROR_VARIABLE);
    Path mirrorLog =
        mirror == null || mirror.isBlank() ? null : Path.of(mirror).resolve(mirrorName(home));
    String hmac = environment.get(HMAC_KEY_VARIABLE);
    Path hmacKey =
        hmac == null || hmac.isBlank()
            ? userKeyFolder(environment, osName, userHome).resolve("audit.key")
            : Path.of(hmac);
    String site = environment.get(SITE_KEY_VARIABLE);
    return new AuditAnchors(
        log, mirrorLog, hmacKey, site == null || site.isBlank() ? null : Path.of(site));
  }

  /** The mirror's file for this workbench: named by its folder, so one share serves many. */
  static String mirrorName(WorkbenchHome home) {
    String id =
        Sha256.ofBytes(home.root().toString().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    return "checkpoints-" + id + ".log";
  }

  static Path userKeyFolder(Map<String, String> environment, String osName, Path userHome) {
    String os = osName.toLowerCase(Locale.ROOT);
    if (os.contains("win")) {
      String local = environment.get("LOCALAPPDATA");
      Path base = local != null ? Path.of(local) : userHome.resolve("AppData").resolve("Local");
      return base.resolve("Assay").resolve("keys");
    }
    if (os.contains("mac")) {
      return userHome.resolve("Library").resolve("Preferences").resolve("dev.assay");
    }
    String xdg = environment.get("XDG_CONFIG_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : userHome.resolve(".config");
    return base.resolve("assay");
  }
}
