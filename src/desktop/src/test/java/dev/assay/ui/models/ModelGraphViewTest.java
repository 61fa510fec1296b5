package dev.assay.ui.models;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.assay.core.inference.OnnxGraphReader;
import dev.assay.core.model.ModelGraph;
import dev.assay.ui.common.BackgroundTasks;
import dev.assay.ui.models.GraphLayout.Box;
import dev.assay.ui.models.GraphLayout.Placed;
import dev.assay.ui.models.GraphLayout.Route;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.AnimationTimer;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The model graph: ELK's layered layout of a real model, and a 5,000-node graph kept responsive.
 */
class ModelGraphViewTest {
  private static final Path REPO = Path.of(System.getProperty("assay.repo.root", "."));
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
  void sampleModelIsLaidOutTopDownWithoutOverlaps() {
    ModelGraph graph = OnnxGraphReader.read(REPO.resolve("models/breast-cancer-v1.onnx"));
    Placed placed = GraphLayout.layout(graph);
    assertTopDownWithoutOverlaps(placed);
    // input → Sub → Mul → Gemm → Softmax → Identity → output: a chain, one box per layer
    for (int i = 1; i < placed.boxes().size(); i++) {
      assertThat(placed.boxes().get(i).y()).isGreaterThan(placed.boxes().get(i - 1).y());
    }
  }

  @Test
  void clickSelectsABoxAndShowsItsInitializersSearchFindsOperators() throws Exception {
    ModelGraph graph = OnnxGraphReader.read(REPO.resolve("models/breast-cancer-v1.onnx"));
    ModelGraphView view = showInStage(graph);
    GraphCanvas canvas = view.canvas();
    Box gemm = onFx(() -> canvas.placed().boxes().get(3));
    double scale = onFx(canvas::scale);
    javafx.geometry.Point2D origin = onFx(() -> canvas.localToScreen(0, 0));
    // where Gemm's box is on screen: the canvas transform is scale and offset, read back via hit
    onFx(
        () -> {
          canvas.centreOn(3);
          return null;
        });
    robot.clickOn(
        origin.getX() + onFx(canvas::getWidth) / 2, origin.getY() + onFx(canvas::getHeight) / 2);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(onFx(canvas::selected)).isEqualTo(3);
    assertThat(onFx(() -> view.details().getItems()))
        .contains("op: Gemm (ai.onnx)")
        .anyMatch(
            line -> line.startsWith("initializer: linear_sgd_weights_0 float[30, 2] (240 B)"));
    assertThat(gemm.width()).isPositive();
    assertThat(scale).isPositive();

    onFx(
        () -> {
          view.searchField().setText("softmax");
          view.findNext();
          return null;
        });
    assertThat(onFx(canvas::selected)).isEqualTo(4);
  }

  @Test
  void fiveThousandNodesLayOutAndPanWithoutLongFrames() throws Exception {
    ModelGraph graph = OnnxGraphReader.of(residualNetwork(500));
    assertThat(graph.nodeCount()).isEqualTo(5000);
    long start = System.nanoTime();
    Placed placed = GraphLayout.layout(graph);
    long layoutMillis = (System.nanoTime() - start) / 1_000_000;
    assertTopDownWithoutOverlaps(placed);

    ModelGraphView view = showInStage(graph);
    GraphCanvas canvas = view.canvas();
    AtomicLong lastPulse = new AtomicLong();
    AtomicLong longestGap = new AtomicLong();
    AnimationTimer pulses =
        new AnimationTimer() {
          @Override
          public void handle(long now) {
            long last = lastPulse.getAndSet(now);
            if (last != 0) {
              longestGap.accumulateAndGet(now - last, Math::max);
            }
          }
        };
    long fitDraw = onFx(canvas::lastDrawNanos);
    onFx(
        () -> {
          pulses.start();
          return null;
        });
    long maxDraw = 0;
    long[] draws = new long[60];
    for (int i = 0; i < 60; i++) {
      int step = i;
      draws[i] =
          onFx(
              () -> {
                if (step == 20) {
                  canvas.zoomBy(8); // readable zoom: text drawn
                } else if (step == 40) {
                  canvas.fit(); // everything visible
                } else {
                  canvas.panBy(step % 2 == 0 ? 35 : -20, -40);
                }
                return canvas.lastDrawNanos();
              });
      maxDraw = Math.max(maxDraw, draws[i]);
      Thread.sleep(16);
    }
    onFx(
        () -> {
          pulses.stop();
          return null;
        });
    System.out.println(
        "redraws (ms): "
            + java.util.Arrays.stream(draws)
                .mapToObj(d -> String.format(Locale.ROOT, "%.1f", d / 1e6))
                .toList());
    System.out.printf(
        Locale.ROOT,
        "graph 5000 nodes, %d edges: ELK layout %d ms; fit draw %.1f ms; pan/zoom redraw max %.1f ms;"
            + " longest gap between FX pulses while panning %.1f ms%n",
        graph.edges().size(),
        layoutMillis,
        fitDraw / 1e6,
        maxDraw / 1e6,
        longestGap.get() / 1e6);
    long[] sorted = draws.clone();
    java.util.Arrays.sort(sorted);
    double median = sorted[sorted.length / 2] / 1e6;
    double p90 = sorted[(int) (sorted.length * 0.9)] / 1e6;
    System.out.printf(
        Locale.ROOT,
        "redraw median %.1f ms, 90th percentile %.1f ms (system load average %.1f on %d cores)%n",
        median,
        p90,
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        Runtime.getRuntime().availableProcessors());
    // the maximum is printed, not asserted: on a shared machine one redraw in sixty may wait for
    // the garbage collector or the scheduler; a redraw's own work is a few milliseconds
    assertThat(median).as("median redraw on the FX thread, ms").isLessThan(16);
    assertThat(p90).as("90th percentile redraw on the FX thread, ms").isLessThan(50);
  }

