// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.initializers;

import dev.dense4j.tensor.Tensor;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/** The initializer registry: Keras names (class name and snake_case) resolved to instances. */
public final class Initializers {

  private Initializers() {}

  private static final Map<String, Supplier<Initializer>> BY_NAME = Map.of(
      "Zeros", Zeros::new, "zeros", Zeros::new,
      "Ones", Ones::new, "ones", Ones::new,
      "GlorotUniform", () -> new GlorotUniform(null), "glorot_uniform", () -> new GlorotUniform(null));

  /** Resolves a Keras initializer name with default parameters. */
  public static Initializer get(String name) {
    Supplier<Initializer> s = BY_NAME.get(name);
    if (s == null) {
      throw new IllegalArgumentException("Unknown initializer '" + name + "'; known: "
          + String.join(", ", new TreeSet<>(BY_NAME.keySet())));
    }
    return s.get();
  }

  public static Set<String> names() {
    return new TreeSet<>(BY_NAME.keySet());
  }

  /** All zeros. */
  public record Zeros() implements Initializer {
    @Override
    public String className() {
      return "Zeros";
    }

    @Override
    public void initialize(Tensor target) {
      target.segment().fill((byte) 0);
    }
  }

  /** All ones. */
  public record Ones() implements Initializer {
    @Override
    public String className() {
      return "Ones";
    }

    @Override
    public void initialize(Tensor target) {
      for (long i = 0; i < target.size(); i++) {
        target.setFlat(i, 1f);
      }
    }
  }

  /**
   * Uniform on {@code [-limit, limit)} with {@code limit = sqrt(6 / (fan_in + fan_out))}. Without a
   * seed, one is drawn at construction, so an instance always produces the same values (Keras 3).
   */
  public record GlorotUniform(Long seed, long effectiveSeed) implements Initializer {
    public GlorotUniform(Long seed) {
      this(seed, seed != null ? seed : ThreadLocalRandom.current().nextLong(1, 1_000_000_001L));
    }

    @Override
    public String className() {
      return "GlorotUniform";
    }

    @Override
    public void initialize(Tensor target) {
      int[] s = target.shape();
      long fanIn;
      long fanOut;
      if (s.length == 2) {
        fanIn = s[0];
        fanOut = s[1];
      } else if (s.length == 1) {
        fanIn = fanOut = s[0];
      } else if (s.length == 0) {
        fanIn = fanOut = 1;
      } else {
        long r = 1;
        for (int i = 0; i < s.length - 2; i++) {
          r *= s[i];
        }
        fanIn = s[s.length - 2] * r;
        fanOut = s[s.length - 1] * r;
      }
      double limit = Math.sqrt(3.0 / Math.max(1.0, (fanIn + fanOut) / 2.0)); // VarianceScaling(1, fan_avg)
      SplittableRandom rng = new SplittableRandom(effectiveSeed);
      for (long i = 0; i < target.size(); i++) {
        target.setFlat(i, (float) ((rng.nextDouble() * 2 - 1) * limit));
      }
    }
  }
}
