package dev.assay.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.assay.core.Json;
import dev.assay.core.audit.AuditVerification;
import dev.assay.core.audit.Checkpoint;
import dev.assay.core.store.AuditLog;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code assay audit ...}: the hash-chained audit trail. */
@Command(
    name = "audit",
    description = "Verify or export the tamper-evident audit trail.",
    mixinStandardHelpOptions = true)
final class AuditCommand implements Runnable {
  private final AssayCommand root;
  private final ObjectMapper json = Json.newMapper().enable(SerializationFeature.INDENT_OUTPUT);

  AuditCommand(AssayCommand root) {
    this.root = root;
  }

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        new picocli.CommandLine(this), "choose a command: verify or export");
  }

  @Command(
      name = "verify",
      description =
          "Check the hash chain, the signed checkpoints kept outside the database and the"
              + " sign-off, role and report records the chain covers; exit 0 when intact, 1"
              + " naming what was changed.")
  int verify() {
    AuditVerification v = root.workbench().checkAudit();
    PrintWriter out = root.context().out();
    if (v.trusted() != null) {
      Checkpoint c = v.trusted();
      out.printf(
          "trusted checkpoint: %s, %d entries (last seq %d), key %s, %s%n",
          c.time(), c.entries(), c.lastSeq(), c.keyId(), v.trustedAt());
    }
    if (!v.sinceTrusted().isEmpty()) {
      out.printf(
          "since %s: %d entries held only by the hash chain:%n",
          v.trusted() == null ? "the start" : "that checkpoint", v.sinceTrusted().size());
      v.sinceTrusted().stream()
          .skip(Math.max(0, v.sinceTrusted().size() - 20))
          .forEach(
              e ->
                  out.printf(
                      "  %d  %s  %s  %s  %s%n",
                      e.seq(), e.recordedAt(), e.osUser(), e.action(), e.objectRef()));
    }
    v.notes().forEach(n -> out.println("note: " + n));
    if (v.intact()) {
      out.printf(
          "audit trail intact: %d entries, %d covered records match%n",
          v.entries(), v.coveredRecords());
      return 0;
    }
    for (String problem : v.problems().subList(1, v.problems().size())) {
      root.context().err().println("assay: also: " + problem);
    }
    throw new AssayCommand.ExitException(
        AssayCommand.EXIT_REFUSED, "audit trail broken: " + v.problems().getFirst());
  }

  @Command(name = "export", description = "Export every entry (oldest first) as JSON.")
  int export(
      @Option(names = "--json", description = "JSON (the only format; kept for clarity)")
          boolean asJson,
      @Option(
              names = "--out",
              paramLabel = "FILE",
              description = "write to a file instead of stdout")
          Path out)
      throws Exception {
    List<AuditLog.Entry> entries = root.workbench().auditEntries();
    String text = json.writeValueAsString(entries);
    if (out == null) {
      root.context().out().println(text);
    } else {
      Files.writeString(out, text + "\n");
      root.context().out().printf("exported %d entries to %s%n", entries.size(), out);
    }
    return 0;
  }
}
