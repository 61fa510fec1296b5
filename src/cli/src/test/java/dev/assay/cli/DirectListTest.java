package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.store.WorkbenchHome;
import dev.assay.testing.TestModels;
import dev.assay.workbench.Workbench;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code models list} and {@code datasets list} run without picocli (start-up, issue 14): only the
 * exact words are taken so, and they answer exactly as the picocli tree does.
 */
class DirectListTest {
  @TempDir Path dir;

  @Test
  void onlyTheExactListWordsAreTakenDirectly() {
    DirectList plain = DirectList.parse("models", "list");
    assertThat(plain.command()).isEqualTo("models");
    assertThat(plain.home()).isNull();
    assertThat(plain.json()).isFalse();
    DirectList full = DirectList.parse("--home", "h", "datasets", "list", "--json");
    assertThat(full.command()).isEqualTo("datasets");
    assertThat(full.home()).isEqualTo(Path.of("h"));
    assertThat(full.json()).isTrue();
    assertThat(DirectList.parse("models", "list", "--home=h2").home()).isEqualTo(Path.of("h2"));
    assertThat(DirectList.parse("models", "--home", "h3", "list").home()).isEqualTo(Path.of("h3"));
    String[][] others = {
      {},
      {"models"},
      {"list"},
      {"models", "show"},
      {"models", "list", "x"},
      {"models", "list", "--help"},
      {"models", "list", "--json", "--json"},
      {"models", "--json", "list"},
      {"list", "models"},
      {"models", "list", "list"},
      {"eval", "list"},
      {"--home", "a", "--home", "b", "models", "list"},
      {"--home", "models", "list"},
      {"--home=", "models", "list"},
      {"models", "list", "--home", "-x"},
      {"models", "list", "--home"},
      {"--startup-check", "models", "list"},
    };
    for (String[] args : others) {
      assertThat(DirectList.parse(args)).as(String.join(" ", args)).isNull();
    }
  }

  @Test
  void answersAsThePicocliTreeDoes() throws Exception {
    Path home = dir.resolve("home");
    for (String command : new String[] {"models", "datasets"}) {
      // an empty workbench, then one with a model and a dataset
      same(home, command, "list");
      same(home, command, "list", "--json");
    }
    Path model =
        Files.copy(TestModels.sample("hmda-deny-v2.onnx"), dir.resolve("hmda-deny-v2.onnx"));
    assertThat(CliRun.run(home, "models", "import", model.toString()).code()).isZero();
    Path data = TestModels.repoRoot().resolve("models/data/hmda_test.csv");
    assertThat(CliRun.run(home, "datasets", "import", data.toString()).code()).isZero();
    for (String command : new String[] {"models", "datasets"}) {
      CliRun.Outcome listed = same(home, command, "list");
      assertThat(listed.out()).contains(command.equals("models") ? "hmda-deny-v2" : "hmda_test");
      assertThat(same(home, command, "list", "--json").json()).hasSize(1);
    }
    // a home that cannot be opened: the same refusal and exit code
    Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
    CliRun.Outcome refused = same(file.resolve("sub"), "models", "list");
    assertThat(refused.code()).isNotZero();
    assertThat(refused.err()).startsWith("assay: ");
  }

  /** Runs {@code args} directly and through the whole picocli tree; both must answer the same. */
  private static CliRun.Outcome same(Path home, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--home", home.toString()));
    String[] withHome = all.toArray(String[]::new);
    assertThat(DirectList.parse(withHome)).isNotNull();
    CliRun.Outcome direct = CliRun.run(home, args);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext context = context(home, out, err);
    AssayCli cli = new AssayCli(context);
    AssayCommand root = new AssayCommand(context);
    int code;
    try {
      code = cli.commandTree(root).execute(withHome);
    } finally {
      root.closeWorkbench();
    }
    assertThat(direct.code()).as(String.join(" ", args)).isEqualTo(code);
    assertThat(direct.out()).as(String.join(" ", args)).isEqualTo(out.toString());
    assertThat(direct.err()).as(String.join(" ", args)).isEqualTo(err.toString());
    return direct;
  }

  private static CliContext context(Path home, StringWriter out, StringWriter err) {
    return new CliContext(
        option -> new WorkbenchHome(option != null ? option : home),
        opened -> Workbench.open(opened, Clock.systemUTC(), "tester"),
        opened -> {
          throw new AssertionError("the desktop must not start in a CLI test");
        },
        new PrintWriter(out, true),
        new PrintWriter(err, true));
  }
}
