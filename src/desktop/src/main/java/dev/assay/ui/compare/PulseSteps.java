package dev.assay.ui.compare;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import javafx.animation.AnimationTimer;
import javafx.scene.control.TableView;

/**
 * Scene-graph work spread over successive pulses, one step per pulse, so that starting a run or
 * showing a result never makes one long frame. The steps run on the FX thread at the start of a
 * pulse (animation phase); the CSS and layout their changes cause happen in the same pulse.
 *
 * <p>The costly part of showing a result is a table's first layout with rows: the table makes a
 * row, and a cell per column, for every line of its visible area (the lines below the last item as
 * empty rows), and applies CSS to each (about 0.2-0.5 ms a cell with software rendering: 300 cells
 * are 60-150 ms). A table is therefore filled at once, but when it shows its first rows its height
 * is capped and raised a step a pulse until it fills its space (the step sized so that a pulse's
 * work stays near {@link #BUDGET_MILLIS}), so each pulse makes (or, when the table was emptied
 * before, restyles from empty to filled) the rows and cells of a few lines only. Replacing rows
 * with rows (another saved comparison, another pair) restyles little and needs no steps. At the
 * start of a run the live charts get their new data sets one chart a pulse ({@link #once}).
 */
public final class PulseSteps {
  /** How much a table being filled grows at its first pulse: the header and one line. */
  static final double STEP_PIXELS = 52;

  /**
   * The FX thread's work per pulse a growing table aims at: its next step is scaled by how far the
   * last pulse's CPU time was from this (a cold JVM makes rows several times slower than a warm
   * one).
   */
  static final double BUDGET_MILLIS = 16;

  private static final double MIN_STEP_PIXELS = 24;
  private static final double MAX_STEP_PIXELS = 400;
  private static final int MAX_GROW_PULSES = 240;

  /** Table property: the height up to which the table has made its rows and cells. */
  private static final String MADE = "dev.assay.compare.rowsMadeUpTo";

  /** One step of work; returns true when done, false to be called again at the next pulse. */
  interface Step {
    boolean run();
  }

  private final Deque<Step> queue = new ArrayDeque<>();
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final boolean measured = threads.isCurrentThreadCpuTimeSupported();
  private long lastCpu = -1;

  /**
   * FX-thread CPU time (ms) from the previous step to this one: that pulse's work; NaN if unknown.
   */
  private double lastPulseMillis = Double.NaN;

  private final AnimationTimer timer =
      new AnimationTimer() {
        @Override
        public void handle(long now) {
          long cpu = measured ? threads.getCurrentThreadCpuTime() : -1;
          lastPulseMillis = lastCpu >= 0 && cpu >= 0 ? (cpu - lastCpu) / 1e6 : Double.NaN;
          lastCpu = cpu;
          runOne();
        }
      };

  /** Queues {@code step} after the steps already queued. */
  void add(Step step) {
    queue.addLast(step);
    if (queue.size() == 1) {
      lastCpu = -1;
    }
    timer.start();
  }

  /** Queues {@code work} to run on its own, at the start of a pulse. */
  public void once(Runnable work) {
    add(
        () -> {
          work.run();
          return true;
        });
  }

  /**
   * Sets {@code table}'s items to {@code rows} in one go; if the table has not yet made rows for
   * the height it is given, caps its height and queues growing it, a few lines a pulse.
   */
  public <T> void fill(TableView<T> table, List<T> rows) {
    if (table.getProperties().putIfAbsent(MADE, 0.0) == null) {
      // a table showing rows that is made taller (a larger window) makes its rows at once
      table
          .heightProperty()
          .addListener(
              (obs, old, now) -> {
                if (!table.getItems().isEmpty() && growing(table) == null) {
                  table.getProperties().put(MADE, Math.max(made(table), now.doubleValue()));
                }
              });
    }
    Grow growing = growing(table);
    double made = made(table);
    double given = table.getHeight();
    boolean laidOut = table.getSkin() != null && table.getScene() != null;
    boolean wasEmpty = table.getItems().isEmpty();
    if (growing == null
        && laidOut
        && !rows.isEmpty()
        && (wasEmpty || given > made + STEP_PIXELS / 2)) {
      // rows are made up to "made"; an empty table's rows all change from empty to filled, which
      // costs CSS on each cell too: start low then
      growing =
          new Grow(
              table, table.getMaxHeight(), wasEmpty ? STEP_PIXELS : Math.max(made, STEP_PIXELS));
      table.setMaxHeight(growing.limit);
      if (table.getParent() != null) {
        // the table takes the capped height before it gets its rows: its row count changing lays
        // its rows out at once, for the height it has then (the whole height, without this)
        table.getParent().layout();
      }
      add(growing);
    }
    table.getItems().setAll(rows);
    if (growing == null && laidOut && !rows.isEmpty()) {
      table.getProperties().put(MADE, Math.max(made, given));
    }
  }

