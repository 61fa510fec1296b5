package dev.assay.core.monitor;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A prediction's feature values as an event reader made them: a read-only view of a map the reader
 * filled and handed over, so {@link MonitorEvent.Prediction} takes it without a copy (any other map
 * it is given is copied). Only readers in this package make one, from a map no one else holds.
 */
final class ReadFeatures extends AbstractMap<String, Object> {
  private final Map<String, Object> values;

  /** Takes {@code filled}: the caller must not keep or change it. */
  ReadFeatures(LinkedHashMap<String, Object> filled) {
    this.values = filled;
  }

  @Override
  public Object get(Object key) {
    return values.get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return values.containsKey(key);
  }

  @Override
  public int size() {
    return values.size();
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return Collections.unmodifiableMap(values).entrySet();
  }
}
