package dev.assay.ui.help;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The documentation bundled in assay.jar, found by following the README's links. */
class HelpDocsTest {

  @Test
  void readmeComesFirstAndLeadsToTheSampleModelCards() {
    List<HelpDocs.Doc> docs = HelpDocs.bundled();

    assertThat(docs).isNotEmpty();
    assertThat(docs.getFirst().path()).isEqualTo("README.md");
    assertThat(docs.getFirst().title()).isEqualTo("Assay");
    assertThat(docs)
        .extracting(HelpDocs.Doc::path)
        .contains("models/README.md", "models/hmda-deny.md", "models/breast-cancer.md")
        .doesNotHaveDuplicates();
  }

  @Test
  void everyBundledDocumentHasItsTextAndATitle() {
    for (HelpDocs.Doc doc : HelpDocs.bundled()) {
      assertThat(doc.text()).as(doc.path()).isNotBlank();
      assertThat(doc.title()).as(doc.path()).isNotBlank();
    }
  }

  @Test
  void linksResolveRelativeToTheLinkingDocumentAndNeverLeaveTheBundle() {
    assertThat(HelpDocs.resolve("models/README.md", "hmda-deny.md"))
        .isEqualTo("models/hmda-deny.md");
    assertThat(HelpDocs.resolve("models/README.md", "data/PROVENANCE.md"))
        .isEqualTo("models/data/PROVENANCE.md");
    assertThat(HelpDocs.resolve("models/hmda-deny.md", "../README.md")).isEqualTo("README.md");
    assertThat(HelpDocs.resolve("README.md", "../outside.md")).isNull();
  }
}
