package dev.assay.core.store;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.OffsetDateTime;

/**
 * A child process for {@link DurabilityTest}: opens the database in {@code args[0]}, commits one
 * signature row, prints its id and halts at once, as kill -9 would (no shutdown hooks, so H2 cannot
 * write what it still holds in memory).
 */
public final class CommitThenHalt {
  private CommitThenHalt() {}

  public static void main(String[] args) {
    Database database = Database.open(Path.of(args[0]));
    long id =
        database.inTransaction(
            connection -> {
              try (PreparedStatement insert =
                  connection.prepareStatement(
                      "INSERT INTO model_signature (model_sha256, key_fingerprint, manifest,"
                          + " algorithm, signature, public_key, signed_at, signed_by)"
                          + " VALUES (?, ?, 'm', 'Ed25519', 's', 'k', ?, 'tester')",
                      Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, "0".repeat(64));
                insert.setString(2, String.format("%064d", System.nanoTime()));
                insert.setObject(3, OffsetDateTime.now());
                insert.executeUpdate();
                try (var keys = insert.getGeneratedKeys()) {
                  keys.next();
                  return keys.getLong(1);
                }
              }
            });
    System.out.println("committed " + id);
    System.out.flush();
    Runtime.getRuntime().halt(137);
  }
}
