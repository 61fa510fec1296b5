package dev.assay.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.core.AssayException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The crosswalk data in reports/crosswalk.csv and how it is read. */
class CrosswalkTest {
  private static final Path REPO = Path.of(System.getProperty("assay.repo.root", "."));

  @TempDir Path temp;

  @Test
  void theBuiltInCopyIsTheRepositoryFile() {
    Crosswalk bundled = Crosswalk.bundled();
    Crosswalk file = Crosswalk.load(REPO.resolve("reports/crosswalk.csv"));
    assertThat(bundled.rows()).isEqualTo(file.rows());
  }

  @Test
  void coversTheEuAiActArticlesNineToFifteenAndAnnexIv() {
    List<String> references =
        Crosswalk.bundled().obligations().stream().map(CrosswalkRow::reference).toList();
    for (int article = 9; article <= 15; article++) {
      int a = article;
      assertThat(references).anyMatch(r -> r.startsWith("Art " + a));
    }
    for (String point : List.of("1(a)", "2(g)", "2(h)", "3", "4", "5", "6", "7", "8", "9")) {
      assertThat(references).anyMatch(r -> r.startsWith("Annex IV " + point));
    }
  }

  @Test
  void coversEveryNistMeasureSubcategorySr117AndIso42001() {
    Crosswalk crosswalk = Crosswalk.bundled();
    List<String> references =
        crosswalk.obligations().stream().map(CrosswalkRow::reference).toList();
    int[] subcategories = {3, 13, 3, 3};
    for (int category = 1; category <= 4; category++) {
      int c = category;
      IntStream.rangeClosed(1, subcategories[c - 1])
          .forEach(s -> assertThat(references).contains("MEASURE " + c + "." + s));
    }
    assertThat(crosswalk.obligations())
        .anyMatch(r -> r.framework().startsWith("SR 11-7") && r.reference().startsWith("V.3"))
        .anyMatch(
            r ->
                r.framework().startsWith("ISO/IEC 42001") && r.reference().equals("Annex A.6.2.4"));
  }

  @Test
  void theAuditTrailIsNeverOfferedAsTheSystemsOwnEventLog() {
    Crosswalk crosswalk = Crosswalk.bundled();
    for (String id : List.of("EU-12", "EU-26.6", "ISO-A.6.2.8")) {
      CrosswalkRow row =
          crosswalk.rows().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
      assertThat(row.evidence()).as(id).doesNotContain(Evidence.AUDIT);
      assertThat(row.status()).as(id).isEqualTo(CrosswalkRow.Status.NOT_COVERED);
    }
  }

  @Test
  void everyRowNamesItsSourceAndOnlyTaggedSourcesAreUsed() {
    Set<String> tags =
        Set.of("[AIA]", "[OMNI]", "[RMF]", "[SR]", "[SR26]", "[ISO]", "[UGESP]", "[REGB]");
    for (CrosswalkRow row : Crosswalk.bundled().rows()) {
      assertThat(tags).as(row.id()).contains(row.source());
      assertThat(row.sourceStatus()).as(row.id()).matches("(CONFIRMED|SECONDARY).*");
      boolean secondarySource =
          Set.of("[OMNI]", "[SR]", "[SR26]", "[REGB]").contains(row.source())
              || row.reference().startsWith("Annex A.");
      if (secondarySource) {
        assertThat(row.confirmed()).as(row.id()).isFalse();
      }
    }
  }

  @Test
  void theRightToExplanationAndRegulationBReasonsPointAtTheExplanationEvidence() {
    Crosswalk crosswalk = Crosswalk.bundled();
    CrosswalkRow art86 = row(crosswalk, "EU-86");
    assertThat(art86.reference()).isEqualTo("Art 86(1)");
    assertThat(art86.evidence()).containsExactly(Evidence.XAI, Evidence.REASONS);
    assertThat(art86.status()).isEqualTo(CrosswalkRow.Status.PARTLY);
    assertThat(art86.confirmed()).as("Art 86 was not read in the fact sheet").isFalse();
    CrosswalkRow regB = row(crosswalk, "REGB-9b2");
    assertThat(regB.reference()).isEqualTo("12 CFR 1002.9(b)(2)");
    assertThat(regB.obligation()).contains("principal reason").contains("more than four");
    assertThat(regB.evidence()).containsExactly(Evidence.REASONS);
    assertThat(regB.confirmed()).isFalse();
    // statuses follow the workbook: an explanation without statements leaves Reg B to the reviewer
    assertThat(regB.statusIn(EnumSet.of(Evidence.XAI))).isEqualTo(CrosswalkRow.NEEDS_REVIEWER);
    assertThat(art86.statusIn(EnumSet.of(Evidence.XAI))).isEqualTo("partly");
    assertThat(regB.statusIn(EnumSet.of(Evidence.XAI, Evidence.REASONS))).isEqualTo("partly");
    assertThat(art86.statusIn(EnumSet.noneOf(Evidence.class)))
        .isEqualTo(CrosswalkRow.NEEDS_REVIEWER);
    assertThat(Evidence.REASONS.sheet()).isEqualTo("Explanations");
  }

  private static CrosswalkRow row(Crosswalk crosswalk, String id) {
    return crosswalk.rows().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void statusFallsWhenTheWorkbookLacksTheEvidence() {
    CrosswalkRow row =
        new CrosswalkRow(
            "X",
            "F",
            "R",
            "T",
            "O",
            List.of(Evidence.PERF, Evidence.FAIR),
            CrosswalkRow.Status.EVIDENCED,
            "",
            "[AIA]",
            "CONFIRMED");
    assertThat(row.statusIn(EnumSet.of(Evidence.PERF, Evidence.FAIR))).isEqualTo("evidenced");
    assertThat(row.statusIn(EnumSet.of(Evidence.PERF))).isEqualTo("partly");
    assertThat(row.statusIn(EnumSet.noneOf(Evidence.class))).isEqualTo("needs reviewer input");
  }

  @Test
  void aSiteFileWithAByteOrderMarkIsRead() throws Exception {
    Path file = temp.resolve("site.csv");
    Files.writeString(
        file,
        "\uFEFF"
            + String.join(",", Crosswalk.COLUMNS)
            + "\nSITE-1,Internal policy,P 4.2,Validation,Validate before use,PERF SIGN,evidenced,"
            + "Attach the policy,[SITE],CONFIRMED\n");
    Crosswalk site = Crosswalk.load(file);
    assertThat(site.rows()).hasSize(1);
    assertThat(site.rows().getFirst().evidence()).containsExactly(Evidence.PERF, Evidence.SIGN);
    assertThat(site.origin()).isEqualTo(file.toString());
  }

  @Test
  void mistakesInASiteFileNameTheLine() throws Exception {
    Path file = temp.resolve("bad.csv");
    Files.writeString(
        file,
        String.join(",", Crosswalk.COLUMNS)
            + "\nA,F,R,T,O,PERF,evidenced,,[AIA],CONFIRMED\nB,F,R,T,O,SPEED,partly,,[AIA],CONFIRMED\n");
    assertThatThrownBy(() -> Crosswalk.load(file))
        .isInstanceOf(AssayException.class)
        .hasMessageContaining("line 3")
        .hasMessageContaining("unknown evidence key 'SPEED'");
    Files.writeString(file, "id,framework\nA,F\n");
    assertThatThrownBy(() -> Crosswalk.load(file))
        .hasMessageContaining("lacks the column(s) reference, title");
  }
}
