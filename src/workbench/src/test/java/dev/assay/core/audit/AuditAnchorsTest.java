package dev.assay.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.store.WorkbenchHome;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the checkpoints, the key and the mirror go. */
class AuditAnchorsTest {
  private final WorkbenchHome home = new WorkbenchHome(Path.of("/srv/assay/wb"));
  private final Path user = Path.of("/home/ana");

  @Test
  void theHmacKeyLivesInTheUsersConfigurationFolderNotInTheWorkbench() {
    AuditAnchors a = AuditAnchors.resolve(home, Map.of(), "Linux", user);
    assertThat(a.checkpointLog()).isEqualTo(Path.of("/srv/assay/wb/audit/checkpoints.log"));
    assertThat(a.hmacKeyFile()).isEqualTo(Path.of("/home/ana/.config/assay/audit.key"));
    assertThat(a.mirrorLog()).isNull();
    assertThat(a.siteKeyFile()).isNull();
    assertThat(
            AuditAnchors.resolve(home, Map.of("XDG_CONFIG_HOME", "/cfg"), "Linux", user)
                .hmacKeyFile())
        .isEqualTo(Path.of("/cfg/assay/audit.key"));
  }

  @Test
  void theEnvironmentNamesASiteKeyAMirrorFolderAndAnotherHmacKey() {
    AuditAnchors a =
        AuditAnchors.resolve(
            home,
            Map.of(
                "ASSAY_AUDIT_KEY", "/keys/site.key",
                "ASSAY_AUDIT_MIRROR", "/mnt/worm",
                "ASSAY_AUDIT_HMAC_KEY", "/keys/audit.key"),
            "Linux",
            user);
    assertThat(a.siteKeyFile()).isEqualTo(Path.of("/keys/site.key"));
    assertThat(a.hmacKeyFile()).isEqualTo(Path.of("/keys/audit.key"));
    assertThat(a.mirrorLog().getParent()).isEqualTo(Path.of("/mnt/worm"));
    assertThat(a.mirrorLog().getFileName().toString()).matches("checkpoints-[0-9a-f]{16}\\.log");
    assertThat(
            AuditAnchors.resolve(
                    new WorkbenchHome(Path.of("/srv/assay/other")),
                    Map.of("ASSAY_AUDIT_MIRROR", "/mnt/worm"),
                    "Linux",
                    user)
                .mirrorLog())
        .as("one mirror folder serves several workbenches")
        .isNotEqualTo(a.mirrorLog());
  }
}
