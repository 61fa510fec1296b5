package dev.assay.core.security;

/**
 * The MITRE ATLAS techniques Assay's findings relate to: the one table of technique ids and names
 * (https://atlas.mitre.org/techniques/ID). Names follow ATLAS, which since 2025 writes "AI" where
 * it used to write "ML".
 */
public enum AtlasTechnique {
  /** A model, its weights or its tooling compromised before it reaches the user. */
  SUPPLY_CHAIN_COMPROMISE("AML.T0010", "AI Supply Chain Compromise"),
  /** A user opens an artifact built to act against them when loaded. */
  UNSAFE_AI_ARTIFACTS("AML.T0011.000", "User Execution: Unsafe AI Artifacts"),
  /** Inputs or artifacts that exhaust memory or time so the model cannot serve. */
  DENIAL_OF_AI_SERVICE("AML.T0029", "Denial of AI Service"),
  /** Credentials left in plain text where an adversary can read them. */
  UNSECURED_CREDENTIALS("AML.T0055", "Unsecured Credentials"),
  /** Inputs modified to make the model err. */
  CRAFT_ADVERSARIAL_DATA("AML.T0043", "Craft Adversarial Data"),
  /** Inputs chosen so the model misses what it should detect. */
  EVADE_AI_MODEL("AML.T0015", "Evade AI Model");

  private final String id;
  private final String title;

  AtlasTechnique(String id, String title) {
    this.id = id;
    this.title = title;
  }

  /** The ATLAS id, e.g. {@code AML.T0010}. */
  public String id() {
    return id;
  }

  /** The ATLAS name. */
  public String title() {
    return title;
  }

  /** The technique's page on the ATLAS site (to read elsewhere; Assay never fetches it). */
  public String url() {
    return "https://atlas.mitre.org/techniques/" + id;
  }
}
