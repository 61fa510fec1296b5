package dev.assay;

import dev.assay.cli.AssayCli;
import dev.assay.cli.CliContext;
import dev.assay.cli.VersionProvider;
import dev.assay.core.ProcessClock;
import dev.assay.core.audit.AuditAnchors;
import dev.assay.core.store.WorkbenchHome;
import dev.assay.ui.DesktopApp;
import dev.assay.workbench.Workbench;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The launcher and composition root: {@code assay} with a subcommand runs the CLI, without one
 * opens the desktop app. It is the one place where the core is opened and handed to a face.
 */
public final class Assay {
  /**
   * System property with the folder of sample models registered on first start (set by {@code
   * bin/assay}).
   */
  static final String SAMPLES_PROPERTY = "assay.samples";

  private Assay() {}

  public static void main(String[] args) {
    PrintWriter out =
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    if (VersionProvider.asked(args)) {
      // before the CLI's wiring (a few lambdas, each linked on first use): `assay --version` runs
      // without the AOT cache, so this is most of its time
      for (String line : VersionProvider.lines()) {
        out.println(line);
      }
      out.flush();
      return;
    }
    PrintWriter err =
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    int code = new AssayCli(context(out, err)).run(args);
    if (code != 0 || otherThreadsKeepRunning()) {
      System.exit(code);
    }
    // exit code 0 by returning: System.exit first looks for a System.Logger to log the exit with,
    // a search of every jar on the class path that costs a short command about 0.1 s of CPU
  }

  /** Whether a thread other than this one would keep the JVM alive after main returns. */
  private static boolean otherThreadsKeepRunning() {
    Thread self = Thread.currentThread();
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(thread -> thread != self && !thread.isDaemon() && thread.isAlive());
  }

  /** Wires the CLI to the real workbench, clock, user and desktop. */
  static CliContext context(PrintWriter out, PrintWriter err) {
    String osUser = System.getProperty("user.name", "unknown");
    return new CliContext(
        option ->
            WorkbenchHome.resolve(
                option,
                System.getenv(),
                System.getProperty("os.name", ""),
                Path.of(System.getProperty("user.home"))),
        home -> open(home, osUser, passphrase()),
        home ->
            DesktopApp.launch(given -> open(home, osUser, given), passphrase(), samplesFolder()),
        out,
        err,
        home -> {
          long ready = ProcessClock.processAge().toMillis();
          DesktopApp.startToolkit();
          try (Workbench workbench = open(home, osUser, passphrase())) {
            long opened = ProcessClock.processAge().toMillis();
            DesktopApp.StartupTimes times =
                new DesktopApp(workbench, samplesFolder()).runUntilFirstFrame();
            out.printf(
                "startup-check: main window rendered %d ms after process start (command line"
                    + " parsed at %d ms, workbench open at %d ms, window built at %d ms; %s)%n",
                times.firstFrame().toMillis(),
                ready,
                opened,
                times.built().toMillis(),
                classDataSharing());
            return 0;
          }
        },
        home -> openForReading(home, osUser, passphrase()));
  }

  /**
   * Opens the workbench in {@code home} and points Apache POI's temporary files into its process
   * folder ({@link PoiScratch}).
   */
  static Workbench open(WorkbenchHome home, String osUser, char[] passphrase) {
    Workbench workbench =
        Workbench.open(home, Clock.systemUTC(), osUser, passphrase, anchors(home));
    PoiScratch.pointAt(workbench);
    return workbench;
  }

  /** Opens the workbench in {@code home} for a command that only reads, like {@link #open}. */
  static Workbench openForReading(WorkbenchHome home, String osUser, char[] passphrase) {
    Workbench workbench =
        Workbench.openForReading(home, Clock.systemUTC(), osUser, passphrase, anchors(home));
    PoiScratch.pointAt(workbench);
    return workbench;
  }

  /** Whether this JVM runs with an AOT cache, the JDK's default CDS archive, or neither. */
  static String classDataSharing() {
    boolean sharing = System.getProperty("java.vm.info", "").contains("sharing");
    String cache =
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(arg -> arg.startsWith("-XX:AOTCache="))
            .map(arg -> arg.substring("-XX:AOTCache=".length()))
            .reduce((first, last) -> last)
            .orElse(null);
    if (cache != null) {
      return (sharing ? "AOT cache " : "AOT cache NOT used: ") + cache;
    }
    return sharing ? "default CDS archive" : "no class-data sharing";
  }

  /**
   * The database passphrase given outside the app: {@code ASSAY_DB_PASSPHRASE}, or the first line
   * of the file named by {@code ASSAY_DB_PASSPHRASE_FILE}; null when neither is set.
   */
  private static char[] passphrase() {
    String direct = System.getenv("ASSAY_DB_PASSPHRASE");
    if (direct != null && !direct.isEmpty()) {
      return direct.toCharArray();
    }
    String file = System.getenv("ASSAY_DB_PASSPHRASE_FILE");
    if (file != null && !file.isBlank()) {
      try {
        return Files.readAllLines(Path.of(file)).getFirst().toCharArray();
      } catch (java.io.IOException | java.util.NoSuchElementException e) {
        throw new dev.assay.core.AssayException(
            "cannot read the passphrase file " + file + " (ASSAY_DB_PASSPHRASE_FILE)");
      }
    }
    return null;
  }

  /**
   * Where the audit trail's checkpoints and key live: the per-user key folder, and the site key and
   * mirror named by {@code ASSAY_AUDIT_KEY} and {@code ASSAY_AUDIT_MIRROR}.
   */
  private static AuditAnchors anchors(WorkbenchHome home) {
    return AuditAnchors.resolve(
        home,
        System.getenv(),
        System.getProperty("os.name", ""),
        Path.of(System.getProperty("user.home")));
  }

  private static Path samplesFolder() {
    String configured = System.getProperty(SAMPLES_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    Path beside = Path.of("models");
    return Files.isDirectory(beside) ? beside : null;
  }
}
