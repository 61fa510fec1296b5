package dev.assay.core;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** How long this process has been running, for the start-up benchmark. */
public final class ProcessClock {
  /** Linux's USER_HZ, the unit of the start time in {@code /proc/self/stat}. */
  private static final double CLOCK_TICKS_PER_SECOND = 100.0;

  private ProcessClock() {}

  /**
   * The time since the process was started (on Linux from the kernel's process table, to 10 ms, so
   * the native launcher is counted too; elsewhere since the JVM started).
   */
  public static Duration processAge() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      String[] afterName = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      double startTicks = Double.parseDouble(afterName[19]); // field 22: starttime
      String uptime = Files.readString(Path.of("/proc/uptime")).split(" ")[0];
      double ageSeconds = Double.parseDouble(uptime) - startTicks / CLOCK_TICKS_PER_SECOND;
      if (ageSeconds >= 0) {
        return Duration.ofNanos(Math.round(ageSeconds * 1e9));
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: fall back to the JVM's own start time
    }
    return Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime());
  }
}
