package dev.assay.core.drift;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.core.Json;

/**
 * A {@link DriftReport} as JSON and back, exactly (doubles in their shortest round-trip form, NaN
 * as {@code "NaN"}): how a Spark job hands the report its driver computed to {@code assay drift}.
 * Each feature's statistics carry their kind as {@code "type"}: numeric, categorical or empty.
 */
public final class DriftReportJson {
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = NumericStatistics.class, name = "numeric"),
    @JsonSubTypes.Type(value = CategoricalStatistics.class, name = "categorical"),
    @JsonSubTypes.Type(value = NoValues.class, name = "empty")
  })
  private interface Typed {}

  private static final ObjectMapper MAPPER =
      Json.newMapper().addMixIn(FeatureStatistics.class, Typed.class);

  private DriftReportJson() {}

  /** The report as a JSON tree. */
  public static JsonNode toTree(DriftReport report) {
    return MAPPER.valueToTree(report);
  }

  /**
   * The report written by {@link #toTree}.
   *
   * @throws IllegalArgumentException when the JSON is no drift report
   */
  public static DriftReport fromTree(JsonNode tree) {
    try {
      return MAPPER.treeToValue(tree, DriftReport.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a drift report: " + e.getOriginalMessage(), e);
    }
  }
}
