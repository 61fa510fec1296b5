package dev.assay.cli;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The allowed range of every numeric option of every command, checked in one place after picocli
 * has parsed the command line and before the command runs. A value outside its range is a usage
 * error: exit 2 and one line naming the option, the value and the range. A test walks the command
 * tree and fails for a numeric option without a range here.
 */
final class OptionRanges {
  /** Allowed values of one option, inclusive at both ends. */
  record Range(double min, double max) {
    boolean contains(double value) {
      return value >= min && value <= max; // false for NaN
    }

    String describe() {
      return number(min) + ".." + number(max);
    }

    private static String number(double value) {
      if (value == Long.MAX_VALUE) {
        return "" + Long.MAX_VALUE;
      }
      if (value == Long.MIN_VALUE) {
        return "" + Long.MIN_VALUE;
      }
      return value == Math.rint(value) && Math.abs(value) < 1e15
          ? Long.toString((long) value)
          : Double.toString(value);
    }
  }

  /** Most rows in one batch: a million rows of a few hundred features is already gigabytes. */
  static final int MAX_BATCH = 1_000_000;

  /** Most ONNX Runtime threads; 0 leaves the choice to Assay (all cores). */
  static final int MAX_THREADS = 256;

  private static final Range ANY_LONG = new Range(Long.MIN_VALUE, Long.MAX_VALUE);
  private static final Range ID = new Range(1, Long.MAX_VALUE);

  /**
   * Ranges by "command option" (the command's qualified name without "assay", the option's longest
   * name); an entry for the option name alone applies to every command.
   */
  private static final Map<String, Range> RANGES =
      Map.ofEntries(
          Map.entry("--batch", new Range(1, MAX_BATCH)),
          Map.entry("--threads", new Range(0, MAX_THREADS)),
          Map.entry("--seed", ANY_LONG),
          Map.entry("--resamples", new Range(1, 100_000)),
          Map.entry("compare --tolerance", new Range(0, 1e9)),
          Map.entry("compare --explain-background", new Range(1, 1_000_000)),
          Map.entry("compare --explain-seed", ANY_LONG),
          Map.entry("fairness --quantile-bins", new Range(2, 100)),
          Map.entry("fairness --min-group", new Range(1, Integer.MAX_VALUE)),
          Map.entry("security robustness --rows", new Range(1, 100_000_000)),
          Map.entry("security robustness --attack-rows", new Range(0, 1_000_000)),
          Map.entry("security robustness --query-budget", new Range(1, 10_000_000)),
          Map.entry("security robustness --epsilons", new Range(1e-6, 100)),
          Map.entry("security scan --timeout", new Range(1, 86_400)),
          Map.entry("security scan --memory", new Range(64, 1_048_576)),
          Map.entry("models import --version", new Range(1, Integer.MAX_VALUE)),
          // drift and explain also refuse the ends of these ranges themselves (open intervals)
          Map.entry("drift --alpha", new Range(0, 1)),
          Map.entry("drift --min-effect", new Range(0, 1)),
          Map.entry("monitor --label-horizon", new Range(1, 10_000_000)),
          Map.entry("monitor --ab-alpha", new Range(1e-9, 0.5)),
          Map.entry("monitor --ab-tau", new Range(1e-6, 1)),
          Map.entry("monitor --ab-max", new Range(1, 1e12)),
          // a metric's threshold: any finite value a window's metric can take (counts included)
          Map.entry("monitor add-rule --threshold", new Range(-1e15, 1e15)),
          Map.entry("monitor add-rule --for", new Range(1, 100_000)),
          Map.entry("rollout plan create --stages", new Range(1, 100)),
          Map.entry("rollout plan create --min-events", new Range(1, 1e12)),
          Map.entry("rollout plan create --max-drop", new Range(0, 0.999999)),
          Map.entry("rollout plan create --fairness-threshold", new Range(0, 1)),
          Map.entry("rollout plan create --fairness-min-group", new Range(1, 1e9)),
          Map.entry("explain --tolerance", new Range(0, 1)),
          Map.entry("explain --repeats", new Range(0, 1000)),
          Map.entry("explain --reasons", new Range(1, 1000)),
          Map.entry("explain --stability", new Range(1, 20)),
          Map.entry("explain --recourse", new Range(1, 20)),
          Map.entry("explain --threshold", new Range(-1e15, 1e15)),
          Map.entry("explain --margin", new Range(0, 1e15)),
          Map.entry("explain --proxy-threshold", new Range(0, 1)),
          Map.entry("report xlsx --explanation", ID),
          Map.entry("--run", ID),
          Map.entry("report xlsx --compare", ID),
          Map.entry("report xlsx --fairness", ID),
          Map.entry("report xlsx --security", ID),
          Map.entry("report xlsx --run", ID));

