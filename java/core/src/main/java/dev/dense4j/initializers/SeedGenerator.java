// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.initializers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keras' {@code keras.random.SeedGenerator}: a stateful seed that advances on every draw, so an
 * initializer given one produces different values on each call (an int seed, or none, gives the
 * same values on every call).
 *
 * <p>Draw {@code k} (0, 1, 2, …) of a generator made with seed {@code s} is the stream seed
 * {@code SplitMix64.mix(s + (k + 1) · 0x9E3779B97F4A7C15)}; see {@link RandomInitializer} for how a
 * stream seed becomes values. Thread-safe.
 */
public final class SeedGenerator {

  private final long seed;
  private final AtomicLong draws = new AtomicLong();

  public SeedGenerator(long seed) {
    this.seed = seed;
  }

  /** The seed this generator was made with. */
  public long seed() {
    return seed;
  }

  /** The next stream seed; advances the state. */
  public long nextSeed() {
    long k = draws.getAndIncrement();
    return SplitMix64.mix(seed + (k + 1) * SplitMix64.GOLDEN_GAMMA);
  }

  /** Keras' config: {@code {"seed": s}}. */
  public Map<String, Object> getConfig() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("seed", seed);
    return c;
  }

  @Override
  public String toString() {
    return "SeedGenerator(seed=" + seed + ")";
  }
}
