package dev.assay.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a process reported as committed survives its sudden end (H2's default write delay kept
 * commits in memory for up to half a second), and the ids after such an end follow on without a gap
 * (H2's identity cache reserved 32 at a time).
 */
@Tag("multiprocess")
class DurabilityTest {
  @TempDir Path dir;

  @Test
  void rowsCommittedJustBeforeAHaltAreThereAndTheirIdsFollowOn() throws Exception {
    Path db = dir.resolve("db");
    Database.open(db).close();
    List<Long> reported = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      reported.add(commitThenHalt(db));
    }

    assertThat(reported).containsExactly(1L, 2L, 3L);
    try (Database database = Database.open(db)) {
      List<Long> stored =
          database.read(
              connection -> {
                List<Long> ids = new ArrayList<>();
                try (ResultSet rs =
                    connection
                        .createStatement()
                        .executeQuery("SELECT id FROM model_signature ORDER BY id")) {
                  while (rs.next()) {
                    ids.add(rs.getLong(1));
                  }
                }
                return ids;
              });
      assertThat(stored).isEqualTo(reported);
    }
  }

  private long commitThenHalt(Path db) throws Exception {
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-cp",
                String.join(
                    File.pathSeparator,
                    System.getProperty("java.class.path").split(File.pathSeparator)),
                CommitThenHalt.class.getName(),
                db.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).as(output).isEqualTo(137);
    String line = output.lines().filter(l -> l.startsWith("committed ")).findFirst().orElseThrow();
    return Long.parseLong(line.substring("committed ".length()).strip());
  }
}