  /** {@code blocks} residual blocks of 10 operators each (MatMul, Add, Relu, … , a skip Add). */
  static GraphProto residualNetwork(int blocks) {
    GraphProto.Builder g = GraphProto.newBuilder().setName("residual");
    g.addInput(ValueInfoProto.newBuilder().setName("x"));
    String current = "x";
    String[] ops = {
      "MatMul", "Add", "Relu", "MatMul", "Add", "LayerNormalization", "Mul", "Sigmoid"
    };
    for (int b = 0; b < blocks; b++) {
      String skip = current;
      String value = current;
      for (int k = 0; k < ops.length; k++) {
        String out = "b" + b + "_" + k;
        NodeProto.Builder node =
            NodeProto.newBuilder().setOpType(ops[k]).setName("block" + b + "/" + ops[k] + k);
        node.addInput(value);
        if (ops[k].equals("MatMul") || ops[k].equals("Add")) {
          String weight = "w" + b + "_" + k;
          g.addInitializer(
              TensorProto.newBuilder().setName(weight).setDataType(1).addDims(64).addDims(64));
          node.addInput(weight);
        } else if (ops[k].equals("Mul")) {
          node.addInput("b" + b + "_" + 2); // a second path from the Relu
        }
        g.addNode(node.addOutput(out));
        value = out;
      }
      String sum = "b" + b + "_sum";
      g.addNode(
          NodeProto.newBuilder()
              .setOpType("Add")
              .setName("block" + b + "/residual")
              .addInput(value)
              .addInput(skip)
              .addOutput(sum));
      String act = "b" + b + "_out";
      g.addNode(
          NodeProto.newBuilder()
              .setOpType("Relu")
              .setName("block" + b + "/out")
              .addInput(sum)
              .addOutput(act));
      current = act;
    }
    g.addOutput(ValueInfoProto.newBuilder().setName(current));
    return g.build();
  }

  static void assertTopDownWithoutOverlaps(Placed placed) {
    for (Route route : placed.routes()) {
      Box from = placed.boxes().get(route.from());
      Box to = placed.boxes().get(route.to());
      assertThat(to.y())
          .as("edge %d→%d goes down", route.from(), route.to())
          .isGreaterThan(from.y());
    }
    // boxes of one layer (same y) do not overlap horizontally
    java.util.Map<Double, java.util.List<Box>> layers = new java.util.HashMap<>();
    placed
        .boxes()
        .forEach(b -> layers.computeIfAbsent(b.y(), y -> new java.util.ArrayList<>()).add(b));
    for (java.util.List<Box> layer : layers.values()) {
      layer.sort(java.util.Comparator.comparingDouble(Box::x));
      for (int i = 1; i < layer.size(); i++) {
        assertThat(layer.get(i).x())
            .isGreaterThanOrEqualTo(layer.get(i - 1).x() + layer.get(i - 1).width());
      }
    }
  }

  private ModelGraphView showInStage(ModelGraph graph) throws Exception {
    ModelGraphView view =
        onFx(
            () -> {
              ModelGraphView v = new ModelGraphView(BackgroundTasks.onCallingThread());
              Stage stage = new Stage();
              stage.setScene(new Scene(v, 1280, 800));
              stage.show();
              v.open("test", () -> graph);
              return v;
            });
    WaitForAsyncUtils.waitFor(
        60, TimeUnit.SECONDS, () -> onFx(() -> view.canvas().placed() != null));
    WaitForAsyncUtils.waitForFxEvents();
    return view;
  }

  private static <T> T onFx(Callable<T> work) throws Exception {
    return WaitForAsyncUtils.asyncFx(work).get(120, TimeUnit.SECONDS);
  }
}
