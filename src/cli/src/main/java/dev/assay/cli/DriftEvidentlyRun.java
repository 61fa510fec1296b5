package dev.assay.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.drift.DatasetDrift;
import dev.assay.core.drift.EvidentlyDrift;
import dev.assay.core.drift.EvidentlyReport;
import dev.assay.core.drift.FeatureReader;
import dev.assay.core.drift.FeatureSample;
import dev.assay.core.driftreports.DriftReportStore;
import dev.assay.workbench.Workbench;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code assay drift --mode evidently}: both datasets read in full (no stored profile: Evidently's
 * tests need every value), Evidently's default tests, stored like any drift report.
 */
final class DriftEvidentlyRun {
  private DriftEvidentlyRun() {}

  /** What the sound mode's command already settled. */
  record Inputs(
      DatasetVersion reference,
      DatasetDrift.Source referenceSource,
      DatasetVersion current,
      DatasetDrift.Source currentSource,
      List<FeatureReader.Feature> columns,
      boolean multivariate,
      boolean domainClassifier,
      long seed,
      String jsonOut,
      boolean failOnDrift,
      boolean quiet) {}

  static int run(AssayCommand root, Inputs in, ObjectMapper json) throws Exception {
    Workbench workbench = root.workbench();
    PrintWriter err = root.context().err();
    long start = System.nanoTime();
    List<FeatureSample> r =
        FeatureReader.read(
            in.referenceSource().cache(), in.referenceSource().csv(), in.reference(), in.columns());
    List<FeatureSample> c =
        FeatureReader.read(
            in.currentSource().cache(), in.currentSource().csv(), in.current(), in.columns());
    EvidentlyReport report = EvidentlyDrift.run(r, c);
    if (!in.quiet()) {
      err.printf(
          "drift: %d features compared (Evidently-compatible mode) in %d ms%n",
          in.columns().size(), (System.nanoTime() - start) / 1_000_000);
    }
    Map<String, Object> document = DriftEvidentlyDocument.of(in.reference(), in.current(), report);
    document.put("model", null);
    document.put("profile_id", null);
    List<String> drifted = new ArrayList<>(report.drifted());
    boolean drift = report.drift();
    List<String> names = in.columns().stream().map(FeatureReader.Feature::name).toList();
    if (in.multivariate()
        && DriftMultivariateDocument.add(
            document, workbench, in.reference(), in.current(), names)) {
      drifted.add("multivariate");
      drift = true;
    }
    if (in.domainClassifier()
        && DriftDomainDocument.add(
            document, workbench, in.reference(), in.current(), names, in.seed())) {
      drifted.add("domain_classifier");
      drift = true;
    }
    document.put("drift", drift);
    long id =
        workbench
            .driftReports()
            .save(
                new DriftReportStore.NewReport(
                    null,
                    null,
                    in.reference().id(),
                    in.current().id(),
                    drift,
                    drifted,
                    document.get("settings"),
                    document),
                null,
                in.reference().ref(),
                in.current().ref());
    document.put("report_id", id);
    if (!in.quiet()) {
      err.println("drift: stored as drift report " + id);
    }
    boolean toStdout = "-".equals(in.jsonOut());
    if (in.jsonOut() != null) {
      write(root, json.writeValueAsString(document), in.jsonOut());
    }
    if (!toStdout) {
      DriftEvidentlyDocument.print(root.context().out(), in.reference(), in.current(), report);
      DriftMultivariateDocument.print(root.context().out(), document);
      DriftDomainDocument.print(root.context().out(), document);
    }
    if (in.failOnDrift() && drift) {
      err.println("assay: drift in " + String.join(", ", drifted));
      return AssayCommand.EXIT_REFUSED;
    }
    return 0;
  }

  static void write(AssayCommand root, String text, String out) {
    if ("-".equals(out)) {
      root.context().out().println(text);
      return;
    }
    try {
      Files.writeString(Path.of(out), text + "\n");
    } catch (java.nio.file.NoSuchFileException e) {
      throw new AssayCommand.ExitException(1, "cannot write " + out + ": no such folder");
    } catch (java.io.IOException e) {
      throw new AssayCommand.ExitException(1, "cannot write " + out + ": " + e.getMessage());
    }
  }
}
