package dev.assay.ui.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import dev.assay.core.inference.OnnxGraphReader;
import dev.assay.core.model.ModelGraph;
import dev.assay.ui.common.BackgroundTasks;
import dev.assay.ui.models.GraphLayout.Box;
import dev.assay.ui.models.GraphLayout.Placed;
import dev.assay.ui.models.GraphLayout.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Big graphs (above {@link GraphLayout#PARTS_ABOVE} boxes) are laid out in parts by ELK: top to
 * bottom without overlaps, every edge from its source's bottom to its target's top, with progress
 * and cancel.
 */
class LargeGraphLayoutTest {
  private final FxRobot robot = new FxRobot();

  @BeforeAll
  static void toolkit() throws Exception {
    FxToolkit.registerPrimaryStage();
  }

  @AfterEach
  void close() throws Exception {
    FxToolkit.cleanupStages();
  }

  @Test
  void twentyThousandNodesAreLaidOutInPartsTopDownWithEveryEdgeJoiningItsBoxes() {
    ModelGraph graph = OnnxGraphReader.of(ModelGraphViewTest.residualNetwork(2000));
    assertThat(graph.nodeCount()).isEqualTo(20_000);
    List<long[]> updates = new ArrayList<>();
    long start = System.nanoTime();
    Placed placed =
        GraphLayout.layout(
            graph,
            (done, total, message) -> {
              synchronized (updates) {
                updates.add(new long[] {done, total});
              }
            },
            Cancellation.NONE);
    System.out.printf(
        Locale.ROOT,
        "graph 20000 nodes, %d edges: laid out in parts in %d ms%n",
        graph.edges().size(),
        (System.nanoTime() - start) / 1_000_000);
    ModelGraphViewTest.assertTopDownWithoutOverlaps(placed);
    assertEdgesJoinTheirBoxes(placed);
    // 20,002 boxes in parts of 250 to 1,000: 20 to 80 parts, each reported when done
    long total = updates.getFirst()[1];
    assertThat(total).isBetween(20L, 80L);
    assertThat(updates.getLast()).containsExactly(total, total);
    assertThat(updates).hasSize((int) total + 1);
    // a residual network is cut between blocks, where one edge crosses: no edge needs a lane
    assertThat(placed.routes()).noneMatch(Route::aside);
    assertThat(placed.boxes()).allMatch(b -> b.x() >= 0 && b.x() + b.width() <= placed.width());
  }

  @Test
  void anInputReadByEveryBlockRunsDownALaneBesideTheParts() {
    // a transformer's attention mask: one input that every block reads, so no cut is crossed once
    ModelGraph graph = OnnxGraphReader.of(maskedNetwork(400));
    assertThat(graph.vertices()).hasSizeGreaterThan(GraphLayout.PARTS_ABOVE);
    Placed placed = GraphLayout.layout(graph);
    ModelGraphViewTest.assertTopDownWithoutOverlaps(placed);
    assertEdgesJoinTheirBoxes(placed);
    int mask = 1; // the second input
    assertThat(graph.vertices().get(mask).title()).contains("mask");
    List<Route> lanes = placed.routes().stream().filter(Route::aside).toList();
    // the mask's edges to blocks after the first part run down one lane, left of every box
    assertThat(lanes).isNotEmpty().allMatch(r -> r.from() == mask);
    long maskEdges = graph.edges().stream().filter(e -> e.from() == mask).count();
    // cut into parts of about 500 (the mask counts once at every cut): 3 of 4 parts are below
    assertThat(lanes.size()).isBetween((int) (maskEdges * 2 / 3), (int) maskEdges);
    double laneX = lanes.getFirst().points()[4];
    assertThat(lanes).allMatch(r -> r.points()[4] == laneX && r.points()[6] == laneX);
    // left of every box and every other route
    assertThat(placed.boxes()).allMatch(b -> b.x() > laneX);
    for (Route r : placed.routes()) {
      if (!r.aside()) {
        for (int j = 0; j < r.points().length; j += 2) {
          assertThat(r.points()[j]).isGreaterThan(laneX);
        }
      }
    }
  }

  @Test
  void aCancelledLayoutStopsBeforeItsLastPart() {
    ModelGraph graph = OnnxGraphReader.of(ModelGraphViewTest.residualNetwork(2000));
    AtomicBoolean cancelled = new AtomicBoolean();
    List<Long> done = new ArrayList<>();
    Progress progress =
        (d, total, message) -> {
          synchronized (done) {
            done.add(d);
          }
          if (d >= 2) {
            cancelled.set(true);
          }
        };
    assertThatThrownBy(() -> GraphLayout.layout(graph, progress, cancelled::get))
        .isInstanceOf(Cancellation.CancelledException.class);
    assertThat(done.getLast()).isLessThan(20);
  }

  @Test
  void theGraphWindowShowsProgressAndItsCancelButtonStopsTheLayout() throws Exception {
    // big enough that the layout cannot end between the first part's message and Cancel
    ModelGraph graph = OnnxGraphReader.of(ModelGraphViewTest.residualNetwork(12000));
    BackgroundTasks tasks = new BackgroundTasks();
    ModelGraphView view =
        onFx(
            () -> {
              ModelGraphView v = new ModelGraphView(tasks);
              Stage stage = new Stage();
              stage.setScene(new Scene(v, 1280, 800));
              stage.show();
              v.open("big", () -> graph);
              return v;
            });
    Label status = robot.lookup("#graph-status").queryAs(Label.class);
    Button cancel = robot.lookup("#graph-cancel").queryButton();
    WaitForAsyncUtils.waitFor(
        60, TimeUnit.SECONDS, () -> onFx(() -> status.getText().startsWith("Laid out ")));
    assertThat(onFx(cancel::isVisible)).isTrue();
    assertThat(onFx(status::getText)).matches("Laid out \\d+ of \\d+ parts of big…");
    robot.interact(cancel::fire);
    WaitForAsyncUtils.waitFor(
        30, TimeUnit.SECONDS, () -> onFx(() -> status.getText().equals("Layout of big cancelled")));
    assertThat(onFx(cancel::isVisible)).isFalse();
    assertThat(onFx(() -> view.canvas().placed())).isNull();
    tasks.close();
  }

  /** Every route starts at the bottom centre region of its source and ends at its target's top. */
  private static void assertEdgesJoinTheirBoxes(Placed placed) {
    for (Route r : placed.routes()) {
      Box a = placed.boxes().get(r.from());
      Box b = placed.boxes().get(r.to());
      double[] p = r.points();
      assertThat(p[0])
          .as("route %d→%d starts on its source", r.from(), r.to())
          .isBetween(a.x(), a.x() + a.width());
      assertThat(p[1]).isCloseTo(a.y() + a.height(), org.assertj.core.data.Offset.offset(1.0));
      assertThat(p[p.length - 2])
          .as("route %d→%d ends on its target", r.from(), r.to())
          .isBetween(b.x(), b.x() + b.width());
      assertThat(p[p.length - 1]).isCloseTo(b.y(), org.assertj.core.data.Offset.offset(1.0));
    }
  }

  /** {@code blocks} blocks of 5 operators, each also reading the second input, "mask". */
  static GraphProto maskedNetwork(int blocks) {
    GraphProto.Builder g = GraphProto.newBuilder().setName("masked");
    g.addInput(ValueInfoProto.newBuilder().setName("x"));
    g.addInput(ValueInfoProto.newBuilder().setName("mask"));
    String current = "x";
    String[] ops = {"MatMul", "Add", "Softmax", "Mul", "Relu"};
    for (int b = 0; b < blocks; b++) {
      for (int k = 0; k < ops.length; k++) {
        String out = "m" + b + "_" + k;
        NodeProto.Builder node =
            NodeProto.newBuilder().setOpType(ops[k]).setName("block" + b + "/" + ops[k]);
        node.addInput(current);
        if (ops[k].equals("Add")) {
          node.addInput("mask");
        }
        g.addNode(node.addOutput(out));
        current = out;
      }
    }
    g.addOutput(ValueInfoProto.newBuilder().setName(current));
    return g.build();
  }

  private static <T> T onFx(Callable<T> work) throws Exception {
    return WaitForAsyncUtils.asyncFx(work).get(120, TimeUnit.SECONDS);
  }
}