  /**
   * Makes {@code table}'s rows and cells ahead of need, while it is out of sight: fills it with
   * copies of a blank {@code sample}, growing as {@link #fill} does, then empties it again. The
   * first rows a JVM makes cost several times what later ones do (class loading, interpreted code,
   * style caches): paid here, at idle pulses, they are not paid in the frame that shows the first
   * result. (Keeping the blank rows for the result to replace was tried: replacing a whole table's
   * rows at once cost more than growing it anew.) A real {@link #fill} meanwhile wins.
   */
  public <T> void prime(TableView<T> table, T sample, int lines) {
    List<T> blanks = java.util.Collections.nCopies(lines, sample);
    once(
        () -> {
          if (table.getItems().isEmpty()) {
            fill(table, blanks);
            once(
                () -> {
                  if (!table.getItems().isEmpty() && table.getItems().getFirst() == sample) {
                    table.getItems().clear();
                  }
                });
          }
        });
  }

  /** Empties {@code table}. */
  void empty(TableView<?> table) {
    table.getItems().clear();
  }

  /** Whether steps are still queued (a table still growing); for tests and benchmarks. */
  public boolean busy() {
    return !queue.isEmpty();
  }

  private Grow growing(TableView<?> table) {
    for (Step step : queue) {
      if (step instanceof Grow g && g.table == table) {
        return g;
      }
    }
    return null;
  }

  private static double made(TableView<?> table) {
    return table.getProperties().get(MADE) instanceof Double d ? d : 0;
  }

  private void runOne() {
    Step step = queue.peekFirst();
    if (step != null && step.run()) {
      queue.pollFirst();
    }
    if (queue.isEmpty()) {
      timer.stop();
    }
  }

  /** Raises a table's height cap a step a pulse until the table fills the space it is given. */
  private final class Grow implements Step {
    private final TableView<?> table;
    private final double originalMax;
    private double limit;
    private double step = STEP_PIXELS;
    private boolean waited;
    private int runs;

    Grow(TableView<?> table, double originalMax, double limit) {
      this.table = table;
      this.originalMax = originalMax;
      this.limit = limit;
    }

    @Override
    public boolean run() {
      if (++runs > MAX_GROW_PULSES) {
        // a safety net: never keep a table capped (a layout that does not follow the cap)
        table.setMaxHeight(originalMax);
        return true;
      }
      if (table.getItems().isEmpty() || table.getScene() == null) {
        // no rows to make now: lift the cap, the next fill measures again
        table.setMaxHeight(originalMax);
        return true;
      }
      if (!waited && table.getHeight() > limit + 1) {
        // not laid out at the cap yet (the fill came after the last pulse's layout)
        waited = true;
        return false;
      }
      waited = true;
      if (table.getHeight() < limit - 1) {
        // the cap no longer limits it: the table fills its space, its rows are made
        table.setMaxHeight(originalMax);
        table.getProperties().put(MADE, Math.max(made(table), table.getHeight()));
        return true;
      }
      table.getProperties().put(MADE, Math.max(made(table), limit));
      if (lastPulseMillis > 0) {
        // the last pulse made the lines up to the cap: aim the next step at the budget
        double scale = Math.min(2, Math.max(0.25, BUDGET_MILLIS / lastPulseMillis));
        step = Math.min(MAX_STEP_PIXELS, Math.max(MIN_STEP_PIXELS, step * scale));
      }
      limit = Math.ceil(limit + step); // whole pixels, as layout sizes them
      table.setMaxHeight(limit);
      return false;
    }
  }
}
