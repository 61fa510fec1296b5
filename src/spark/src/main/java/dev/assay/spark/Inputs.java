package dev.assay.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.EtagSource;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.s3a.S3AFileStatus;
import org.apache.spark.sql.SparkSession;

/**
 * The provenance of a job's inputs: every file under the paths with its size and modification time,
 * and for an object in S3 its ETag and version id.
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
    // an object in S3 (s3a://): the ETag and, in a versioned bucket, the version read
    if (status instanceof EtagSource tagged && tagged.getEtag() != null) {
      file.put("etag", unquote(tagged.getEtag()));
    }
    if (status instanceof S3AFileStatus object && object.getVersionId() != null) {
      file.put("version_id", object.getVersionId());
    }
    return file;
  }

  private static String unquote(String eTag) {
    return eTag.length() >= 2 && eTag.startsWith("\"") && eTag.endsWith("\"")
        ? eTag.substring(1, eTag.length() - 1)
        : eTag;
  }
}
