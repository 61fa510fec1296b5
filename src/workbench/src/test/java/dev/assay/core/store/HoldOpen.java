package dev.assay.core.store;

import java.nio.file.Path;

/**
 * A child process for {@link ReadOnlyOpenTest}: opens the workbench database in folder {@code
 * args[0]} the usual way (H2's mixed mode), says so and holds it until killed; with {@code args[1]
 * = write} it instead writes one row (waiting while another process holds the file) and says when.
 */
public final class HoldOpen {
  private HoldOpen() {}

  public static void main(String[] args) throws Exception {
    boolean write = args.length > 1 && args[1].equals("write");
    System.out.println("started");
    System.out.flush();
    try (Database database = Database.open(Path.of(args[0]))) {
      if (write) {
        database.inTransaction(
            connection -> {
              try (var insert =
                  connection.prepareStatement(
                      "INSERT INTO workbench_fact (fact_key, fact_value) VALUES ('test.writer', 'x')")) {
                return insert.executeUpdate();
              }
            });
        System.out.println("written");
        System.out.flush();
        return;
      }
      System.out.println("holding");
      System.out.flush();
      Thread.sleep(120_000);
    }
  }
}
