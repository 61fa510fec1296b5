package dev.assay.ui.explain;

import dev.assay.core.Cancellation;
import dev.assay.core.Json;
import dev.assay.core.Progress;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.explain.AdverseActionReasons;
import dev.assay.core.explain.ExplanationDocument;
import dev.assay.core.explain.ExplanationReport;
import dev.assay.core.explain.ExplanationRequest;
import dev.assay.core.explain.ExplanationRunner;
import dev.assay.core.explain.Method;
import dev.assay.core.explain.OutputSpace;
import dev.assay.core.explain.ProxyAssociation;
import dev.assay.core.explain.ReasonCodes;
import dev.assay.core.explain.ReasonText;
import dev.assay.core.explain.StabilityCheck;
import dev.assay.core.explain.TabularData;
import dev.assay.core.model.ModelVersion;
import dev.assay.workbench.Workbench;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Stores an explanation of the first 200 HMDA rows by the linear sample (log-odds, class 1, a
 * 50-row random background, seed 7) with reason codes, adverse-action statements (threshold 0, the
 * default statements), the proxy check against afam at 0.14, one seed rerun and a second
 * background, in the JSON shape {@code assay explain --reasons --sensitive afam --proxy-threshold
 * 0.14 --stability 1 --background-stability} writes, computed by the same engine parts.
 */
public final class DecidedExplanation {
  /** The explained rows. */
  public static final int ROWS = 200;

  /** The flagging threshold of the proxy check. */
  public static final double PROXY_THRESHOLD = 0.14;

  /** The stored id, its report and the request that made it (to rerun it). */
  public record Stored(long id, ExplanationReport report, ExplanationRequest request) {}

  private DecidedExplanation() {}

  public static Stored store(Workbench w, ModelVersion model, DatasetVersion data)
      throws Exception {
    ExplanationRequest request =
        ExplanationRequest.builder(
                w.models().modelFile(model), model.inspection(), w.datasets().file(data))
            .rows(0, ROWS)
            .background(50, null)
            .method(Method.LINEAR, OutputSpace.LOGIT, "1")
            .sampling(7, 0.01)
            .columns(null, null, 0)
            .build();
    ExplanationRunner runner = new ExplanationRunner(w.runtime(), Json.newMapper());
    ExplanationReport report = runner.run(request, Progress.NONE, Cancellation.NONE);
    ReasonCodes codes = ReasonCodes.of(report, 4, true);
    Map<String, Object> doc = ExplanationDocument.of(report, codes);
    double[] values = TabularData.read(request.data(), report.features(), null).values();
    List<String> groups = TabularData.read(request.data(), List.of(), "afam").target();
    List<ProxyAssociation.Association> proxies = new ArrayList<>();
    for (ProxyAssociation.Association a :
        ProxyAssociation.of(report.features(), values, "afam", groups, PROXY_THRESHOLD)) {
      if (!a.feature().equals("afam")) {
        proxies.add(a);
      }
    }
    AdverseActionReasons statements =
        AdverseActionReasons.of(
            report, codes, 0, ReasonText.defaults(), List.of("afam"), proxies, PROXY_THRESHOLD);
    @SuppressWarnings("unchecked")
    Map<String, Object> reasons = (Map<String, Object>) doc.get("reasons");
    reasons.putAll(statements.document());
    doc.put("stability", StabilityCheck.run(runner, request, report, 1, true, Cancellation.NONE));
    long id = w.explanations().save(report, model, data, Json.newMapper().writeValueAsString(doc));
    return new Stored(id, report, request);
  }
}
