package dev.assay.ui.explain;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.assay.core.Cancellation;
import dev.assay.core.Json;
import dev.assay.core.Progress;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.explain.ExplanationDocument;
import dev.assay.core.explain.ExplanationReport;
import dev.assay.core.explain.ExplanationRequest;
import dev.assay.core.explain.ExplanationRunner;
import dev.assay.core.explain.Method;
import dev.assay.core.explain.OutputSpace;
import dev.assay.core.explanations.ExplanationStore;
import dev.assay.core.model.ModelVersion;
import dev.assay.workbench.Workbench;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Runs an explanation from the Explanations screen as {@code assay explain --model M --data D
 * --rows N --background B --output O --seed S} does with its other defaults (method auto, tolerance
 * 0.01, permutation importance 5 repeats), and stores it with its audit entry. No JavaFX: the
 * screen runs it as a background job, whose status bar shows its progress and cancels it.
 */
public final class ExplainLauncher {
  /** The most rows the form asks for; the command line takes more. */
  public static final int MAX_ROWS = 100_000;

  /**
   * What to explain.
   *
   * @param model the model version
   * @param data the dataset whose first {@code rows} rows are explained
   * @param rows rows to explain (1 to {@link #MAX_ROWS})
   * @param background background rows drawn from the data with the seed (1 to {@link #MAX_ROWS})
   * @param output the output space, null for the model's own (probability or value)
   * @param seed the sampling seed
   */
  public record Settings(
      ModelVersion model,
      DatasetVersion data,
      int rows,
      int background,
      OutputSpace output,
      long seed) {
    public Settings {
      if (model == null || data == null) {
        throw new IllegalArgumentException("choose a model version and a dataset");
      }
      if (rows < 1 || rows > MAX_ROWS) {
        throw new IllegalArgumentException("rows must be 1 to " + MAX_ROWS + ", not " + rows);
      }
      if (background < 1 || background > MAX_ROWS) {
        throw new IllegalArgumentException(
            "background must be 1 to " + MAX_ROWS + " rows, not " + background);
      }
    }
  }

  /**
   * A stored explanation and the list after it.
   *
   * @param id the new explanation's id
   * @param list the stored explanations, newest first
   */
  public record Stored(long id, List<ExplanationStore.Summary> list) {}

  private final Workbench workbench;

  public ExplainLauncher(Workbench workbench) {
    this.workbench = workbench;
  }

  /** The registered model versions, as the form lists them. */
  public List<ModelVersion> models() {
    return workbench.models().list();
  }

  /** The registered datasets, as the form lists them. */
  public List<DatasetVersion> datasets() {
    return workbench.datasets().list();
  }

  /**
   * Explains and stores; call off the FX thread.
   *
   * @throws Cancellation.CancelledException when cancelled (nothing is stored)
   */
  public Stored explain(Settings settings, Progress progress, Cancellation cancel) {
    ModelVersion version = settings.model();
    ExplanationRequest request =
        ExplanationRequest.builder(
                workbench.models().modelFile(version),
                version.inspection(),
                workbench.datasets().file(settings.data()))
            .rows(0, settings.rows())
            .background(settings.background(), null)
            .method(Method.AUTO, settings.output(), null)
            .sampling(settings.seed(), 0.01)
            .build();
    ExplanationReport report =
        new ExplanationRunner(workbench.runtime(), Json.newMapper()).run(request, progress, cancel);
    cancel.throwIfCancelled();
    try {
      long id =
          workbench
              .explanations()
              .save(
                  report,
                  version,
                  settings.data(),
                  Json.newMapper().writeValueAsString(ExplanationDocument.of(report, null)));
      return new Stored(id, workbench.explanations().list(null));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
