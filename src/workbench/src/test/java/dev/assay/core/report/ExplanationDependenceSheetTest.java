package dev.assay.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.Cancellation;
import dev.assay.core.Json;
import dev.assay.core.Progress;
import dev.assay.core.data.DatasetVersion;
import dev.assay.core.explain.AdverseActionReasons;
import dev.assay.core.explain.DependenceRunner;
import dev.assay.core.explain.ExplanationDocument;
import dev.assay.core.explain.ExplanationReport;
import dev.assay.core.explain.ExplanationRequest;
import dev.assay.core.explain.ExplanationRunner;
import dev.assay.core.explain.Method;
import dev.assay.core.explain.OutputSpace;
import dev.assay.core.explain.PartialDependence;
import dev.assay.core.explain.ReasonCodes;
import dev.assay.core.explain.ReasonText;
import dev.assay.core.model.ImportRequest;
import dev.assay.core.model.ModelVersion;
import dev.assay.core.store.WorkbenchHome;
import dev.assay.testing.TestModels;
import dev.assay.testing.TestWorkbench;
import dev.assay.workbench.Workbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Explanations sheet's partial dependence table against scikit-learn (golden/pdp.json: the
 * first 200 HMDA rows, pirat on a 20-point grid and chist on its values, with the ICE curves), and
 * the crosswalk rows for EU AI Act Art 86 and Regulation B 1002.9(b)(2) following what the workbook
 * holds (statements present or not).
 */
class ExplanationDependenceSheetTest {
  @TempDir Path temp;

  @Test
  void partialDependenceAndIceSpreadEqualScikitLearnsAndTheCrosswalkFollowsTheStatements()
      throws Exception {
    JsonNode golden =
        new ObjectMapper()
            .readTree(
                TestModels.repoRoot()
                    .resolve("src/engine/src/test/resources/golden/pdp.json")
                    .toFile());
    int n = golden.get("rows").asInt();
    try (Workbench w =
        Workbench.open(new WorkbenchHome(temp.resolve("home")), Clock.systemUTC(), "sam")) {
      Path copy = Files.copy(TestModels.sample("hmda-deny-v2.onnx"), temp.resolve("m.onnx"));
      ModelVersion model =
          w.models().importModel(ImportRequest.of(copy), Progress.NONE, Cancellation.NONE).model();
      DatasetVersion data =
          w.datasets()
              .importDataset(
                  TestModels.sample("data/hmda_test.csv"), null, Progress.NONE, Cancellation.NONE)
              .dataset();
      ExplanationRequest request =
          ExplanationRequest.builder(
                  w.models().modelFile(model), model.inspection(), w.datasets().file(data))
              .rows(0, n)
              .background(10, null)
              // scikit-learn's curves are of the probability: KernelSHAP there, loosely
              .method(Method.KERNEL, OutputSpace.PROBABILITY, "1")
              .sampling(42, 0.05)
              .columns(null, null, 0)
              .build();
      ExplanationReport report =
          new ExplanationRunner(w.runtime(), Json.newMapper())
              .run(request, Progress.NONE, Cancellation.NONE);
      ExplanationSection section = new ExplanationSection(w.explanations(), Json.newMapper());

      // without statements: Art 86 partly (the explanation), Reg B left to the reviewer
      ReasonCodes codes = ReasonCodes.of(report, 4, true);
      w.explanations()
          .save(
              report,
              model,
              data,
              Json.newMapper().writeValueAsString(ExplanationDocument.of(report, codes)));
      SectionContent plain = section.content(model, null).orElseThrow();
      assertThat(plain.evidence()).containsExactly(Evidence.XAI);
      Crosswalk crosswalk = Crosswalk.bundled();
      assertThat(row(crosswalk, "EU-86").statusIn(plain.evidence())).isEqualTo("partly");
      assertThat(row(crosswalk, "REGB-9b2").statusIn(plain.evidence()))
          .isEqualTo(CrosswalkRow.NEEDS_REVIEWER);

      // with statements and partial dependence (pirat on 20 points, chist on its values, ICE)
      Map<String, Object> doc = ExplanationDocument.of(report, codes);
      @SuppressWarnings("unchecked")
      Map<String, Object> reasons = (Map<String, Object>) doc.get("reasons");
      reasons.putAll(
          AdverseActionReasons.of(
                  report, codes, 0.5, ReasonText.defaults(), List.of(), List.of(), 0.3)
              .document());
      List<PartialDependence.Curve> curves =
          new DependenceRunner(w.runtime(), Json.newMapper())
              .run(request, List.of("pirat", "chist"), 20, Progress.NONE, Cancellation.NONE);
      doc.put("partial_dependence", dependence(curves));
      long id =
          w.explanations().save(report, model, data, Json.newMapper().writeValueAsString(doc));
      SectionContent content = section.content(model, id).orElseThrow();
      assertThat(content.evidence()).containsExactlyInAnyOrder(Evidence.XAI, Evidence.REASONS);
      assertThat(row(crosswalk, "REGB-9b2").statusIn(content.evidence())).isEqualTo("partly");

      SectionContent.Table table =
          content.tables().stream()
              .filter(t -> t.title().startsWith("Partial dependence"))
              .findFirst()
              .orElseThrow();
      assertThat(table.title())
          .startsWith("Partial dependence (probability; scikit-learn's brute method")
          .contains("up to 20 grid points between the 5th and 95th quantiles")
          .endsWith("spread of the " + n + " individual (ICE) curves at each value");
      int k = 0;
      for (String feature : List.of("pirat", "chist")) {
        JsonNode expected = golden.get("curves").get(feature);
        int points = expected.get("grid").size();
        for (int g = 0; g < points; g++) {
          List<Object> line = table.rows().get(k++);
          double[] ice = new double[n];
          for (int r = 0; r < n; r++) {
            ice[r] = expected.get("individual").get(r).get(g).asDouble();
          }
          assertThat(line.get(0)).isEqualTo(feature);
          assertThat((Double) line.get(1))
              .isCloseTo(expected.get("grid").get(g).asDouble(), within(1e-12));
          assertThat((Double) line.get(2))
              .isCloseTo(expected.get("average").get(g).asDouble(), within(1e-6));
          assertThat((Double) line.get(3)).isCloseTo(min(ice), within(1e-6));
          assertThat((Double) line.get(4)).isCloseTo(max(ice), within(1e-6));
          assertThat((Double) line.get(5)).isCloseTo(std(ice), within(1e-6));
        }
      }
      assertThat(table.rows()).hasSize(k);
      assertThat(k).isEqualTo(20 + 6);

      // the exported workbook: the table on the sheet, Reg B linked to it, print setup as others
      long run =
          w.evaluations()
              .run(
                  TestWorkbench.request(model, data, "deny", null),
                  Progress.NONE,
                  Cancellation.NONE)
              .run()
              .id();
      Path out = temp.resolve("w.xlsx");
      w.reports()
          .export(
              WorkbookOptions.of(run).withExplanation(id), out, Progress.NONE, Cancellation.NONE);
      try (XSSFWorkbook book = new XSSFWorkbook(Files.newInputStream(out))) {
        XSSFSheet sheet = book.getSheet("Explanations");
        Row header = find(sheet, "Feature", "Value");
        Row first = sheet.getRow(header.getRowNum() + 1);
        assertThat(first.getCell(0).getStringCellValue()).isEqualTo("pirat");
        assertThat(first.getCell(2).getNumericCellValue())
            .isCloseTo(
                golden.get("curves").get("pirat").get("average").get(0).asDouble(), within(1e-6));
        XSSFSheet performance = book.getSheet("Performance");
        assertThat(sheet.getPrintSetup().getLandscape())
            .isEqualTo(performance.getPrintSetup().getLandscape());
        assertThat(sheet.getPrintSetup().getFitWidth())
            .isEqualTo(performance.getPrintSetup().getFitWidth());
        assertThat(sheet.getPrintSetup().getPaperSize())
            .isEqualTo(performance.getPrintSetup().getPaperSize());
        XSSFSheet cross = book.getSheet("Regulatory crosswalk");
        Row regB = find(cross, "REGB-9b2", null);
        assertThat(regB.getCell(5).getStringCellValue()).isEqualTo("partly");
        assertThat(regB.getCell(7).getStringCellValue()).isEqualTo("Adverse-action reasons");
        assertThat(regB.getCell(7).getHyperlink().getAddress()).startsWith("Explanations!A");
        assertThat(find(cross, "EU-86", null).getCell(5).getStringCellValue()).isEqualTo("partly");
      }
    }
  }

