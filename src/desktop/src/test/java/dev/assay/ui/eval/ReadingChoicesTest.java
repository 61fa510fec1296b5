package dev.assay.ui.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.data.DatasetVersion;
import dev.assay.core.inference.OutputChoice;
import dev.assay.core.inference.TargetMap;
import dev.assay.core.model.ModelVersion;
import dev.assay.testing.OutputModels;
import dev.assay.testing.OutputModels.Output;
import dev.assay.testing.TestModels;
import dev.assay.testing.TestWorkbench;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output choice and the target mapping table of the Evaluations and Compare screens. */
class ReadingChoicesTest {
  @TempDir Path dir;
  private TestWorkbench bench;
  private ModelVersion model;

  @BeforeEach
  void open() throws Exception {
    bench = TestWorkbench.open(dir);
    model =
        bench.importModel(
            TestModels.write(
                dir.resolve("m.onnx"),
                OutputModels.linear(
                    new float[][] {{1f, -1f}},
                    Map.of(),
                    Output.LOGITS,
                    Output.PROBABILITIES,
                    Output.LABEL)),
            "m");
  }

  @AfterEach
  void close() {
    bench.close();
  }

  @Test
  void offersTheModelsOutputsWithAssaysChoiceFirst() {
    ReadingChoices choices = new ReadingChoices();

    choices.update(model, null, null, null);

    assertThat(choices.probabilityOutputs()).containsExactly("", "logits", "probabilities");
    assertThat(choices.labelOutputs()).containsExactly("", "label");
    assertThat(choices.outputs()).isEqualTo(OutputChoice.AUTOMATIC);
  }

  @Test
  void anObviousMappingIsPrefilledButNotAppliedUntilTheUserAppliesIt() throws Exception {
    DatasetVersion data = bench.importCsv("np.csv", "x,y", "1,neg", "2,pos", "3,neg");
    ReadingChoices choices = new ReadingChoices();

    choices.update(
        model, data, "y", new ReadingChoices.Remembered(OutputChoice.AUTOMATIC, Optional.empty()));

    assertThat(choices.mapOfferedProperty().get()).isTrue();
    assertThat(choices.mappings())
        .extracting(m -> m.value() + "=" + m.modelClassProperty().get())
        .containsExactly("neg=0", "pos=1");
    assertThat(choices.targetMap()).isEqualTo(TargetMap.NONE);
    choices.applyMapProperty().set(true);
    assertThat(choices.targetMap().toString()).isEqualTo("neg=0,pos=1");
  }

  @Test
  void noMappingIsOfferedWhenTheTargetsValuesAreTheClasses() throws Exception {
    DatasetVersion data = bench.importCsv("01.csv", "x,y", "1,0", "2,1", "3,1");
    ReadingChoices choices = new ReadingChoices();

    choices.update(
        model, data, "y", new ReadingChoices.Remembered(OutputChoice.AUTOMATIC, Optional.empty()));

    assertThat(choices.mapOfferedProperty().get()).isFalse();
    assertThat(choices.targetMap()).isEqualTo(TargetMap.NONE);
  }

  @Test
  void aRememberedChoiceIsFilledInAndApplied() throws Exception {
    DatasetVersion data = bench.importCsv("np.csv", "x,y", "1,neg", "2,pos");
    ReadingChoices choices = new ReadingChoices();

    choices.update(
        model,
        data,
        "y",
        new ReadingChoices.Remembered(
            new OutputChoice("probabilities", null), Optional.of(TargetMap.parse("neg=1,pos=0"))));

    assertThat(choices.probabilitiesOutputProperty().get()).isEqualTo("probabilities");
    assertThat(choices.targetMap().toString()).isEqualTo("neg=1,pos=0");
  }
}
