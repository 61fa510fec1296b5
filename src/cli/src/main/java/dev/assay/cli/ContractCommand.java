package dev.assay.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.assay.core.Json;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.drift.ContractCheck;
import dev.assay.core.drift.DataContract;
import dev.assay.core.driftreports.DataContractStore;
import dev.assay.workbench.Workbench;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code assay contract infer|check}: data contracts inferred from a reference, then checked. */
@Command(
    name = "contract",
    mixinStandardHelpOptions = true,
    description = {
      "Data contracts: `infer` writes one from a reference dataset (per column: numeric range,"
          + " allowed categories, largest missing rate); edit the JSON as needed; `check`"
          + " validates a dataset against it and names column, rule, count and example rows.",
    },
    footer = {"", "Exit codes: 0 ok, 1 refused input or violations, 2 usage error, 3 internal."})
final class ContractCommand implements Callable<Integer> {
  private final AssayCommand root;

  ContractCommand(AssayCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() {
    throw new AssayCommand.ExitException(
        AssayCommand.EXIT_USAGE, "give a subcommand: contract infer or contract check");
  }

  private static ObjectMapper json() {
    return Json.newMapper().enable(SerializationFeature.INDENT_OUTPUT);
  }

  private static void write(AssayCommand root, String out, String text) {
    if ("-".equals(out)) {
      root.context().out().println(text);
      return;
    }
    try {
      Files.writeString(Path.of(out), text + "\n");
    } catch (IOException e) {
      throw new AssayCommand.ExitException(1, "cannot write " + out + ": " + e.getMessage());
    }
  }

  /** {@code assay contract infer --reference D --out FILE}. */
  @Command(
      name = "infer",
      mixinStandardHelpOptions = true,
      description = "Infer a data contract from a reference dataset (NAME[:VERSION] or CSV).")
  static final class Infer implements Callable<Integer> {
    private final AssayCommand root;

    @Option(names = "--reference", required = true, paramLabel = "NAME[:VERSION]|FILE")
    String reference;

    @Option(
        names = "--out",
        paramLabel = "FILE",
        description = "where to write the contract (JSON; - for stdout)")
    String out;

    @Option(
        names = "--model",
        paramLabel = "NAME:VERSION",
        description = "also keep it with this model version (a new revision, audited)")
    String model;

    Infer(AssayCommand root) {
      this.root = root;
    }

    @Override
    public Integer call() throws Exception {
      if (out == null && model == null) {
        throw new AssayCommand.ExitException(
            AssayCommand.EXIT_USAGE, "give --out FILE, --model NAME:VERSION or both");
      }
      Workbench workbench = root.workbench();
      dev.assay.core.model.ModelVersion version =
          model == null ? null : CliInputs.model(workbench, model);
      DatasetVersion ref = CliInputs.dataset(workbench, reference);
      DataContract contract =
          dev.assay.core.driftreports.ContractInference.infer(workbench.datasets(), ref);
      if (version != null) {
        DataContractStore.Stored stored =
            workbench
                .dataContracts()
                .save(
                    version.id(), version.ref(), contract, "inferred from " + ref.ref(), ref.id());
        root.context()
            .err()
            .println(
                "contract of "
                    + ref.ref()
                    + " kept as revision "
                    + stored.revision()
                    + " of "
                    + version.ref());
      }
      if (out == null) {
        return 0;
      }
      write(root, out, json().writeValueAsString(contract));
      if (!"-".equals(out)) {
        root.context()
            .err()
            .println(
                "contract of "
                    + ref.ref()
                    + ": "
                    + contract.columns().size()
                    + " columns -> "
                    + out);
      }
      return 0;
    }
  }

  /** {@code assay contract check --contract FILE --data D [--json OUT]}. */
  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description = "Check a dataset (NAME[:VERSION] or CSV) against a contract file.")
  static final class Check implements Callable<Integer> {
    private final AssayCommand root;

    @Option(names = "--contract", paramLabel = "FILE", description = "a contract file")
    Path contract;

    @Option(
        names = "--model",
        paramLabel = "NAME:VERSION",
        description = "check against this model version's newest kept contract instead")
    String model;

    @Option(names = "--data", required = true, paramLabel = "NAME[:VERSION]|FILE")
    String data;

