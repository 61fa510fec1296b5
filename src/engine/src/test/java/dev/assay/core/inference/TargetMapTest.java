package dev.assay.core.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.core.AssayException;
import dev.assay.core.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetMapTest {
  @Test
  void parsesValueEqualsClassPairsAndMapsOnlyThoseValues() {
    TargetMap map = TargetMap.parse(" neg = 0 , pos=1");

    assertThat(map.values()).containsExactly(Map.entry("neg", "0"), Map.entry("pos", "1"));
    assertThat(map.apply("pos")).isEqualTo("1");
    assertThat(map.apply(" neg ")).isEqualTo("0");
    assertThat(map.apply("maybe")).isEqualTo("maybe");
    assertThat(map.toString()).isEqualTo("neg=0,pos=1");
  }

  @Test
  void refusesEntriesWithoutAnEqualsSignAndValuesMappedTwice() {
    assertThatThrownBy(() -> TargetMap.parse("neg:0"))
        .isInstanceOf(AssayException.class)
        .hasMessageContaining("VALUE=CLASS");
    assertThatThrownBy(() -> TargetMap.parse("a=0,a=1"))
        .isInstanceOf(AssayException.class)
        .hasMessageContaining("'a' twice");
  }

  @Test
  void readsTheModelMetadataAsAJsonObjectOfStringsOrNumbers() {
    TargetMap map = TargetMap.fromJson(Json.newMapper(), "{\"no\": 0, \"yes\": \"1\"}");

    assertThat(map.values()).containsExactly(Map.entry("no", "0"), Map.entry("yes", "1"));
    assertThatThrownBy(() -> TargetMap.fromJson(Json.newMapper(), "[1, 2]"))
        .isInstanceOf(AssayException.class)
        .hasMessageContaining("assay.target_map");
  }

  @Test
  void theObviousMapPairsTwoValuesWithTwoClassesInSortedOrderAndNothingElse() {
    assertThat(TargetMap.obvious(List.of("pos", "neg"), List.of("0", "1")).toString())
        .isEqualTo("neg=0,pos=1");
    assertThat(TargetMap.obvious(List.of("2", "1"), List.of("1", "0")).toString())
        .isEqualTo("1=0,2=1");
    assertThat(TargetMap.obvious(List.of("a", "b", "c"), List.of("0", "1")).isEmpty()).isTrue();
  }
}
