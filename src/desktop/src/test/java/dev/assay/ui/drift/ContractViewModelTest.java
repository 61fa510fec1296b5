package dev.assay.ui.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.data.DatasetVersion;
import dev.assay.core.drift.ContractEdit.Rule;
import dev.assay.core.drift.DataContract;
import dev.assay.core.driftreports.DataContractStore;
import dev.assay.core.model.ModelVersion;
import dev.assay.testing.TestModels;
import dev.assay.testing.TestWorkbench;
import dev.assay.ui.common.BackgroundTasks;
import dev.assay.ui.common.FxThread;
import dev.assay.workbench.Workbench;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Drift screen's Contracts tab without a window, on a real workbench: the inferred rules equal
 * what plain Python's csv module finds in titanic_train.csv (min/max of age 0.333299994/80.0, 190
 * of 916 missing: bound 0.2074 + 3 SE = 0.24761405726825142; categorical columns' categories, bound
 * 0 + 0.01); bad values are refused in one line and change nothing; the violations of
 * titanic_test.csv against the edited contract are those Python counts (age > 60: 10 rows, first 4,
 * 63, 69, 74, 90; sex not male: 147 rows, first 2, 3, 4, 8, 9); saving keeps audited revisions.
 */
class ContractViewModelTest {
  @TempDir Path temp;

  private TestWorkbench bench;
  private Workbench w;
  private BackgroundTasks tasks;
  private ContractViewModel vm;

  @BeforeEach
  void open() {
    bench = TestWorkbench.open(temp);
    w = bench.workbench();
    tasks = BackgroundTasks.onCallingThread();
    vm = new ContractViewModel(w.dataContracts(), w.datasets(), w.models(), tasks);
  }

  @AfterEach
  void close() {
    tasks.close();
    bench.close();
  }

