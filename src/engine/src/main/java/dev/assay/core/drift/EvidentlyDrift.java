package dev.assay.core.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Evidently's default data-drift test choice and thresholds (the legacy {@code DataDriftPreset} /
 * {@code DatasetDriftMetric} with no options), so users can compare with what Evidently told them.
 * Rules read from Evidently's source (evidentlyai/evidently at commit a4aa4c2, May 2026; not
 * copied):
 *
 * <ul>
 *   <li>Column type ({@code utils/data_preprocessing.py _get_column_type}): a column of integer
 *       dtype with at most 5 distinct reference values ({@code NUMBER_UNIQUE_AS_CATEGORICAL = 5};
 *       the current's when the reference has none) is categorical; other numbers are numerical;
 *       text is categorical. pandas gives a CSV column integer dtype only when every cell is an
 *       integer, and the dtype of the current data decides, so here: an Assay-numeric column is
 *       categorical when the current data has no missing or non-finite cell, every value is an
 *       integer, and the reference has at most 5 distinct values.
 *   <li>Cleaning ({@code calculations/data_drift.py get_one_column_drift}): missing and infinite
 *       cells are dropped from both samples before the test.
 *   <li>Test ({@code calculations/stattests/registry.py _get_default_stattest}), with n the
 *       reference values and u the distinct values of both samples together: n &lt;= 1000:
 *       numerical with u &gt; 5: {@code ks}; otherwise (numerical with u &lt;= 5, categorical)
 *       {@code chisquare} when u &gt; 2, else {@code z}. n &gt; 1000: numerical with u &gt; 5:
 *       {@code wasserstein} (normed); otherwise {@code jensenshannon}.
 *   <li>Thresholds (the tests' {@code default_threshold}, 0.05 unless set): ks p &lt;= 0.05;
 *       chisquare and z p &lt; 0.05; Wasserstein distance over max(population sd of the reference,
 *       0.001) &gt;= 0.1; Jensen-Shannon distance (natural log) &gt;= 0.1 on the value shares (the
 *       Sturges histogram of {@code get_binned_data} applies only to numerical columns with more
 *       than 20 distinct reference values, which never reach this test by default).
 *   <li>Dataset ({@code get_dataset_drift}): drift when drifted columns / columns &gt;= 0.5.
 * </ul>
 */
public final class EvidentlyDrift {
  /** Reference values up to which p-value tests are used. */
  public static final int SMALL_REFERENCE = 1000;

  /** Distinct values up to which an integer column is categorical. */
  public static final int UNIQUE_AS_CATEGORICAL = 5;

  /** Threshold of the p-value tests. */
  public static final double P_THRESHOLD = 0.05;

  /** Threshold of the distances. */
  public static final double DISTANCE_THRESHOLD = 0.1;

  /** Share of drifted columns from which the dataset drifted. */
  public static final double DRIFT_SHARE = 0.5;

  /** The floor of the Wasserstein norm. */
  public static final double MIN_NORM = 0.001;

  private EvidentlyDrift() {}

  /** Tests every pair of samples (reference, current, same order) and applies the dataset rule. */
  public static EvidentlyReport run(List<FeatureSample> reference, List<FeatureSample> current) {
    if (reference.size() != current.size()) {
      throw new IllegalArgumentException("reference and current features differ");
    }
    List<EvidentlyFeature> features = new ArrayList<>();
    for (int i = 0; i < reference.size(); i++) {
      features.add(column(reference.get(i), current.get(i)));
    }
    return new EvidentlyReport(features);
  }

  /**
   * Tests one column as Evidently's default does.
   *
   * @throws IllegalArgumentException when the samples are of different kinds or names
   */
  public static EvidentlyFeature column(FeatureSample reference, FeatureSample current) {
    if (!reference.name().equals(current.name())) {
      throw new IllegalArgumentException("samples of different columns");
    }
    String name = reference.name();
    if (reference instanceof NumericSample r && current instanceof NumericSample c) {
      Table table = Table.of(r, c);
      int u = table.reference.length;
      if (r.count() == 0 || c.count() == 0) {
        return untested(name, r.count(), c.count(), u);
      }
      boolean categorical =
          integerDtype(c) && distinct(r.count() > 0 ? r : c) <= UNIQUE_AS_CATEGORICAL;
      if (!categorical && u > UNIQUE_AS_CATEGORICAL) {
        return r.count() <= SMALL_REFERENCE ? ks(name, r, c, u) : wasserstein(name, r, c, u);
      }
      return discrete(name, categorical ? "categorical" : "numerical", table, r.count());
    }
    if (reference instanceof CategoricalSample r && current instanceof CategoricalSample c) {
      Table table = Table.of(r, c);
      if (r.present() == 0 || c.present() == 0) {
        return untested(name, r.present(), c.present(), table.reference.length);
      }
      return discrete(name, "categorical", table, r.present());
    }
    throw new IllegalArgumentException(
        "column " + name + " is numeric on one side and categorical on the other");
  }

  private static EvidentlyFeature untested(String name, long n1, long n2, int u) {
    return new EvidentlyFeature(
        name, "empty", n1, n2, u, null, Double.NaN, Double.NaN, Double.NaN, 0, false);
  }

  private static EvidentlyFeature ks(String name, NumericSample r, NumericSample c, int u) {
    KsResult ks = KolmogorovSmirnov.test(r.sorted(), r.count(), c.sorted(), c.count());
    return new EvidentlyFeature(
        name,
        "numerical",
        r.count(),
        c.count(),
        u,
        "ks",
        ks.pValue(),
        P_THRESHOLD,
        ks.statistic(),
        0,
        ks.pValue() <= P_THRESHOLD);
  }

  private static EvidentlyFeature wasserstein(
      String name, NumericSample r, NumericSample c, int u) {
    double norm = Math.max(Wasserstein.standardDeviation(r.sorted(), r.count()), MIN_NORM);
    double w = Wasserstein.distance(r.sorted(), r.count(), c.sorted(), c.count()) / norm;
    return new EvidentlyFeature(
        name,
        "numerical",
        r.count(),
        c.count(),
        u,
        "wasserstein",
        w,
        DISTANCE_THRESHOLD,
        Double.NaN,
        0,
        w >= DISTANCE_THRESHOLD);
  }

  private static EvidentlyFeature discrete(String name, String kind, Table t, long nReference) {
    long n1 = sum(t.reference);
    long n2 = sum(t.current);
    int u = t.reference.length;
    if (nReference > SMALL_REFERENCE) {
      double js = EvidentlyStatTests.jensenShannonNatural(t.reference, t.current);
      return new EvidentlyFeature(
          name,
          kind,
          n1,
          n2,
          u,
          "jensenshannon",
          js,
          DISTANCE_THRESHOLD,
          Double.NaN,
          0,
          js >= DISTANCE_THRESHOLD);
    }
    if (u > 2) {
      ChiSquareResult chi = EvidentlyStatTests.chiSquareGoodnessOfFit(t.reference, t.current);
      return new EvidentlyFeature(
          name,
          kind,
          n1,
          n2,
          u,
          "chisquare",
          chi.pValue(),
          P_THRESHOLD,
          chi.statistic(),
          chi.dof(),
          chi.pValue() < P_THRESHOLD);
    }
    // The smallest value is the first of the sorted table; "other" is everything else.
    double[] z = EvidentlyStatTests.zTest(n1 - t.reference[0], n1, n2 - t.current[0], n2);
    return new EvidentlyFeature(
        name, kind, n1, n2, u, "z", z[1], P_THRESHOLD, z[0], 0, z[1] < P_THRESHOLD);
  }

  /** pandas' int64: no missing or infinite cell, every value an integer. */
  private static boolean integerDtype(NumericSample s) {
    if (s.missing() > 0 || s.nonFinite() > 0 || s.count() == 0) {
      return false;
    }
    double[] v = s.sorted();
    for (int i = 0; i < s.count(); i++) {
      if (v[i] != Math.rint(v[i]) || Math.abs(v[i]) >= 0x1p63) {
        return false;
      }
    }
    return true;
  }

  private static int distinct(NumericSample s) {
    double[] v = s.sorted();
    int d = 0;
    for (int i = 0; i < s.count(); i++) {
      if (i == 0 || v[i] != v[i - 1]) {
        d++;
      }
    }
    return d;
  }

  private static long sum(long[] counts) {
    long s = 0;
    for (long c : counts) {
      s += c;
    }
    return s;
  }

  /** Counts of both samples over their distinct values together, in ascending value order. */
  private record Table(long[] reference, long[] current) {
    static Table of(NumericSample r, NumericSample c) {
      double[] a = r.sorted();
      double[] b = c.sorted();
      int n1 = r.count();
      int n2 = c.count();
      List<long[]> rows = new ArrayList<>();
      int i = 0;
      int j = 0;
      while (i < n1 || j < n2) {
        double x = j >= n2 || (i < n1 && a[i] <= b[j]) ? a[i] : b[j];
        long ci = 0;
        long cj = 0;
        while (i < n1 && a[i] == x) {
          i++;
          ci++;
        }
        while (j < n2 && b[j] == x) {
          j++;
          cj++;
        }
        rows.add(new long[] {ci, cj});
      }
      return split(rows);
    }

    static Table of(CategoricalSample r, CategoricalSample c) {
      Map<String, long[]> all = new TreeMap<>();
      r.counts().forEach((k, v) -> all.computeIfAbsent(k, x -> new long[2])[0] += v);
      c.counts().forEach((k, v) -> all.computeIfAbsent(k, x -> new long[2])[1] += v);
      return split(new ArrayList<>(all.values()));
    }

    private static Table split(List<long[]> rows) {
      long[] a = new long[rows.size()];
      long[] b = new long[rows.size()];
      for (int k = 0; k < a.length; k++) {
        a[k] = rows.get(k)[0];
        b[k] = rows.get(k)[1];
      }
      return new Table(a, b);
    }
  }
}
