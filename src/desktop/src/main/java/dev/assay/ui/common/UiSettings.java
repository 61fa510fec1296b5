package dev.assay.ui.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/** Window geometry and last-used folders, kept in a properties file in the workbench folder. */
public final class UiSettings {
  private final Path file;
  private final Properties values = new Properties();

  public UiSettings(Path file) {
    this.file = file;
    if (Files.isRegularFile(file)) {
      try (InputStream in = Files.newInputStream(file)) {
        values.load(in);
      } catch (IOException | IllegalArgumentException e) {
        values.clear();
      }
    }
  }

  public double getDouble(String key, double fallback) {
    try {
      String value = values.getProperty(key);
      return value == null ? fallback : Double.parseDouble(value);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  public void putDouble(String key, double value) {
    values.setProperty(key, Double.toString(value));
  }

  public boolean getBoolean(String key) {
    return Boolean.parseBoolean(values.getProperty(key));
  }

  public void putBoolean(String key, boolean value) {
    values.setProperty(key, Boolean.toString(value));
  }

  public String getString(String key, String fallback) {
    return values.getProperty(key, fallback);
  }

  public void putString(String key, String value) {
    values.setProperty(key, value);
  }

  /** A remembered folder that still exists, or null. */
  public Path getFolder(String key) {
    String value = values.getProperty(key);
    if (value == null) {
      return null;
    }
    Path folder = Path.of(value);
    return Files.isDirectory(folder) ? folder : null;
  }

  public void putFolder(String key, Path folder) {
    if (folder != null) {
      values.setProperty(key, folder.toAbsolutePath().toString());
    }
  }

  /** Writes the settings (atomically); failures are ignored, settings are a convenience. */
  public void save() {
    try {
      Files.createDirectories(file.getParent());
      Path temp = file.resolveSibling(file.getFileName() + ".tmp");
      try (OutputStream out = Files.newOutputStream(temp)) {
        values.store(out, "Assay window settings");
      }
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // not worth interrupting the user for
    }
  }
}
