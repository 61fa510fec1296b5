package dev.assay.core.explain;

import dev.assay.core.Cancellation;
import dev.assay.core.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Explains rows of a {@link ModelFunction} against a background, by one {@link Method} (resolved,
 * not {@link Method#AUTO}).
 */
public final class Explainer {
  /** One explained row: its 0-based index in the data and its attributions. */
  public record RowAttribution(int row, Attribution attribution) {}

  private final ModelFunction model;
  private final double[] background;
  private final LinearGraph graph;
  private final double[] weights;
  private String linearSource;

  /**
   * @param background background rows, row-major
   * @throws IllegalArgumentException when the background is empty or ragged
   */
  public Explainer(ModelFunction model, double[] background) {
    this(model, background, null);
  }

  /**
   * @param graph the log-odds read from the graph for {@link Method#LINEAR}, or null to read the
   *     slopes through the model
   */
  public Explainer(ModelFunction model, double[] background, LinearGraph graph) {
    this(model, background, null, graph);
  }

  /**
   * @param weights one per background row, summing to 1 (a k-means summary); null for equal weights
   */
  public Explainer(ModelFunction model, double[] background, double[] weights, LinearGraph graph) {
    if (background.length == 0 || background.length % model.features() != 0) {
      throw new IllegalArgumentException("a non-empty background is needed");
    }
    this.model = model;
    this.background = background;
    this.graph = graph;
    this.weights = weights;
  }

  /** Where the last {@link Method#LINEAR} run read its slopes, or null. */
  public String linearSource() {
    return linearSource;
  }

  /**
   * The method {@link Method#AUTO} stands for: the closed form for log-odds of a linear model,
   * exact enumeration up to {@link ExactShapley#MAX_FEATURES} features, else KernelSHAP.
   */
  public static Method resolve(Method requested, boolean linearLogit, int features) {
    return resolve(requested, linearLogit, false, features);
  }

  /**
   * As {@link #resolve(Method, boolean, int)}, with interventional TreeSHAP first when {@code
   * additiveTrees} (a tree ensemble whose output in the requested space sums over its trees).
   */
  public static Method resolve(
      Method requested, boolean linearLogit, boolean additiveTrees, int features) {
    if (requested != Method.AUTO) {
      return requested;
    }
    if (additiveTrees) {
      return Method.TREE;
    }
    if (linearLogit) {
      return Method.LINEAR;
    }
    return features <= ExactShapley.MAX_FEATURES ? Method.EXACT : Method.KERNEL;
  }

  /**
   * Explains {@code rows} (row-major; their 0-based indices start at {@code firstRow}).
   *
   * @param method EXACT, KERNEL or LINEAR (LINEAR needs the model in log-odds space)
   * @throws IllegalArgumentException for AUTO or TREE (see {@link TreeShap})
   * @throws Cancellation.CancelledException when cancelled between rows
   */
  public List<RowAttribution> explain(
      double[] rows,
      int firstRow,
      Method method,
      KernelShap.Settings settings,
      long seed,
      Progress progress,
      Cancellation cancel) {
    int m = model.features();
    int n = rows.length / m;
    List<RowAttribution> result = new ArrayList<>(n);
    if (method == Method.LINEAR) {
      LinearLogit linear =
          graph != null
              ? LinearLogit.fit(model, background, weights, graph)
              : LinearLogit.fit(model, background, weights);
      linearSource = linear.source();
      double[] predictions = new double[n];
      model.evaluate(rows, n, predictions);
      for (int r = 0; r < n; r++) {
        double[] x = new double[m];
        System.arraycopy(rows, r * m, x, 0, m);
        result.add(new RowAttribution(firstRow + r, linear.explain(x, predictions[r])));
      }
      progress.update(n, n, "explained " + n + " rows");
      return result;
    }
    if (method == Method.AUTO || method == Method.TREE || method == Method.TREE_PATH) {
      throw new IllegalArgumentException("resolve AUTO first; TREE runs through TreeShap");
    }
    // each row's generator is split off in row order, so threads do not change the result
    SplittableRandom random = new SplittableRandom(seed);
    SplittableRandom[] randoms = new SplittableRandom[n];
    for (int r = 0; r < n; r++) {
      randoms[r] = random.split();
    }
    RowAttribution[] out = new RowAttribution[n];
    int threads = model.threadSafe() ? Math.min(n, threads()) : 1;
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    Runnable worker =
        () -> {
          for (int r = next.getAndIncrement(); r < n; r = next.getAndIncrement()) {
            cancel.throwIfCancelled();
            double[] x = new double[m];
            System.arraycopy(rows, r * m, x, 0, m);
            CoalitionGame game = new CoalitionGame(model, x, background, weights);
            Attribution a =
                method == Method.EXACT
                    ? ExactShapley.explain(game)
                    : KernelShap.explain(game, settings, randoms[r]);
            out[r] = new RowAttribution(firstRow + r, a);
            int finished = done.incrementAndGet();
            synchronized (progress) {
              progress.update(finished, n, "explained " + finished + " of " + n + " rows");
            }
          }
        };
    if (threads <= 1) {
      worker.run();
    } else {
      ExecutorService pool =
          Executors.newFixedThreadPool(
              threads,
              task -> {
                Thread t = new Thread(task, "assay-explain");
                t.setDaemon(true);
                return t;
              });
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (int k = 0; k < threads; k++) {
          futures.add(pool.submit(worker));
        }
        for (Future<?> f : futures) {
          try {
            f.get();
          } catch (ExecutionException e) {
            next.set(n);
            if (e.getCause() instanceof RuntimeException re) {
              throw re;
            }
            throw new IllegalStateException(e.getCause());
          } catch (InterruptedException e) {
            next.set(n);
            Thread.currentThread().interrupt();
            throw new Cancellation.CancelledException();
          }
        }
      } finally {
        pool.shutdownNow();
      }
    }
    result.addAll(java.util.Arrays.asList(out));
    return result;
  }

  /** Rows explained at once: the cores, at most four (ONNX Runtime also threads inside a call). */
  private static int threads() {
    return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
  }

  /** Mean |φ_i| over the explained rows. */
  public static double[] meanAbs(List<RowAttribution> rows, int features) {
    double[] mean = new double[features];
    for (RowAttribution row : rows) {
      double[] phi = row.attribution().phi();
      for (int i = 0; i < features; i++) {
        mean[i] += Math.abs(phi[i]);
      }
    }
    for (int i = 0; i < features; i++) {
      mean[i] /= Math.max(1, rows.size());
    }
    return mean;
  }
}
