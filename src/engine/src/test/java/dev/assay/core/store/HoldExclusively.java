package dev.assay.core.store;

import java.sql.Connection;
import java.sql.DriverManager;

/**
 * A child process for {@link BusyDatabaseTest}: opens the database file {@code args[0]} alone (no
 * mixed mode, as an older or foreign program would), says so and holds it until killed.
 */
public final class HoldExclusively {
  private HoldExclusively() {}

  public static void main(String[] args) throws Exception {
    try (Connection connection =
        DriverManager.getConnection("jdbc:h2:file:" + args[0], "assay", "")) {
      System.out.println("holding");
      System.out.flush();
      Thread.sleep(120_000);
    }
  }
}
