package dev.assay.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The provenance of a job's inputs: every file under the paths with its size and modification time.
 */
final class Inputs {
  private Inputs() {}

  static List<Map<String, Object>> describe(SparkSession spark, List<String> paths) {
    List<Map<String, Object>> files = new ArrayList<>();
    var conf = spark.sparkContext().hadoopConfiguration();
    try {
      for (String given : paths) {
        Path path = new Path(given);
        FileSystem fs = path.getFileSystem(conf);
        for (FileStatus status : fs.globStatus(path)) {
          if (status.isDirectory()) {
            var it = fs.listFiles(status.getPath(), true);
            while (it.hasNext()) {
              var file = it.next();
              if (!file.getPath().getName().startsWith("_")
                  && !file.getPath().getName().startsWith(".")) {
                files.add(entry(file));
              }
            }
          } else {
            files.add(entry(status));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  private static Map<String, Object> entry(FileStatus status) {
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("path", status.getPath().toString());
    file.put("size", status.getLen());
    file.put("modified", Instant.ofEpochMilli(status.getModificationTime()).toString());
    return file;
  }
}
