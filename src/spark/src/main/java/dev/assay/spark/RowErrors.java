package dev.assay.spark;

import dev.assay.core.AssayException;
import dev.assay.core.Cancellation;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;

/**
 * A failed job's error as the user reads it: the row a bad cell is in named as locally (the data
 * row, not the row within its partition), and the user's problem out of Spark's task failure.
 */
final class RowErrors {
  private static final Pattern MARK =
      Pattern.compile(Pattern.quote(PartitionEvaluator.PARTITION_MARK) + "(\\d+)\\] ");

  private RowErrors() {}

  /**
   * When a row's error named its partition (rows are numbered within partitions while scoring),
   * counts the rows of the partitions before it and scores that partition again knowing its first
   * row's number: the failure that gives is the one a local run reports. Only a failing job pays
   * for the count. Returns the failure to report ({@code failure} itself when it is no row's).
   */
  static Exception numbered(
      Exception failure, JavaRDD<Row> rows, PartitionEvaluator evaluator, JobProgress watcher) {
    if (watcher.cancelled()) {
      return failure;
    }
    int partition = partitionOf(failure);
    if (partition < 0) {
      return failure;
    }
    try {
      long before = 0;
      if (partition > 0) {
        List<Long> counts =
            rows.mapPartitionsWithIndex(
                    (index, it) -> {
                      if (index >= partition) {
                        return Collections.<Long>emptyIterator();
                      }
                      long n = 0;
                      while (it.hasNext()) {
                        it.next();
                        n++;
                      }
                      return List.of(n).iterator();
                    },
                    false)
                .collect();
        for (long n : counts) {
          before += n;
        }
      }
      rows.mapPartitionsWithIndex(evaluator.forPartition(partition, before), false).count();
      return failure; // the partition scored this time: report what failed first
    } catch (Exception numbered) {
      return partitionOf(numbered) < 0 ? numbered : failure;
    }
  }

  /** The partition a row's error names, or -1. */
  static int partitionOf(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      Matcher m = MARK.matcher(String.valueOf(t.getMessage()));
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
    }
    return -1;
  }

  /** The user's problem (a bad cell, an unknown target) out of Spark's task failure. */
  static RuntimeException userError(Exception e) {
    if (e instanceof Cancellation.CancelledException cancelled) {
      return cancelled;
    }
    if (e instanceof AssayException assay) {
      return new AssayException(unmarked(assay.getMessage()), e);
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof AssayException assay) {
        return new AssayException(unmarked(assay.getMessage()), e);
      }
    }
    String message = String.valueOf(e.getMessage());
    int at = message.indexOf("dev.assay.core.AssayException: ");
    if (at >= 0) {
      String rest = message.substring(at + "dev.assay.core.AssayException: ".length());
      int end = rest.indexOf('\n');
      return new AssayException(unmarked(end < 0 ? rest : rest.substring(0, end)), e);
    }
    return new AssayException("the Spark job failed: " + message.lines().findFirst().orElse(""), e);
  }

  private static String unmarked(String message) {
    return MARK.matcher(String.valueOf(message)).replaceFirst("");
  }
}