    @Option(names = "--json", paramLabel = "OUT", description = "the result as JSON (- for stdout)")
    String jsonOut;

    Check(AssayCommand root) {
      this.root = root;
    }

    @Override
    public Integer call() throws Exception {
      if ((contract == null) == (model == null)) {
        throw new AssayCommand.ExitException(
            AssayCommand.EXIT_USAGE, "give one of --contract FILE or --model NAME:VERSION");
      }
      Workbench workbench = root.workbench();
      DataContract c;
      Map<String, Object> from = new LinkedHashMap<>();
      if (model != null) {
        dev.assay.core.model.ModelVersion version = CliInputs.model(workbench, model);
        DataContractStore.Stored stored =
            workbench
                .dataContracts()
                .latest(version.id())
                .orElseThrow(
                    () ->
                        new AssayCommand.ExitException(
                            1,
                            "model "
                                + version.ref()
                                + " keeps no contract (assay contract infer --model or save)"));
        c = stored.contract();
        from.put("model", version.ref());
        from.put("revision", stored.revision());
        from.put("sha256", stored.sha256());
        from.put("source", stored.source());
      } else {
        c = read(contract);
        from.put("file", contract.toString());
      }
      if (c.columns() == null || c.columns().isEmpty()) {
        throw new AssayCommand.ExitException(1, "the contract lists no columns");
      }
      DatasetVersion dataset = CliInputs.dataset(workbench, data);
      ContractCheck.Result result = ContractCheck.check(c, workbench.datasets().file(dataset));
      if (jsonOut != null) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("contract", from);
        doc.put("dataset", dataset.ref());
        doc.put("sha256", dataset.sha256());
        doc.put("rows", result.rows());
        doc.put("passed", result.passed());
        List<Object> violations = new ArrayList<>();
        for (ContractCheck.Violation v : result.violations()) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("column", v.column());
          m.put("rule", v.rule().id());
          m.put("count", v.count());
          m.put("example_rows", v.exampleRows());
          m.put("detail", v.detail());
          violations.add(m);
        }
        doc.put("violations", violations);
        write(root, jsonOut, json().writeValueAsString(doc));
      }
      if (!"-".equals(jsonOut)) {
        PrintWriter out = root.context().out();
        out.printf(
            "%s: %d rows, %d violations%n",
            dataset.ref(), result.rows(), result.violations().size());
        for (ContractCheck.Violation v : result.violations()) {
          out.printf(
              "  %-20s %-17s %8d  rows %s  %s%n",
              v.column(), v.rule().id(), v.count(), v.exampleRows(), v.detail());
        }
      }
      return result.passed() ? 0 : AssayCommand.EXIT_REFUSED;
    }
  }

  private static DataContract read(Path file) {
    DataContract c;
    try {
      c = json().readValue(file.toFile(), DataContract.class);
    } catch (IOException e) {
      throw new AssayCommand.ExitException(
          1, "cannot read contract " + file + ": " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (c == null || c.columns() == null || c.columns().isEmpty()) {
      throw new AssayCommand.ExitException(1, "contract " + file + " lists no columns");
    }
    return c;
  }

  /** {@code assay contract save --model M:V --contract FILE}: keep an edited contract. */
  @Command(
      name = "save",
      mixinStandardHelpOptions = true,
      description = "Keep a contract file (e.g. an edited one) as the model version's newest.")
  static final class Save implements Callable<Integer> {
    private final AssayCommand root;

    @Option(names = "--model", required = true, paramLabel = "NAME:VERSION")
    String model;

    @Option(names = "--contract", required = true, paramLabel = "FILE")
    Path contract;

    Save(AssayCommand root) {
      this.root = root;
    }

    @Override
    public Integer call() {
      DataContract c = read(contract);
      Workbench workbench = root.workbench();
      dev.assay.core.model.ModelVersion version = CliInputs.model(workbench, model);
      DataContractStore.Stored stored =
          workbench
              .dataContracts()
              .save(version.id(), version.ref(), c, "file " + contract.getFileName(), null);
      root.context()
          .out()
          .println(
              "contract "
                  + contract.getFileName()
                  + " kept as revision "
                  + stored.revision()
                  + " of "
                  + version.ref()
                  + " (sha256 "
                  + stored.sha256()
                  + ")");
      return 0;
    }
  }
}
