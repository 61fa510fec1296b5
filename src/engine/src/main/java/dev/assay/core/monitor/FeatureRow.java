package dev.assay.core.monitor;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A prediction's feature values as an event reader made them, without a map per event: the names in
 * a {@link Schema} shared by every event of a stream that names the same features in the same
 * order, the numbers in a {@code double[]} (no boxing), text and nulls apart. A read-only {@link
 * Map} of name to {@link Double}, {@link String} or null, equal to (and printed as) the {@link
 * LinkedHashMap} the reader would otherwise have filled; a window's evaluation reads it by index
 * ({@link #indexOf}, {@link #number}, {@link #other}) instead of by name.
 */
final class FeatureRow extends AbstractMap<String, Object> {
  /** Marks a feature whose value is JSON null (missing). */
  static final Object NULL = new Object();

  /** Feature names in event order, distinct, and their positions. */
  static final class Schema {
    final String[] names;
    private final HashMap<String, Integer> index;

    Schema(String[] names) {
      this.names = names;
      this.index = HashMap.newHashMap(names.length);
      for (int i = 0; i < names.length; i++) {
        if (index.put(names[i], i) != null) {
          throw new IllegalArgumentException("repeated feature " + names[i]);
        }
      }
    }

    /** The position of {@code name}, or -1. */
    int indexOf(Object name) {
      Integer i = index.get(name);
      return i == null ? -1 : i;
    }

    int size() {
      return names.length;
    }
  }

  private final Schema schema;
  private final double[] numbers;

  /** Null when every value is a number; else per feature null (a number), a String or NULL. */
  private final Object[] others;

  /** Takes the arrays (the caller must not keep or change them). */
  FeatureRow(Schema schema, double[] numbers, Object[] others) {
    this.schema = schema;
    this.numbers = numbers;
    this.others = others;
  }

  /** A row holding {@code values} (Double, String or null), in the map's order. */
  static FeatureRow of(LinkedHashMap<String, Object> values) {
    String[] names = values.keySet().toArray(new String[0]);
    double[] numbers = new double[names.length];
    Object[] others = null;
    int i = 0;
    for (Object v : values.values()) {
      if (v instanceof Double d) {
        numbers[i] = d;
      } else {
        if (others == null) {
          others = new Object[names.length];
        }
        others[i] = v == null ? NULL : v;
        numbers[i] = Double.NaN;
      }
      i++;
    }
    return new FeatureRow(new Schema(names), numbers, others);
  }

  Schema schema() {
    return schema;
  }

  /** The number at {@code i}, or NaN when the value there is text or null (see {@link #other}). */
  double number(int i) {
    return numbers[i];
  }

  /** Null when the value at {@code i} is a number; else its text, or {@link #NULL}. */
  Object other(int i) {
    return others == null ? null : others[i];
  }

  private Object value(int i) {
    Object o = other(i);
    return o == null ? (Object) numbers[i] : o == NULL ? null : o;
  }

  @Override
  public Object get(Object key) {
    int i = schema.indexOf(key);
    return i < 0 ? null : value(i);
  }

  @Override
  public boolean containsKey(Object key) {
    return schema.indexOf(key) >= 0;
  }

  @Override
  public int size() {
    return schema.size();
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return schema.size();
      }

      @Override
      public Iterator<Entry<String, Object>> iterator() {
        return new Iterator<>() {
          private int i;

          @Override
          public boolean hasNext() {
            return i < schema.size();
          }

          @Override
          public Entry<String, Object> next() {
            if (i >= schema.size()) {
              throw new NoSuchElementException();
            }
            int at = i++;
            return new SimpleImmutableEntry<>(schema.names[at], value(at));
          }
        };
      }
    };
  }
}
