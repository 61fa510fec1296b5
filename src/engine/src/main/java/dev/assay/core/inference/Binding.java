package dev.assay.core.inference;

import java.util.ArrayList;
import java.util.List;

/**
 * Which dataset columns feed which model inputs. A tabular model with one {@code [N, F]} input has
 * one entry with F columns in input order; a model with one input per column (the skl2onnx layout)
 * has one entry per input, each with one column.
 */
public record Binding(List<InputBinding> inputs) {
  public Binding {
    inputs = List.copyOf(inputs);
  }

  /**
   * One model input.
   *
   * @param elementType the input's element type ({@code float}, {@code double}, {@code int64},
   *     {@code int32}, {@code string})
   * @param rank 1 for {@code [N]}, 2 for {@code [N, F]}
   * @param fixedBatch the input's fixed batch size (e.g. 1 for {@code [1, 13]}), or 0 when dynamic
   */
  public record InputBinding(
      String input, String elementType, int rank, int fixedBatch, List<String> columns) {
    public InputBinding {
      columns = List.copyOf(columns);
    }
  }

  /** All bound columns in input order. */
  public List<String> columns() {
    List<String> all = new ArrayList<>();
    inputs.forEach(i -> all.addAll(i.columns()));
    return all;
  }

  /** The batch size every input accepts: the smallest fixed batch, or 0 when all are dynamic. */
  public int fixedBatch() {
    return inputs.stream().mapToInt(InputBinding::fixedBatch).filter(b -> b > 0).min().orElse(0);
  }
}
