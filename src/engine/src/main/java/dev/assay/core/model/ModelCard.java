package dev.assay.core.model;

import java.time.Instant;

/**
 * The free-text model card of a model version, written by people and shown on the Summary sheet of
 * the compliance workbook. Empty strings mean "not written yet".
 *
 * @param owner who is accountable for the model (a person, team or business unit)
 * @param intendedUse what the model is for and for whom
 * @param outOfScope uses the model must not be put to
 * @param limitations known limits of the model and its evidence
 * @param updatedAt when the card was last saved, or null when never
 * @param updatedBy who saved it last, or null when never
 */
public record ModelCard(
    String owner,
    String intendedUse,
    String outOfScope,
    String limitations,
    Instant updatedAt,
    String updatedBy) {

  /** A card nobody has written yet. */
  public static final ModelCard EMPTY = new ModelCard("", "", "", "", null, null);

  public ModelCard {
    owner = clean(owner);
    intendedUse = clean(intendedUse);
    outOfScope = clean(outOfScope);
    limitations = clean(limitations);
  }

  /** The four text fields, ready to save (time and author are set by the store). */
  public static ModelCard of(
      String owner, String intendedUse, String outOfScope, String limitations) {
    return new ModelCard(owner, intendedUse, outOfScope, limitations, null, null);
  }

  /** Whether no field has been written. */
  public boolean isEmpty() {
    return owner.isEmpty()
        && intendedUse.isEmpty()
        && outOfScope.isEmpty()
        && limitations.isEmpty();
  }

  /**
   * This card with the given fields replaced; a null argument keeps the current value (for partial
   * updates from the command line).
   */
  public ModelCard with(String owner, String intendedUse, String outOfScope, String limitations) {
    return new ModelCard(
        owner == null ? this.owner : owner,
        intendedUse == null ? this.intendedUse : intendedUse,
        outOfScope == null ? this.outOfScope : outOfScope,
        limitations == null ? this.limitations : limitations,
        updatedAt,
        updatedBy);
  }

  private static String clean(String text) {
    return text == null ? "" : text.strip();
  }
}
