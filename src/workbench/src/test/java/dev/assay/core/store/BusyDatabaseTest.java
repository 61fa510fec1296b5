package dev.assay.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.core.AssayException;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database another process keeps to itself: opening it waits for the stated time, then fails with
 * one line that says it is busy (not "encrypted", not an internal error); once the other process is
 * gone it opens.
 */
@Tag("multiprocess")
class BusyDatabaseTest {
  @TempDir Path dir;

  @Test
  void aDatabaseHeldByAnotherProcessIsReportedBusyAfterTheWaitAndOpensWhenFree() throws Exception {
    Path db = dir.resolve("db");
    Database.open(db).close();
    Process holder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                String.join(
                    File.pathSeparator,
                    System.getProperty("java.class.path").split(File.pathSeparator)),
                HoldExclusively.class.getName(),
                db.resolve("assay").toString())
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).isEqualTo("holding");

      long t0 = System.nanoTime();
      assertThatThrownBy(() -> Database.open(db, null, Duration.ofSeconds(2)))
          .isInstanceOf(DatabaseBusyException.class)
          .isInstanceOf(AssayException.class)
          .hasMessageStartingWith("the workbench database in " + db)
          .hasMessageContaining("stayed busy with other Assay processes for 2 s")
          .hasMessageNotContaining("encrypted")
          .hasMessageNotContaining("passphrase");
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThan(Duration.ofSeconds(2));
    } finally {
      holder.destroyForcibly().waitFor();
    }
    Database.open(db, null, Duration.ofSeconds(30)).close();
  }
}
