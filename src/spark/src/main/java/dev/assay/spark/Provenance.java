package dev.assay.spark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/** Where a job's result came from: Spark version, master, executors, partitions, jobs, inputs. */
final class Provenance {
  private Provenance() {}

  /**
   * The job's provenance.
   *
   * @param partitions the input's partitions
   * @param group the job group its jobs ran in
   * @param data the input paths (described with their sizes and modification times)
   * @param extra entries put after the partitions (before the job group)
   */
  static Map<String, Object> of(
      SparkSession spark,
      JavaSparkContext context,
      int partitions,
      String group,
      List<String> data,
      Map<String, Object> extra) {
    Map<String, Object> provenance = new LinkedHashMap<>();
    provenance.put("spark_version", spark.version());
    provenance.put("master", context.master());
    provenance.put("application_id", context.sc().applicationId());
    provenance.put(
        "executors",
        context.sc().getExecutorMemoryStatus().size()
            - (context.master().startsWith("local") ? 0 : 1));
    provenance.put("default_parallelism", context.defaultParallelism());
    provenance.put("partitions", partitions);
    provenance.putAll(extra);
    provenance.put("job_group", group);
    provenance.put("job_ids", context.statusTracker().getJobIdsForGroup(group));
    provenance.put("inputs", Inputs.describe(spark, data));
    return provenance;
  }
}
