package dev.assay.spark;

import org.apache.spark.sql.SparkSession;

/** A Spark session for the tests, bound to the loopback interface, without its web UI. */
final class LocalSpark {
  private LocalSpark() {}

  static SparkSession start(String master) {
    return SparkSession.builder()
        .master(master)
        .appName("assay-test")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2")
        // many small partitions, so the job merges partial accumulators
        .config("spark.sql.files.maxPartitionBytes", "16384")
        .config("spark.sql.files.openCostInBytes", "0")
        .getOrCreate();
  }
}
