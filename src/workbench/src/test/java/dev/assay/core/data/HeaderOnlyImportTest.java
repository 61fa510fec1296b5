package dev.assay.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.core.AssayException;
import dev.assay.testing.TestWorkbench;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeaderOnlyImportTest {
  @TempDir Path dir;

  @Test
  void aCsvWithAHeaderAndNoRowsIsRefusedWithOneClearLine() throws Exception {
    try (TestWorkbench bench = TestWorkbench.open(dir)) {
      assertThatThrownBy(() -> bench.importCsv("header.csv", "a,b,target"))
          .isInstanceOf(AssayException.class)
          .hasMessage("header.csv: has a header but no data rows; nothing was imported");
      assertThat(bench.workbench().datasets().list()).isEmpty();
    }
  }
}
