package dev.assay.ui.compare;

import java.lang.reflect.Field;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Keeps ChartFX's grid-line patterns cached. ChartFX (11.3) draws every grid line with a pattern
 * image, which it caches in a {@code WeakHashMap} keyed by a freshly boxed {@code Integer}. Nothing
 * else holds that key, so every garbage collection empties the cache, and the next redraw of each
 * chart builds its patterns again, each with a new {@code Scene} and a snapshot on the FX thread: a
 * few milliseconds added to a frame, again and again while a comparison allocates. Holding the keys
 * keeps the patterns for as long as this object lives.
 *
 * <p>The cache is a private field of ChartFX, read by reflection; with a ChartFX that has no such
 * field this does nothing, and the charts work as before.
 */
final class GridPatterns {
  /** More distinct grid styles than any screen of ours draws: a bound, should keys ever vary. */
  private static final int MAX_KEYS = 256;

  private final Map<?, ?> cache;
  private final Set<Object> keys = new HashSet<>();

  GridPatterns() {
    cache = find();
  }

  private static Map<?, ?> find() {
    try {
      Field field =
          Class.forName("io.fair_acc.chartfx.renderer.spi.utils.DashPatternStyle")
              .getDeclaredField("dashHashMap");
      field.setAccessible(true);
      return field.get(null) instanceof Map<?, ?> map ? map : null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /** Whether ChartFX's cache was found (false: {@link #retain} does nothing). */
  boolean active() {
    return cache != null;
  }

  /**
   * Holds the keys of the patterns ChartFX has cached so far; call on the FX thread (where ChartFX
   * draws) after charts have drawn. Cheap: a size check unless a pattern was added.
   */
  void retain() {
    if (cache != null && cache.size() > keys.size() && keys.size() < MAX_KEYS) {
      keys.addAll(cache.keySet());
    }
  }
}