  private OptionRanges() {}

  /** The range of {@code option} in {@code command}, if it has one. */
  static Optional<Range> of(CommandLine command, OptionSpec option) {
    String name = option.longestName();
    String key = commandName(command) + " " + name;
    Range range = RANGES.get(key);
    return Optional.ofNullable(range != null ? range : RANGES.get(name));
  }

  /** The command's qualified name without the root's, e.g. "security scan". */
  static String commandName(CommandLine command) {
    String qualified = command.getCommandSpec().qualifiedName(" ");
    int space = qualified.indexOf(' ');
    return space < 0 ? "" : qualified.substring(space + 1);
  }

  /** Whether an option takes numbers (alone, or as a list or array). */
  static boolean numeric(ArgSpec arg) {
    Class<?> type = arg.type();
    if (type.isArray()) {
      type = type.getComponentType();
    } else if (Collection.class.isAssignableFrom(type)) {
      Class<?>[] aux = arg.auxiliaryTypes();
      type = aux.length > 0 ? aux[0] : Object.class;
    }
    return type == int.class
        || type == long.class
        || type == double.class
        || type == float.class
        || type == short.class
        || Number.class.isAssignableFrom(type);
  }

  /**
   * Checks the options given on the command line (defaults are in range by construction).
   *
   * @throws OutOfRange for the first value outside its range
   */
  static void check(ParseResult parsed) {
    for (ParseResult level = parsed; level != null; level = level.subcommand()) {
      CommandLine command = level.commandSpec().commandLine();
      for (OptionSpec option : level.matchedOptions()) {
        if (!numeric(option)) {
          continue;
        }
        Optional<Range> range = of(command, option);
        if (range.isEmpty()) {
          continue;
        }
        for (Object value : values(option.getValue())) {
          if (value instanceof Number number && !range.get().contains(number.doubleValue())) {
            throw new OutOfRange(
                command,
                option.longestName()
                    + " "
                    + value
                    + " is out of range: allowed "
                    + range.get().describe());
          }
        }
      }
    }
  }

  private static List<?> values(Object value) {
    return switch (value) {
      case null -> List.of();
      case Collection<?> many -> List.copyOf(many);
      case double[] many -> java.util.Arrays.stream(many).boxed().toList();
      case int[] many -> java.util.Arrays.stream(many).boxed().toList();
      case long[] many -> java.util.Arrays.stream(many).boxed().toList();
      default -> List.of(value);
    };
  }

  /**
   * A stored report's id given as a positional parameter (picocli positionals carry no range, so
   * they are read as text and checked here): 1 or more.
   *
   * @throws AssayCommand.ExitException a usage error naming the value
   */
  static long positiveId(String text, String what) {
    long id;
    try {
      id = Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      id = -1;
    }
    if (id < 1) {
      throw new AssayCommand.ExitException(
          AssayCommand.EXIT_USAGE, "ID must be " + what + " id (1 or more), not '" + text + "'");
    }
    return id;
  }

  /** A value outside its option's range: a usage error shown as one line. */
  static final class OutOfRange extends CommandLine.ParameterException {
    private static final long serialVersionUID = 1L;

    OutOfRange(CommandLine command, String message) {
      super(command, message);
    }
  }
}
