package dev.assay.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.eval.BatchStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine carries no UI, storage, workbook or command-line library, not even through another
 * library, and runs on Java 21 (issue 16): a Spark job that depends on it alone gets ONNX Runtime,
 * the statistics and the readers and nothing else. The engine's test class path is its dependency
 * tree plus JUnit and AssertJ, so a class found here came in through a dependency.
 */
class EngineDependenciesTest {

  @Test
  void noToolkitStorageWorkbookOrCommandLineOnTheClassPath() {
    List<String> forbidden =
        List.of(
            "javafx.application.Application",
            "org.controlsfx.control.Notifications",
            "io.fair_acc.chartfx.XYChart",
            "org.h2.Driver",
            "org.flywaydb.core.Flyway",
            "org.apache.poi.ss.usermodel.Workbook",
            "picocli.CommandLine");
    for (String name : forbidden) {
      assertThat(loadable(name)).as(name + " must not reach the engine").isFalse();
    }
    // the check can see a class that is there
    assertThat(loadable("ai.onnxruntime.OrtEnvironment")).isTrue();
  }

  @Test
  void compiledForJava21() throws IOException {
    for (Class<?> type : List.of(AssayException.class, BatchStream.class)) {
      String resource = "/" + type.getName().replace('.', '/') + ".class";
      try (InputStream in = type.getResourceAsStream(resource);
          DataInputStream data = new DataInputStream(in)) {
        assertThat(data.readInt()).isEqualTo(0xCAFEBABE);
        data.readUnsignedShort(); // minor
        assertThat(data.readUnsignedShort()).as(type + " class file version").isEqualTo(65);
      }
    }
  }

  private static boolean loadable(String name) {
    try {
      Class.forName(name, false, EngineDependenciesTest.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
