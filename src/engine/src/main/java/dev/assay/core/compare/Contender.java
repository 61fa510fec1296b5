package dev.assay.core.compare;

import dev.assay.core.inference.ExecutionProvider;
import dev.assay.core.model.ModelVersion;

/** One model version on one execution provider, as it takes part in a comparison. */
public record Contender(ModelVersion model, ExecutionProvider provider) {
  public Contender {
    if (provider == null) {
      provider = ExecutionProvider.AUTO;
    }
  }

  /** {@code NAME:VERSION}, with {@code @provider} when the provider was chosen. */
  public String label() {
    return provider == ExecutionProvider.AUTO ? model.ref() : model.ref() + "@" + provider.id();
  }
}
