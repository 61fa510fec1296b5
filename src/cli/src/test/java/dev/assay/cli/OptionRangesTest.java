package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every numeric option of every command is range-checked before the command runs: a value outside
 * its range is a usage error (exit 2) on one line naming the option, the value and the range, and
 * nothing else happens (the workbench is not even opened).
 */
class OptionRangesTest {
  private static final String MODEL_DATA = "--model m:1 --data d --target t";

  record Run(int code, String out, String err) {}

  private static Run run(String line) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext context =
        new CliContext(
            option -> fail("no home for a usage error"),
            home -> fail("no workbench for a usage error"),
            home -> fail("no desktop"),
            new PrintWriter(out),
            new PrintWriter(err));
    int code = new AssayCli(context).run(line.split(" "));
    return new Run(code, out.toString(), err.toString());
  }

  static Stream<Arguments> outOfRange() {
    return Stream.of(
        Arguments.of("eval " + MODEL_DATA + " --batch 0", "--batch 0", "1..1000000"),
        Arguments.of("eval " + MODEL_DATA + " --batch -5", "--batch -5", "1..1000000"),
        Arguments.of(
            "eval " + MODEL_DATA + " --batch 100000000", "--batch 100000000", "1..1000000"),
        Arguments.of("eval " + MODEL_DATA + " --threads -1", "--threads -1", "0..256"),
        Arguments.of("eval " + MODEL_DATA + " --threads 10000", "--threads 10000", "0..256"),
        Arguments.of(
            "compare --models a:1,b:1 --data d --target t --batch 0", "--batch 0", "1..1000000"),
        Arguments.of(
            "compare --models a:1,b:1 --data d --target t --threads 999",
            "--threads 999",
            "0..256"),
        Arguments.of(
            "compare --models a:1,b:1 --data d --target t --resamples 0",
            "--resamples 0",
            "1..100000"),
        Arguments.of(
            "compare --models a:1,b:1 --data d --target t --tolerance -1",
            "--tolerance -1.0",
            "0..1000000000"),
        Arguments.of(
            "compare --models a:1,b:1 --data d --target t --tolerance NaN",
            "--tolerance NaN",
            "0..1000000000"),
        Arguments.of(
            "fairness --run 1 --sensitive s --quantile-bins 1", "--quantile-bins 1", "2..100"),
        Arguments.of(
            "fairness --run 1 --sensitive s --min-group 0", "--min-group 0", "1..2147483647"),
        Arguments.of(
            "fairness --run 1 --sensitive s --resamples -3", "--resamples -3", "1..100000"),
        Arguments.of("security robustness " + MODEL_DATA + " --rows 0", "--rows 0", "1..100000000"),
        Arguments.of(
            "security robustness " + MODEL_DATA + " --attack-rows -1",
            "--attack-rows -1",
            "0..1000000"),
        Arguments.of(
            "security robustness " + MODEL_DATA + " --query-budget 0",
            "--query-budget 0",
            "1..10000000"),
        Arguments.of(
            "security robustness " + MODEL_DATA + " --epsilons 0.1,-0.2",
            "--epsilons -0.2",
            "1.0E-6..100"),
        Arguments.of("security scan m.onnx --timeout 0", "--timeout 0", "1..86400"),
        Arguments.of("security scan m.onnx --memory 63", "--memory 63", "64..1048576"),
        Arguments.of("report xlsx --run 0 --out r.xlsx", "--run 0", "1..9223372036854775807"),
        Arguments.of(
            "report xlsx --run 1 --out r.xlsx --compare -2",
            "--compare -2",
            "1..9223372036854775807"),
        Arguments.of(
            "signoff sign m:1 --decision approved --run 0", "--run 0", "1..9223372036854775807"),
        Arguments.of("models import m.onnx --version 0", "--version 0", "1..2147483647"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outOfRange")
  void aValueOutsideItsRangeIsAUsageErrorOnOneLine(String line, String value, String range) {
    Run run = run(line);

    assertThat(run.code()).as(run.err()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().strip().lines().toList())
        .containsExactly("assay: " + value + " is out of range: allowed " + range);
  }

  @Test
  void valuesAtTheEndsOfTheirRangesPassTheCheck() {
    CommandLine tree = tree();
    CommandLine.ParseResult parsed =
        tree.parseArgs(("eval " + MODEL_DATA + " --batch 1000000 --threads 0").split(" "));

    OptionRanges.check(parsed);
    parsed = tree().parseArgs("security scan m.onnx --timeout 86400 --memory 64".split(" "));
    OptionRanges.check(parsed);
  }

  @Test
  void everyNumericOptionOfEveryCommandHasARange() {
    List<String> missing = new ArrayList<>();
    List<String> checked = new ArrayList<>();
    walk(tree(), missing, checked);

    assertThat(missing).as("numeric options without a range in OptionRanges").isEmpty();
    assertThat(checked)
        .contains(
            "eval --batch",
            "eval --threads",
            "compare --tolerance",
            "security scan --timeout",
            "security scan --memory",
            "security robustness --epsilons",
            "report xlsx --run");
  }

  private static void walk(CommandLine command, List<String> missing, List<String> checked) {
    for (OptionSpec option : command.getCommandSpec().options()) {
      if (OptionRanges.numeric(option)) {
        String name = OptionRanges.commandName(command) + " " + option.longestName();
        (OptionRanges.of(command, option).isPresent() ? checked : missing).add(name);
      }
    }
    assertThat(command.getCommandSpec().positionalParameters())
        .as("numeric positional parameters of " + command.getCommandName())
        .noneMatch(OptionRanges::numeric);
    command.getSubcommands().values().forEach(sub -> walk(sub, missing, checked));
  }

  private static CommandLine tree() {
    CliContext context =
        new CliContext(
            option -> fail("no home"),
            home -> fail("no workbench"),
            home -> fail("no desktop"),
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()));
    return new AssayCli(context).commandTree(new AssayCommand(context));
  }
}
