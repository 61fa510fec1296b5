package dev.assay.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.Sha256;
import dev.assay.testing.TestWorkbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a killed process left in a workbench is removed when the next process opens it. */
class LeftoversTest {
  private static final String SHA = "ab".repeat(32);

  @TempDir Path dir;

  /** The pid of a process that has ended. */
  private static long deadPid() throws Exception {
    Process process = new ProcessBuilder("true").start();
    process.waitFor();
    return process.pid();
  }

  @Test
  void aDeadProcesssFolderItsPartialFilesStagingAndOrphanStoreFolderGoAtTheNextStart()
      throws Exception {
    Path home = dir.resolve("home");
    TestWorkbench.open(dir).close();
    long dead = deadPid();
    Path deadFolder =
        Files.createDirectories(home.resolve("tmp").resolve("p" + dead + "-0badf00d"));
    Files.createFile(deadFolder.resolve(ProcessScratch.LOCK_FILE));
    Files.writeString(deadFolder.resolve("run-7-123.pred"), "predictions");
    Files.createDirectories(deadFolder.resolve(ProcessScratch.CLAIMS));
    Files.createFile(deadFolder.resolve(ProcessScratch.CLAIMS).resolve("datasets-" + SHA));
    Path part = Files.writeString(dir.resolve(".report.xlsx.1234.part"), "half a workbook");
    Files.writeString(deadFolder.resolve(ProcessScratch.OUTSIDE_LIST), part + "\n");
    Path orphan = Files.createDirectories(home.resolve("store/datasets").resolve(SHA));
    Files.writeString(orphan.resolve("data.csv"), "a,b\n1,2\n");
    orphan.resolve("data.csv").toFile().setWritable(false);
    Path staging =
        Files.createDirectories(
            home.resolve("store/datasets").resolve(".incoming-p" + dead + "-0badf00d-1234"));
    // an older build's column cache in the making, an hour old
    Path stagingCache =
        Files.writeString(
            home.resolve("store/datasets")
                .resolve(".incoming-columns-" + java.util.UUID.randomUUID()),
            "x");
    Files.setLastModifiedTime(
        stagingCache,
        java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(3600)));
    Path recentLoose =
        Files.writeString(home.resolve("tmp").resolve("run-3-77.pred"), "maybe in use");
    // a live process's folder (this JVM's id) and its claim are left alone
    long self = ProcessHandle.current().pid();
    Path liveFolder =
        Files.createDirectories(home.resolve("tmp").resolve("p" + self + "-00c0ffee"));
    Files.writeString(liveFolder.resolve("in-use.pred"), "busy");

    try (TestWorkbench reopened = TestWorkbench.open(dir)) {
      assertThat(deadFolder).doesNotExist();
      assertThat(part).doesNotExist();
      assertThat(orphan).doesNotExist();
      assertThat(staging).doesNotExist();
      assertThat(stagingCache).doesNotExist();
      assertThat(recentLoose).as("a recent file of an older build may be in use").exists();
      assertThat(liveFolder.resolve("in-use.pred")).exists();
      Path own = reopened.workbench().scratch().folder();
      assertThat(own.getParent()).isEqualTo(home.resolve("tmp"));
      assertThat(Files.getPosixFilePermissions(own))
          .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    }
    try (Stream<Path> tmp = Files.list(home.resolve("tmp"))) {
      assertThat(tmp)
          .as("a closed workbench removes its own folder")
          .containsExactlyInAnyOrder(liveFolder, recentLoose);
    }
  }

  @Test
  void aStoreFolderWithItsRowIsKeptThoughItsImporterDied() throws Exception {
    Path home = dir.resolve("home");
    String sha;
    try (TestWorkbench bench = TestWorkbench.open(dir)) {
      sha = bench.importCsv("kept.csv", "a,b", "1,2").sha256();
    }
    Path deadFolder =
        Files.createDirectories(home.resolve("tmp").resolve("p" + deadPid() + "-0badf00d"));
    Files.createDirectories(deadFolder.resolve(ProcessScratch.CLAIMS));
    Files.createFile(deadFolder.resolve(ProcessScratch.CLAIMS).resolve("datasets-" + sha));

    try (TestWorkbench reopened = TestWorkbench.open(dir)) {
      assertThat(deadFolder).doesNotExist();
      assertThat(home.resolve("store/datasets").resolve(sha)).isDirectory();
    }
  }

  @Test
  void aPredictionsFileWithoutItsRunRowGoesUnlessItsRunOrALiveProcessHoldsIt() throws Exception {
    Path home = dir.resolve("home");
    String kept;
    try (TestWorkbench bench = TestWorkbench.open(dir)) {
      var model =
          bench.importModel(dev.assay.testing.TestModels.sample("hmda-deny-v1.onnx"), "hmda");
      var data =
          bench.importCsv(
              dev.assay.testing.TestModels.repoRoot().resolve("models/data/hmda_test.csv"));
      long run = bench.run(TestWorkbench.request(model, data, "deny", null)).run().id();
      Path copy = dir.resolve("copy.pred");
      bench.workbench().runs().copyPredictions(run, copy);
      kept = Sha256.ofFile(copy);
    }
    Path store = home.resolve("store/predictions");
    // killed between moving its predictions in and committing the run
    String orphanSha = "cd".repeat(32);
    String liveSha = "ef".repeat(32);
    String looseSha = "12".repeat(32);
    Path orphan = Files.writeString(store.resolve(orphanSha + ".pred"), "no row");
    orphan.toFile().setWritable(false);
    Path dead = Files.createDirectories(home.resolve("tmp").resolve("p" + deadPid() + "-0badf00d"));
    Files.createDirectories(dead.resolve(ProcessScratch.CLAIMS));
    for (String sha : List.of(orphanSha, kept)) {
      Files.createFile(dead.resolve(ProcessScratch.CLAIMS).resolve("predictions-" + sha));
    }
    // a live process between its rename and its commit
    Path live =
        Files.createDirectories(
            home.resolve("tmp").resolve("p" + ProcessHandle.current().pid() + "-00c0ffee"));
    Files.createDirectories(live.resolve(ProcessScratch.CLAIMS));
    Files.createFile(live.resolve(ProcessScratch.CLAIMS).resolve("predictions-" + liveSha));
    Path inFlight = Files.writeString(store.resolve(liveSha + ".pred"), "about to commit");
    Files.setLastModifiedTime(inFlight, FileTime.from(Instant.now().minusSeconds(3600)));
    // no claim at all (its process folder lost), an hour old
    Path loose = Files.writeString(store.resolve(looseSha + ".pred"), "no row, no claim");
    Files.setLastModifiedTime(loose, FileTime.from(Instant.now().minusSeconds(3600)));

    try (TestWorkbench reopened = TestWorkbench.open(dir)) {
      assertThat(orphan).doesNotExist();
      assertThat(loose).doesNotExist();
      assertThat(dead).doesNotExist();
      assertThat(store.resolve(kept + ".pred")).as("its run refers to it").exists();
      assertThat(inFlight).as("a live process claims it").exists();
    }
  }
}
