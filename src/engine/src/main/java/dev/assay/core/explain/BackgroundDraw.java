package dev.assay.core.explain;

import dev.assay.core.AssayException;
import java.util.List;

/**
 * Chooses the background of an {@link ExplanationRequest} from the data: by its mode, and for a
 * stability check ({@link ExplanationRequest#secondBackground()}) a second background of the same
 * size and rule drawn from the data rows the first did not use, so the two are disjoint. Where the
 * data cannot give that (fewer than twice the rows; a k-means summary, which uses every row) the
 * second is drawn independently with seed + 1 and a note says so.
 */
final class BackgroundDraw {
  private BackgroundDraw() {}

  /**
   * The background; for a cutoff background a placeholder until the model's outputs are known
   * ({@link #cutoff}).
   */
  static BackgroundSet of(
      ExplanationRequest request,
      List<String> features,
      TabularData data,
      String target,
      List<String> notes) {
    int m = features.size();
    if (request.backgroundFile() != null) {
      if (request.secondBackground()) {
        throw new AssayException(
            "a second background needs --background N: a dataset given as the background has no"
                + " second draw of the same rule");
      }
      return BackgroundSet.of(
          BackgroundSet.Mode.DATASET,
          TabularData.read(request.backgroundFile(), features, null).values());
    }
    int size = Math.min(request.backgroundRows(), data.rows());
    BackgroundSet.Mode mode =
        request.backgroundMode() == null ? BackgroundSet.Mode.RANDOM : request.backgroundMode();
    long seed = request.seed();
    return switch (mode) {
      case KMEANS -> {
        if (!request.secondBackground()) {
          yield KMeansSummary.of(data.values(), m, size, seed);
        }
        notes.add(
            "second background: a k-means summary uses every row, so it cannot be disjoint; it is a"
                + " restart with seed "
                + (seed + 1));
        yield KMeansSummary.of(data.values(), m, size, seed + 1);
      }
      case STRATIFIED -> {
        String column = request.stratifyBy() != null ? request.stratifyBy() : target;
        if (column == null) {
          throw new AssayException(
              "--background-mode stratified needs a class or group column: give --target or"
                  + " --sensitive COL");
        }
        List<String> labels =
            column.equals(target)
                ? data.target()
                : TabularData.read(request.data(), List.of(), column).target();
        BackgroundSet first =
            BackgroundSet.stratified(data.values(), m, labels, column, size, seed);
        if (!request.secondBackground()) {
          yield first;
        }
        boolean[] used = used(first.dataRows(), data.rows());
        yield BackgroundSet.available(data.rows(), used) >= size
            ? disjoint(
                BackgroundSet.stratified(data.values(), m, labels, column, size, seed, used),
                data.rows(),
                notes)
            : overlapping(
                BackgroundSet.stratified(data.values(), m, labels, column, size, seed + 1),
                size,
                seed,
                notes);
      }
      // the rows are chosen once the model is open (by its outputs); a random set holds the place
      case CUTOFF ->
          new BackgroundSet(
              BackgroundSet.random(data.values(), m, size, seed).values(),
              null,
              new BackgroundSet.Summary(BackgroundSet.Mode.CUTOFF, 0, null, null, null));
      default -> {
        BackgroundSet first = BackgroundSet.random(data.values(), m, size, seed);
        if (!request.secondBackground()) {
          yield first;
        }
        boolean[] used = used(first.dataRows(), data.rows());
        yield BackgroundSet.available(data.rows(), used) >= size
            ? disjoint(BackgroundSet.random(data.values(), m, size, seed, used), data.rows(), notes)
            : overlapping(
                BackgroundSet.random(data.values(), m, size, seed + 1), size, seed, notes);
      }
    };
  }

  /**
   * The cutoff background once the model's outputs on every data row ({@code scores}) are known:
   * the {@code size} favourable rows nearest the threshold, or for a second background the next
   * {@code size} nearest.
   */
  static BackgroundSet cutoff(
      ExplanationRequest request, TabularData data, int m, double[] scores, int size) {
    BackgroundSet first =
        BackgroundSet.cutoff(
            data.values(), m, scores, request.cutoff(), request.adverseHigher(), size);
    if (!request.secondBackground()) {
      return first;
    }
    return BackgroundSet.cutoff(
        data.values(),
        m,
        scores,
        request.cutoff(),
        request.adverseHigher(),
        size,
        used(first.dataRows(), data.rows()));
  }

  private static BackgroundSet disjoint(BackgroundSet second, int n, List<String> notes) {
    notes.add(
        "second background: drawn by the same rule from the "
            + (n - second.dataRows().length)
            + " data rows the first did not use (disjoint)");
    return second;
  }

  private static BackgroundSet overlapping(
      BackgroundSet second, int size, long seed, List<String> notes) {
    notes.add(
        "second background: the data has fewer than "
            + 2 * size
            + " rows, so it is drawn independently with seed "
            + (seed + 1)
            + " and may share rows with the first");
    return second;
  }

  private static boolean[] used(int[] rows, int n) {
    boolean[] used = new boolean[n];
    for (int r : rows) {
      used[r] = true;
    }
    return used;
  }
}
