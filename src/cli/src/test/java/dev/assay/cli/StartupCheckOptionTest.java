package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.assay.core.store.WorkbenchHome;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code assay --startup-check}: the packaged app's start-up benchmark goes to the desktop path.
 */
class StartupCheckOptionTest {
  @TempDir Path dir;

  @Test
  void startupCheckRunsTheDesktopCheckOnTheChosenHomeAndReturnsItsExitCode() {
    List<Path> checked = new ArrayList<>();
    CliContext context =
        new CliContext(
            option -> new WorkbenchHome(option),
            home -> fail("no workbench is opened by the CLI for a start-up check"),
            home -> fail("the interactive desktop must not open for a start-up check"),
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()),
            home -> {
              checked.add(home.root());
              return 0;
            });

    int code = new AssayCli(context).run("--home", dir.toString(), "--startup-check");

    assertThat(code).isZero();
    assertThat(checked).containsExactly(dir);
  }

  @Test
  void startupCheckIsAUsageErrorWhereNoDesktopIsWired() {
    StringWriter err = new StringWriter();
    CliContext context =
        new CliContext(
            option -> new WorkbenchHome(dir),
            home -> fail("no workbench is opened"),
            home -> fail("the desktop must not open"),
            new PrintWriter(new StringWriter()),
            new PrintWriter(err));

    int code = new AssayCli(context).run("--startup-check");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--startup-check");
  }
}
