package dev.assay.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The .deb: its metadata, contents and scripts, and (as root) install, upgrade and removal. */
class DebPackageIT {
  @TempDir Path temp;

  private static Path deb() throws Exception {
    Packaged.linuxImage();
    assumeTrue(Packaged.onPath("dpkg-deb"), "dpkg-deb is needed to read the .deb");
    return Packaged.file("assay*_amd64.deb");
  }

  private static String field(Path deb, String name) throws Exception {
    Packaged.Result result = Packaged.run(List.of("dpkg-deb", "-f", deb.toString(), name));
    assertThat(result.code()).as(result.output()).isZero();
    return result.output().strip();
  }

  @Test
  void declaresItsNameVersionAndTheLibrariesJavaFxAndTheJdkNeed() throws Exception {
    Path deb = deb();

    assertThat(field(deb, "Package")).isEqualTo("assay");
    assertThat(field(deb, "Version")).isEqualTo(Packaged.VERSION.replace("-SNAPSHOT", "") + "-1");
    assertThat(field(deb, "Architecture")).isEqualTo("amd64");
    assertThat(List.of(field(deb, "Depends").split(",\\s*")))
        .contains("libgtk-3-0", "libc6")
        .anyMatch(d -> d.startsWith("libx11"))
        .anyMatch(d -> d.startsWith("libstdc++"));
  }

  @Test
  void installsTheAppImageUnderOptWithItsAotCacheAndTimesKept() throws Exception {
    Path deb = deb();
    Packaged.Result contents = Packaged.run(List.of("dpkg-deb", "-c", deb.toString()));
    assertThat(contents.code()).as(contents.output()).isZero();
    List<String> lines = contents.output().lines().toList();

    assertThat(lines)
        .anyMatch(l -> l.endsWith("./opt/assay/bin/assay"))
        .anyMatch(l -> l.endsWith("./opt/assay/lib/app/assay.jar"))
        .anyMatch(l -> l.endsWith("./opt/assay/lib/app/assay.aot"))
        .anyMatch(l -> l.endsWith("./opt/assay/lib/runtime/lib/libonnxruntime.so"))
        .anyMatch(l -> l.endsWith(".desktop"))
        .noneMatch(l -> l.endsWith(".dll") || l.endsWith(".dylib"));
    // the AOT cache is only used while the jars keep the times they had when it was trained
    String stamp = "2026-11-22";
    assertThat(lines.stream().filter(l -> l.endsWith(".jar")))
        .isNotEmpty()
        .allMatch(l -> l.contains(stamp), "jar times are the build's outputTimestamp");
  }

  @Test
  void scriptsLinkTheLauncherIntoThePathAndRegisterTheMenuEntry() throws Exception {
    Path deb = deb();
    Path control = temp.resolve("control");
    Packaged.Result result =
        Packaged.run(List.of("dpkg-deb", "-e", deb.toString(), control.toString()));
    assertThat(result.code()).as(result.output()).isZero();

    assertThat(Files.readString(control.resolve("postinst")))
        .contains("ln -sf \"/opt/assay/bin/assay\" /usr/bin/assay")
        .contains("xdg-desktop-menu");
    assertThat(Files.readString(control.resolve("prerm"))).contains("rm -f /usr/bin/assay");
  }

  @Test
  void installUpgradeAndRemoveLeaveTheUsersWorkbenchAlone() throws Exception {
    Path deb = deb();
    assumeTrue("root".equals(System.getProperty("user.name")), "dpkg -i needs root");
    Packaged.Result status = Packaged.run(List.of("dpkg-query", "-W", "-f=${Status}", "assay"));
    assumeTrue(
        !status.output().contains("ok installed"),
        "an assay package is installed on this machine; not touching it");
    Path home = temp.resolve("workbench");
    try {
      assertOk(Packaged.run(List.of("dpkg", "-i", deb.toString())));
      assertThat(Path.of("/usr/bin/assay")).isSymbolicLink();
      assertOk(
          Packaged.run(
              List.of(
                  "/usr/bin/assay",
                  "--home",
                  home.toString(),
                  "models",
                  "import",
                  "/opt/assay/lib/app/models/hmda-deny-v1.onnx")));

      // an upgrade: the same files under a higher package version
      Path upgrade = repackWithVersion(deb, field(deb, "Version").replaceAll("-1$", "-2"));
      assertOk(Packaged.run(List.of("dpkg", "-i", upgrade.toString())));
      Packaged.Result list =
          Packaged.run(List.of("/usr/bin/assay", "--home", home.toString(), "models", "list"));
      assertOk(list);
      assertThat(list.output()).contains("hmda-deny-v1");

      assertOk(Packaged.run(List.of("dpkg", "-r", "assay")));
      assertThat(Path.of("/opt/assay")).doesNotExist();
      assertThat(Path.of("/usr/bin/assay")).doesNotExist();
      assertThat(home.resolve("db")).isDirectory();
    } finally {
      Packaged.run(List.of("dpkg", "--purge", "assay"));
    }
  }

  private Path repackWithVersion(Path deb, String version) throws Exception {
    Path tree = temp.resolve("repack");
    assertOk(Packaged.run(List.of("dpkg-deb", "-R", deb.toString(), tree.toString())));
    Path control = tree.resolve("DEBIAN/control");
    Files.writeString(
        control, Files.readString(control).replaceAll("(?m)^Version: .*$", "Version: " + version));
    Path out = temp.resolve("assay_" + version + "_amd64.deb");
    assertOk(
        Packaged.run(
            List.of(
                "dpkg-deb",
                "--root-owner-group",
                "-Znone",
                "-b",
                tree.toString(),
                out.toString())));
    return out;
  }

  private static void assertOk(Packaged.Result result) {
    assertThat(result.code()).as(result.output()).isZero();
  }
}
