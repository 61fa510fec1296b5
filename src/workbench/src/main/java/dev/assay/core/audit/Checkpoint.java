package dev.assay.core.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A signed statement of the audit chain's end: after {@code entries} entries the newest was {@code
 * lastSeq} with hash {@code lastHash}. Kept one JSON object per line in files outside the database;
 * the signature (Ed25519) or MAC (HMAC-SHA256) covers every other field.
 *
 * @param keyId which key signed it ({@code ed25519:...} or {@code hmac-sha256:...})
 * @param signature base64 signature or MAC over {@link #message()}
 */
public record Checkpoint(
    long entries,
    long lastSeq,
    String lastHash,
    Instant time,
    String keyId,
    String algorithm,
    String signature) {

  /** The bytes that are signed. */
  public byte[] message() {
    return ("assay-audit-checkpoint 1\nentries="
            + entries
            + "\nlast_seq="
            + lastSeq
            + "\nlast_hash="
            + lastHash
            + "\ntime="
            + time
            + "\nkey="
            + keyId
            + "\nalgorithm="
            + algorithm
            + "\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** One line of the checkpoint file, without the line end. */
  public String toLine(ObjectMapper json) {
    ObjectNode node = json.createObjectNode();
    node.put("entries", entries);
    node.put("last_seq", lastSeq);
    node.put("last_hash", lastHash);
    node.put("time", time.toString());
    node.put("key", keyId);
    node.put("alg", algorithm);
    node.put("sig", signature);
    try {
      return json.writeValueAsString(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write a checkpoint as JSON", e);
    }
  }

  /**
   * Reads one line of a checkpoint file.
   *
   * @throws IllegalArgumentException when the line is not a checkpoint
   */
  public static Checkpoint parse(String line, ObjectMapper json) {
    try {
      JsonNode node = json.readTree(line);
      for (String field :
          new String[] {"entries", "last_seq", "last_hash", "time", "key", "alg", "sig"}) {
        if (node == null || !node.hasNonNull(field)) {
          throw new IllegalArgumentException("no field \"" + field + "\"");
        }
      }
      if (!node.get("entries").canConvertToLong() || !node.get("last_seq").canConvertToLong()) {
        throw new IllegalArgumentException("entries and last_seq must be whole numbers");
      }
      return new Checkpoint(
          node.get("entries").asLong(),
          node.get("last_seq").asLong(),
          node.get("last_hash").asText(),
          Instant.parse(node.get("time").asText()),
          node.get("key").asText(),
          node.get("alg").asText(),
          node.get("sig").asText());
    } catch (com.fasterxml.jackson.core.JsonProcessingException | DateTimeParseException e) {
      throw new IllegalArgumentException("not a JSON checkpoint", e);
    }
  }
}
