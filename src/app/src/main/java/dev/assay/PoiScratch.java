package dev.assay;

import dev.assay.workbench.Workbench;
import org.apache.poi.util.DefaultTempFileCreationStrategy;
import org.apache.poi.util.TempFile;

/**
 * Points Apache POI's temporary files (SXSSF sheets of large workbooks) into a workbench's process
 * folder, so that they are owner-only and swept after a crash like Assay's own. POI keeps that
 * setting in a static field of its own ({@code TempFile.setTempFileCreationStrategy}); this is the
 * one place that sets it, for the workbench this process opened last (one per process outside
 * tests). Kept out of {@link Assay}: verifying {@code Assay} would otherwise load POI's classes,
 * and {@code assay --version} runs nothing but {@code Assay.main} (issue 14).
 */
final class PoiScratch {
  private PoiScratch() {}

  static void pointAt(Workbench workbench) {
    TempFile.setTempFileCreationStrategy(
        new DefaultTempFileCreationStrategy(workbench.scratch().folder().resolve("poi").toFile()));
  }
}
