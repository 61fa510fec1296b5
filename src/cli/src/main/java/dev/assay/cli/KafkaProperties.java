package dev.assay.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;

/** A Kafka consumer properties file as {@code assay monitor --kafka} reads it. */
final class KafkaProperties {
  private KafkaProperties() {}

  /**
   * The file's properties.
   *
   * @throws AssayCommand.ExitException (refused) when it cannot be read or names no {@code
   *     bootstrap.servers}
   */
  static Properties read(Path file) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (NoSuchFileException e) {
      throw new AssayCommand.ExitException(
          AssayCommand.EXIT_REFUSED, "no Kafka properties file " + file);
    } catch (IOException | IllegalArgumentException e) {
      throw new AssayCommand.ExitException(
          AssayCommand.EXIT_REFUSED, "cannot read " + file + ": " + e.getMessage());
    }
    String servers = p.getProperty("bootstrap.servers");
    if (servers == null || servers.isBlank()) {
      throw new AssayCommand.ExitException(
          AssayCommand.EXIT_REFUSED, file + " names no bootstrap.servers");
    }
    return p;
  }
}
