package dev.assay.core.monitor;

import java.util.List;
import java.util.Objects;

/**
 * A champion/challenger A/B test over a monitored stream. Predictions carry a {@code variant}
 * ({@code champion}, {@code challenger}; none counts as the champion, other names are left out).
 * Every prediction counts towards its variant's prediction rate (the share predicted {@code
 * positive}); every prediction joined with its label (whenever the label arrives) towards its
 * variant's accuracy. At each window's close both cumulative differences (challenger minus
 * champion) are tested with the {@link MixtureSprt} at level alpha, which may be checked after
 * every window without inflating the false-stop rate. The verdict follows the accuracy test: it
 * stops when the always-valid p-value reaches alpha (challenger better or worse by the sign of the
 * difference), ends inconclusive when both variants have {@code maxLabelled} labelled predictions,
 * and continues otherwise. Its {@link State} is a plain value stored with the pipeline's.
 */
public final class AbTest {
  public static final String CHAMPION = "champion";
  public static final String CHALLENGER = "challenger";
  public static final String CONTINUE = "continue";
  public static final String WORSE = "stop: challenger worse";
  public static final String BETTER = "stop: challenger better";
  public static final String INCONCLUSIVE = "inconclusive at max sample";

  /**
   * @param alpha the false-stop bound, in (0, 1)
   * @param tau the mixture's standard deviation of the difference (the size of difference the test
   *     is tuned for)
   * @param minLabelled observations each variant needs before a comparison counts evidence
   * @param maxLabelled labelled predictions per variant at which the test ends inconclusive
   * @param positive the class whose prediction rate is compared
   */
  public record Settings(
      double alpha, double tau, long minLabelled, long maxLabelled, String positive) {
    public static final Settings DEFAULTS = new Settings(0.05, 0.05, 30, 10_000, "1");

    public Settings {
      if (!(alpha > 0 && alpha < 1) || !(tau > 0) || minLabelled < 1 || maxLabelled < minLabelled) {
        throw new IllegalArgumentException(
            "A/B test needs 0 < alpha < 1, tau > 0 and 1 <= min <= max labelled");
      }
      Objects.requireNonNull(positive, "positive");
    }
  }

  /** A variant's cumulative counts. */
  public record Counts(long predictions, long positive, long labelled, long right) {}

  /** What the test holds between events. */
  public record State(
      Counts champion,
      Counts challenger,
      double accuracyP,
      double rateP,
      String verdict,
      Long decidedAt) {}

  private final Settings settings;
  private final long[] champion = new long[4];
  private final long[] challenger = new long[4];
  private double accuracyP = 1;
  private double rateP = 1;
  private String verdict = CONTINUE;
  private Long decidedAt;

  public AbTest(Settings settings) {
    this.settings = settings;
  }

  /** A test that continues from {@code state} (a new one when null). */
  public static AbTest restore(Settings settings, State state) {
    AbTest t = new AbTest(settings);
    if (state != null) {
      set(t.champion, state.champion());
      set(t.challenger, state.challenger());
      t.accuracyP = state.accuracyP();
      t.rateP = state.rateP();
      t.verdict = state.verdict();
      t.decidedAt = state.decidedAt();
    }
    return t;
  }

  private static void set(long[] to, Counts c) {
    to[0] = c.predictions();
    to[1] = c.positive();
    to[2] = c.labelled();
    to[3] = c.right();
  }

  public State state() {
    return new State(counts(champion), counts(challenger), accuracyP, rateP, verdict, decidedAt);
  }

  private static Counts counts(long[] c) {
    return new Counts(c[0], c[1], c[2], c[3]);
  }

  private long[] group(String variant) {
    if (variant == null || variant.equals(CHAMPION)) {
      return champion;
    }
    return variant.equals(CHALLENGER) ? challenger : null;
  }

  /** Counts a prediction of {@code variant}. */
  public void prediction(String variant, String predicted) {
    long[] g = group(variant);
    if (g != null) {
      g[0]++;
      if (settings.positive().equals(predicted)) {
        g[1]++;
      }
    }
  }

  /** Counts a labelled prediction of {@code variant}. */
  public void labelled(String variant, boolean right) {
    long[] g = group(variant);
    if (g != null) {
      g[2]++;
      if (right) {
        g[3]++;
      }
    }
  }

  /**
   * Tests at a window's close; the comparison with the window's own counts, or null when no
   * challenger prediction was seen yet (no A/B test on this stream).
   */
  public AbWindow close(long windowIndex, List<MonitorEvent.Prediction> events, LabelBook book) {
    if (challenger[0] == 0) {
      return null;
    }
    AbWindow.Comparison acc = compare(champion[3], champion[2], challenger[3], challenger[2], true);
    AbWindow.Comparison rate =
        compare(champion[1], champion[0], challenger[1], challenger[0], false);
    if (decidedAt == null) {
      if (accuracyP <= settings.alpha()) {
        verdict = acc.difference() > 0 ? BETTER : WORSE;
        decidedAt = windowIndex;
      } else if (Math.min(champion[2], challenger[2]) >= settings.maxLabelled()) {
        verdict = INCONCLUSIVE;
        decidedAt = windowIndex;
      }
    }
    return new AbWindow(
        window(events, book, CHAMPION),
        window(events, book, CHALLENGER),
        acc,
        rate,
        settings.positive(),
        verdict,
        decidedAt,
        new AbWindow.Test(
            "msprt-normal-mixture",
            settings.alpha(),
            settings.tau(),
            settings.minLabelled(),
            settings.maxLabelled()));
  }

  private AbWindow.Comparison compare(long k1, long n1, long k2, long n2, boolean accuracy) {
    Double r1 = n1 == 0 ? null : (double) k1 / n1;
    Double r2 = n2 == 0 ? null : (double) k2 / n2;
    Double diff = r1 == null || r2 == null ? null : r2 - r1;
    double tau2 = settings.tau() * settings.tau();
    double logL = 0;
    Double lower = null;
    Double upper = null;
    if (diff != null && Math.min(n1, n2) >= settings.minLabelled()) {
      double v = MixtureSprt.differenceVariance(k1, n1, k2, n2);
      logL = MixtureSprt.logLikelihoodRatio(diff, v, tau2);
      double h = MixtureSprt.halfWidth(v, tau2, settings.alpha());
      if (Double.isFinite(h)) {
        lower = diff - h;
        upper = diff + h;
      }
    }
    double p = Math.min(1, Math.exp(-logL));
    if (accuracy) {
      accuracyP = Math.min(accuracyP, p);
      p = accuracyP;
    } else {
      rateP = Math.min(rateP, p);
      p = rateP;
    }
    return new AbWindow.Comparison(n1, n2, r1, r2, diff, lower, upper, logL, p);
  }

  private AbWindow.Group window(
      List<MonitorEvent.Prediction> events, LabelBook book, String variant) {
    long n = 0;
    long positive = 0;
    long labelled = 0;
    long right = 0;
    for (MonitorEvent.Prediction e : events) {
      String v = e.variant() == null ? CHAMPION : e.variant();
      if (!v.equals(variant)) {
        continue;
      }
      n++;
      if (settings.positive().equals(e.prediction())) {
        positive++;
      }
      String label = book.labelOf(e.id());
      if (label != null) {
        labelled++;
        if (label.equals(e.prediction())) {
          right++;
        }
      }
    }
    return new AbWindow.Group(
        n,
        n == 0 ? null : (double) positive / n,
        labelled,
        labelled == 0 ? null : (double) right / labelled);
  }
}
