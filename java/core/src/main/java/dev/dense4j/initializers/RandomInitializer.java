// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.initializers;

import dev.dense4j.config.ConfigReader;
import dev.dense4j.config.KerasObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * The base of the seeded initializers, with Keras 3's seed rules:
 *
 * <ul>
 *   <li>an int seed: every call gives the same values, and so does a copy made from the config;
 *   <li>no seed: a seed in {@code [1, 1e9]} is drawn once, when the instance is made, so one
 *       instance gives the same values on every call while two instances (or a copy from the
 *       config, which stores {@code seed: null}) differ;
 *   <li>a {@link SeedGenerator}: the seed advances on every call.
 * </ul>
 *
 * <p>Reproducibility: the values depend only on the seed and the shape, through a generator
 * written out in this package, so a seed gives the same float32 bits on every run, JDK and
 * platform:
 *
 * <ol>
 *   <li>the stream seed is {@code mix64(seed)} for an int seed (or the drawn one), or the
 *       generator's next draw; {@code mix64} is SplitMix64's finaliser
 *       ({@code z ^= z >>> 30; z *= 0xBF58476D1CE4E5B9; z ^= z >>> 27; z *= 0x94D049BB133111EB;
 *       z ^= z >>> 31});
 *   <li>the flat row-major elements are cut into blocks of 4096; block {@code b} draws from a
 *       SplitMix64 generator with state {@code mix64(streamSeed + (b + 1)·γ)},
 *       {@code γ = 0x9E3779B97F4A7C15} (each draw: {@code state += γ; return mix64(state)});
 *   <li>a uniform double is {@code (draw >>> 11)·2⁻⁵³}; a uniform value on {@code [lo, hi)} is
 *       {@code (float) (lo + (hi − lo)·u)}; normal values come in pairs from Marsaglia's polar
 *       method ({@code u, v} uniform on (−1, 1), {@code s = u² + v²} redrawn unless in (0, 1),
 *       {@code f = sqrt(−2·StrictMath.log(s)/s)}, values {@code u·f} then {@code v·f}), each
 *       becoming {@code (float) (mean + sd·z)}; a truncated normal skips any {@code |z| > 2}.
 * </ol>
 *
 * Keras' own random streams differ per backend and cannot be reproduced; the conformance
 * contract with Keras is statistical (bounds, mean, standard deviation).
 */
public abstract class RandomInitializer implements Initializer {

  private final Long seed;
  private final SeedGenerator generator;
  private final long fixedSeed;

  /** With an int seed, or none ({@code null}: drawn now, once). */
  protected RandomInitializer(Long seed) {
    this(seed, null);
  }

  /** With a stateful generator; {@code null} means no seed. */
  protected RandomInitializer(SeedGenerator generator) {
    this(null, generator);
  }

  /**
   * With an int seed or a generator, at most one of them non-null (both null: a seed drawn now,
   * once), for subclasses that take either through one constructor.
   */
  RandomInitializer(Long seed, SeedGenerator generator) {
    this.seed = seed;
    this.generator = generator;
    this.fixedSeed = generator != null ? 0
        : seed != null ? seed : ThreadLocalRandom.current().nextLong(1, 1_000_000_001L);
  }

  /** The int seed given at construction, or null (none, or a generator). */
  public final Long seed() {
    return seed;
  }

  /** The generator given at construction, or null. */
  public final SeedGenerator seedGenerator() {
    return generator;
  }

  /** The seed of the next fill's stream: fixed, or the generator's next draw. */
  protected final long nextStreamSeed() {
    return generator != null ? generator.nextSeed() : SplitMix64.mix(fixedSeed);
  }

  /** The {@code seed} config value: the int, the generator's envelope, or null. */
  protected final Object seedConfig() {
    if (generator != null) {
      return new KerasObject("keras.random", "SeedGenerator", generator.getConfig(), null).toMap();
    }
    return seed;
  }

  /** Reads the {@code seed} config value (null, an int, or a serialized SeedGenerator). */
  static Object readSeed(ConfigReader r) {
    Object v = r.raw("seed");
    if (v == null) {
      return null;
    }
    if (v instanceof Map<?, ?> m) {
      KerasObject o = KerasObject.parse(r.owner(), m);
      if (!o.className().equals("SeedGenerator")) {
        throw r.fail("seed", "must be an integer, null or a SeedGenerator", v);
      }
      ConfigReader g = new ConfigReader("SeedGenerator", o.config());
      g.checkKeys(List.of("seed", "name"));
      Long s = g.getNullableLong("seed");
      return new SeedGenerator(s != null ? s : ThreadLocalRandom.current().nextLong(1, 1_000_000_001L));
    }
    return r.getNullableLong("seed");
  }

  /** Calls the seed or the generator constructor, as the value read by {@link #readSeed} asks. */
  static <T> T withSeed(Object seed, Function<Long, T> bySeed,
      Function<SeedGenerator, T> byGenerator) {
    return seed instanceof SeedGenerator g ? byGenerator.apply(g) : bySeed.apply((Long) seed);
  }

  static void requireFinite(String owner, String arg, double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException(owner + ": " + arg + " must be finite; received " + arg + "=" + v);
    }
  }

  @Override
  public String toString() {
    return className() + getConfig();
  }
}