  @Test
  void inferEditSaveAndCheckOnTheRealStores() throws Exception {
    ModelVersion model = bench.importModel(TestModels.sample("hmda-deny-v1.onnx"), "deny");
    DatasetVersion train = bench.importCsv(TestModels.sample("data/titanic_train.csv"));
    DatasetVersion test = bench.importCsv(TestModels.sample("data/titanic_test.csv"));

    FxThread.run(vm::refresh);
    assertThat(vm.models()).containsExactly(model);
    assertThat(vm.modelProperty().get()).isEqualTo(model);
    assertThat(vm.statusProperty().get())
        .isEqualTo(
            model.ref() + " keeps no data contract. Choose a reference dataset and infer one.");
    assertThat(vm.rules()).isEmpty();

    FxThread.run(vm::infer);
    assertThat(vm.errorProperty().get())
        .isEqualTo("Choose a reference dataset to infer the contract from.");
    FxThread.run(
        () -> {
          vm.referenceProperty().set(train);
          vm.infer();
        });
    assertThat(vm.errorProperty().get()).isEmpty();
    assertThat(vm.rules())
        .containsExactly(
            new ContractViewModel.RuleRow(
                "survived", "categorical", "yes", "", "", "", "no, yes", "0.01"),
            new ContractViewModel.RuleRow(
                "sex", "categorical", "yes", "", "", "", "female, male", "0.01"),
            new ContractViewModel.RuleRow(
                "age",
                "numeric",
                "yes",
                "0.333299994",
                "80.0",
                "no",
                "",
                Double.toString(0.24761405726825142)),
            new ContractViewModel.RuleRow(
                "passengerClass", "categorical", "yes", "", "", "", "1st, 2nd, 3rd", "0.01"));
    assertThat(vm.dirtyProperty().get()).isTrue();
    assertThat(vm.statusProperty().get())
        .isEqualTo("Inferred from " + train.ref() + ": 4 columns, not saved yet.");

    DataContract inferred = vm.contractProperty().get();
    refused("age", Rule.MAX, "abc", "max of age must be a finite number, not 'abc'");
    refused("age", Rule.MAX, "NaN", "max of age must be a finite number, not 'NaN'");
    refused("age", Rule.MIN, "90", "min of age (90.0) would be above its max (80.0)");
    refused(
        "age",
        Rule.MAX_MISSING_RATE,
        "1.5",
        "max missing rate of age must be a share from 0 to 1, not 1.5");
    refused("sex", Rule.MIN, "1", "min applies to numeric columns; sex is categorical");
    refused(
        "age",
        Rule.CATEGORIES,
        "a",
        "allowed categories apply to categorical columns; age is numeric");
    refused(
        "sex",
        Rule.CATEGORIES,
        "male,,female",
        "allowed categories of sex has an empty entry (two commas or a comma at an end)");
    refused("sex", Rule.REQUIRED, "maybe", "required of sex must be yes or no, not 'maybe'");
    refused("fare", Rule.MAX, "1", "the contract has no column fare");
    assertThat(vm.contractProperty().get()).isSameAs(inferred);

    assertThat(vm.edit("age", Rule.MAX, " 60 ")).isTrue();
    assertThat(vm.edit("sex", Rule.CATEGORIES, "male")).isTrue();
    assertThat(vm.errorProperty().get()).isEmpty();
    assertThat(vm.rules().get(2).max()).isEqualTo("60.0");
    assertThat(vm.rules().get(1).categories()).isEqualTo("male");

    FxThread.run(
        () -> {
          vm.checkedProperty().set(test);
          vm.check();
        });
    assertThat(vm.violations())
        .containsExactly(
            new ContractViewModel.ViolationRow(
                "sex",
                "unknown_category",
                147,
                "[2, 3, 4, 8, 9]",
                "a category the contract does not list"),
            new ContractViewModel.ViolationRow(
                "age", "below_min", 1, "[216]", "below the allowed minimum 0.333299994"),
            new ContractViewModel.ViolationRow(
                "age", "above_max", 10, "[4, 63, 69, 74, 90]", "above the allowed maximum 60.0"));
    assertThat(vm.checkSummaryProperty().get())
        .isEqualTo("✗ " + test.ref() + ": 393 rows, 3 violations (against the unsaved contract)");

    FxThread.run(vm::save);
    DataContractStore.Stored first = w.dataContracts().latest(model.id()).orElseThrow();
    assertThat(first.revision()).isEqualTo(1);
    assertThat(first.contract()).isEqualTo(vm.contractProperty().get());
    assertThat(first.contract().columns().get(2).max()).isEqualTo(60.0);
    assertThat(first.source())
        .isEqualTo("inferred from " + train.ref() + ", edited in the desktop");
    assertThat(vm.dirtyProperty().get()).isFalse();
    assertThat(vm.statusProperty().get())
        .startsWith("Revision 1 of " + model.ref() + " (inferred from " + train.ref());
    assertThat(w.auditEntries())
        .anySatisfy(
            e -> {
              assertThat(e.action()).isEqualTo("contract.save");
              assertThat(e.objectRef()).isEqualTo("contract:" + first.id());
            });
    assertThat(w.verifyAudit().intact()).isTrue();

    assertThat(vm.edit("age", Rule.MAX, "")).isTrue();
    FxThread.run(vm::save);
    DataContractStore.Stored second = w.dataContracts().latest(model.id()).orElseThrow();
    assertThat(second.revision()).isEqualTo(2);
    assertThat(second.contract().columns().get(2).max()).isNull();
    assertThat(second.source()).isEqualTo("revision 1, edited in the desktop");

    FxThread.run(
        () -> {
          vm.modelProperty().set(null);
          vm.modelProperty().set(model);
        });
    assertThat(vm.contractProperty().get()).isEqualTo(second.contract());
    assertThat(vm.rules().get(2).max()).isEmpty();
    FxThread.run(vm::check);
    assertThat(vm.violations())
        .extracting(ContractViewModel.ViolationRow::column)
        .containsExactly("sex", "age");
    assertThat(vm.violations().get(1).rule()).isEqualTo("below_min");
    assertThat(vm.checkSummaryProperty().get())
        .isEqualTo("✗ " + test.ref() + ": 393 rows, 2 violations");
  }

  private void refused(String column, Rule rule, String text, String message) {
    assertThat(vm.edit(column, rule, text)).as(text).isFalse();
    assertThat(vm.errorProperty().get()).isEqualTo(message);
    assertThat(vm.dirtyProperty().get()).isTrue();
  }
}
