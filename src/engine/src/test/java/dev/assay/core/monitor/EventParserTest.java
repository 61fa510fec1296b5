package dev.assay.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventParserTest {
  @Test
  void aJsonPredictionKeepsItsFieldsAndWholeNumberLabelsLoseTheirDecimals() {
    MonitorEvent e =
        EventParser.jsonLines()
            .parse(
                "{\"id\": \"r1\", \"model\": \"credit:2\", \"variant\": \"champion\","
                    + " \"ts\": \"2026-03-01T12:00:00+01:00\", \"features\": {\"income\": 52000,"
                    + " \"state\": \"CA\", \"age\": null}, \"prediction\": 1.0,"
                    + " \"probabilities\": {\"0\": 0.2, \"1\": 0.8}}");
    assertThat(e).isInstanceOf(MonitorEvent.Prediction.class);
    MonitorEvent.Prediction p = (MonitorEvent.Prediction) e;
    assertThat(p.ts()).isEqualTo(Instant.parse("2026-03-01T11:00:00Z"));
    assertThat(p.prediction()).isEqualTo("1");
    assertThat(p.features()).containsEntry("income", 52000.0).containsEntry("state", "CA");
    assertThat(p.features()).containsKey("age");
    assertThat(p.features().get("age")).isNull();
    assertThat(p.probabilities()).isEqualTo(Map.of("0", 0.2, "1", 0.8));
    assertThat(p.model()).isEqualTo("credit:2");
  }

  @Test
  void aJsonLabelIsALabelEvent() {
    MonitorEvent e =
        EventParser.jsonLines()
            .parse("{\"id\": \"r1\", \"ts\": \"2026-03-02T00:00:00Z\", \"label\": 0}");
    assertThat(e)
        .isEqualTo(new MonitorEvent.Label("r1", Instant.parse("2026-03-02T00:00:00Z"), "0"));
  }

  @Test
  void csvRowsWithTheSameFieldsGiveTheSameEvents() {
    EventParser csv =
        EventParser.csv(
            "id,model,variant,ts,prediction,label,features.income,features.state,probabilities.1");
    MonitorEvent.Prediction p =
        (MonitorEvent.Prediction)
            csv.parse("r1,credit:2,champion,2026-03-01T11:00:00Z,1,,52000,\"C,A\",0.8");
    assertThat(p.features()).containsEntry("income", 52000.0).containsEntry("state", "C,A");
    assertThat(p.probabilities()).containsEntry("1", 0.8);
    assertThat(csv.parse("r1,,,2026-03-02T00:00:00Z,,0,,,"))
        .isEqualTo(new MonitorEvent.Label("r1", Instant.parse("2026-03-02T00:00:00Z"), "0"));
  }

  @Test
  void badLinesAreRefusedWithOneLineReasons() {
    EventParser json = EventParser.jsonLines();
    assertThatThrownBy(() -> json.parse("{\"id\": \"x\"")).hasMessage("not a JSON object");
    assertThatThrownBy(() -> json.parse("{\"id\": \"x\", \"ts\": \"yesterday\", \"label\": 1}"))
        .hasMessageContaining("not an ISO-8601 time");
    assertThatThrownBy(() -> json.parse("{\"id\": \"x\", \"ts\": \"2026-03-01T00:00:00Z\"}"))
        .hasMessageContaining("neither prediction nor label");
    assertThatThrownBy(
            () ->
                json.parse("{\"id\": \"x\", \"ts\": \"2026-03-01T00:00:00Z\", \"prediction\": 1}"))
        .hasMessageContaining("no features object");
    assertThatThrownBy(() -> EventParser.csv("id,prediction").parse("a,1"))
        .hasMessageContaining("no 'ts' column");
    assertThatThrownBy(() -> EventParser.csv("id,ts,prediction").parse("a,2026-03-01T00:00:00Z"))
        .hasMessageContaining("has 2 fields, the header 3");
  }
}
