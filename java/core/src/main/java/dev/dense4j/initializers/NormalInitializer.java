// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.initializers;

import dev.dense4j.config.ConfigReader;
import dev.dense4j.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The common part of {@link RandomNormal} and {@link TruncatedNormal}: a {@code mean} and a
 * {@code stddev} (Keras' defaults {@code 0.0} and {@code 0.05}), config
 * {@code {"seed", "mean", "stddev"}}, values drawn from one {@link RandomFill.Distribution}.
 */
abstract sealed class NormalInitializer extends RandomInitializer permits RandomNormal, TruncatedNormal {

  private final double mean;
  private final double stddev;
  private final RandomFill.Distribution distribution;

  /** With an int seed or a generator, at most one non-null (both null: unseeded). */
  NormalInitializer(double mean, double stddev, Long seed, SeedGenerator generator,
      RandomFill.Distribution distribution) {
    super(seed, generator);
    this.mean = mean;
    this.stddev = stddev;
    this.distribution = distribution;
    check();
  }

  private void check() {
    requireFinite(className(), "mean", mean);
    requireFinite(className(), "stddev", stddev);
    if (stddev < 0) {
      throw new IllegalArgumentException(className() + ": stddev must be >= 0; received stddev=" + stddev);
    }
  }

  public final double mean() {
    return mean;
  }

  public final double stddev() {
    return stddev;
  }

  @Override
  public final void initialize(Tensor target) {
    RandomFill.fill(target, nextStreamSeed(), distribution, mean, stddev);
  }

  @Override
  public final Map<String, Object> getConfig() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("seed", seedConfig());
    c.put("mean", mean);
    c.put("stddev", stddev);
    return c;
  }

  /** Reads {@code {"seed", "mean", "stddev"}} and calls the matching constructor. */
  static <T> T normalFromConfig(ConfigReader r, Factory<Long, T> bySeed, Factory<SeedGenerator, T> byGenerator) {
    r.checkKeys(List.of("seed", "mean", "stddev", "dtype"));
    double mean = r.getDouble("mean", 0.0);
    double stddev = r.getDouble("stddev", 0.05);
    return withSeed(readSeed(r), s -> bySeed.make(mean, stddev, s), g -> byGenerator.make(mean, stddev, g));
  }

  interface Factory<S, T> {
    T make(double mean, double stddev, S seed);
  }
}
