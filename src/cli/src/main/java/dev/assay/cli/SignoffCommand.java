package dev.assay.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.assay.core.Json;
import dev.assay.core.model.ModelRef;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.review.Decision;
import dev.assay.core.review.SignOff;
import dev.assay.core.store.CoveredTable;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code assay signoff ...}: reviewer decisions on model versions. */
@Command(
    name = "signoff",
    description = "Record a reviewer's decision on a model version, or show its sign-off status.",
    mixinStandardHelpOptions = true)
final class SignoffCommand implements Runnable {
  private final AssayCommand root;
  private final ObjectMapper json = Json.newMapper().enable(SerializationFeature.INDENT_OUTPUT);

  SignoffCommand(AssayCommand root) {
    this.root = root;
  }

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        new picocli.CommandLine(this), "choose a command: sign or status");
  }

  @Command(name = "sign", description = "Sign off a model version (reviewers only).")
  int sign(
      @Parameters(paramLabel = "NAME:VERSION") String ref,
      @Option(
              names = "--decision",
              required = true,
              paramLabel = "approved|approved-with-conditions|rejected")
          String decision,
      @Option(names = "--conditions", paramLabel = "TEXT") String conditions,
      @Option(names = "--run", paramLabel = "RUN_ID", description = "default: newest completed run")
          Long run,
      @Option(
              names = "--title",
              paramLabel = "TEXT",
              description = "role title, e.g. Model Risk Officer")
          String title) {
    ModelVersion model = root.workbench().models().get(ModelRef.parse(ref));
    SignOff s =
        root.workbench().reviews().signOff(model, Decision.of(decision), conditions, run, title);
    root.context()
        .out()
        .printf(
            "%s %s by %s at %s (run %s)%n",
            s.model(), s.decision().id(), s.reviewer(), s.signedAt(), s.runId());
    return 0;
  }

  @Command(
      name = "status",
      description = "Sign-offs of a model version and whether they are stale.")
  int status(
      @Parameters(paramLabel = "NAME[:VERSION]") String ref,
      @Option(names = "--json", description = "print JSON") boolean asJson)
      throws Exception {
    ModelVersion model = root.workbench().models().get(ModelRef.parse(ref));
    List<SignOff> all = root.workbench().reviews().signOffs(model);
    PrintWriter out = root.context().out();
    List<String> tampered =
        root.workbench().auditedRecordProblems(CoveredTable.SIGNOFF).stream()
            .filter(p -> all.stream().anyMatch(s -> p.startsWith("signoff " + s.id() + " ")))
            .toList();
    if (asJson) {
      out.println(json.writeValueAsString(all));
      return tampered(tampered);
    }
    if (all.isEmpty()) {
      out.printf("%s has no sign-off%n", model.ref());
      return 0;
    }
    for (SignOff s : all) {
      out.printf(
          "%s %s by %s (%s) at %s, run %s%s%n",
          s.model(),
          s.decision().id(),
          s.reviewer(),
          s.role(),
          s.signedAt(),
          s.runId(),
          s.stale() ? " - STALE: " + String.join("; ", s.staleReasons()) : "");
    }
    return tampered(tampered);
  }

  /** Names sign-off rows changed outside Assay and fails, as {@code audit verify} would. */
  private int tampered(List<String> problems) {
    if (problems.isEmpty()) {
      return 0;
    }
    problems.forEach(p -> root.context().err().println("assay: " + p));
    return AssayCommand.EXIT_REFUSED;
  }
}