  private static Map<String, Object> dependence(List<PartialDependence.Curve> curves) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (PartialDependence.Curve c : curves) {
      List<Map<String, Object>> individual = new ArrayList<>();
      for (int r = 0; r < c.individual().length; r++) {
        individual.add(Map.of("row", r, "values", c.individual()[r]));
      }
      Map<String, Object> curve = new LinkedHashMap<>();
      curve.put("feature", c.feature());
      curve.put("grid", c.grid());
      curve.put("average", c.average());
      curve.put("individual", individual);
      list.add(curve);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("method", "brute");
    doc.put("grid_resolution", 20);
    doc.put("percentiles", List.of(0.05, 0.95));
    doc.put("curves", list);
    return doc;
  }

  private static CrosswalkRow row(Crosswalk crosswalk, String id) {
    return crosswalk.rows().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
  }

  private static Row find(XSSFSheet sheet, String first, String second) {
    for (Row row : sheet) {
      if (row.getCell(0) != null
          && row.getCell(0).getCellType() == CellType.STRING
          && row.getCell(0).getStringCellValue().equals(first)
          && (second == null
              || row.getCell(1) != null
                  && row.getCell(1).getCellType() == CellType.STRING
                  && row.getCell(1).getStringCellValue().equals(second))) {
        return row;
      }
    }
    throw new AssertionError("no row " + first + " on " + sheet.getSheetName());
  }

  private static double min(double[] v) {
    double m = Double.POSITIVE_INFINITY;
    for (double x : v) {
      m = Math.min(m, x);
    }
    return m;
  }

  private static double max(double[] v) {
    double m = Double.NEGATIVE_INFINITY;
    for (double x : v) {
      m = Math.max(m, x);
    }
    return m;
  }

  /** numpy.std (ddof 0). */
  private static double std(double[] v) {
    double mean = 0;
    for (double x : v) {
      mean += x;
    }
    mean /= v.length;
    double s = 0;
    for (double x : v) {
      s += (x - mean) * (x - mean);
    }
    return Math.sqrt(s / v.length);
  }
}
