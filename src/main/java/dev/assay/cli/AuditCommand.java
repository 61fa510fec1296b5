package dev.assay.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.assay.core.Json;
import dev.assay.core.store.AuditLog;
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
          "Check every entry's hash and link; exit 0 when intact, 1 naming the first broken entry.")
  int verify() {
    AuditLog.Verification v = root.workbench().verifyAudit();
    if (v.intact()) {
      root.context().out().printf("audit trail intact: %d entries%n", v.entries());
      return 0;
    }
    throw new AssayCommand.ExitException(
        AssayCommand.EXIT_REFUSED,
        "audit trail broken at entry " + v.firstBroken() + ": " + v.problem());
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
