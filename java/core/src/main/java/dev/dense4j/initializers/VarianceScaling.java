// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.initializers;

import dev.dense4j.config.ConfigReader;
import dev.dense4j.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Keras' {@code VarianceScaling(scale=1.0, mode="fan_in", distribution="truncated_normal",
 * seed=None, input_axes=None, output_axes=None)} ({@code "variance_scaling"}): values with variance
 * {@code v = scale / n}, where {@code n} is {@code max(1, fan_in)}, {@code max(1, fan_out)} or
 * {@code max(1, (fan_in + fan_out) / 2)} for the three modes (fans by {@link Fans}).
 *
 * <ul>
 *   <li>{@code truncated_normal}: normal with mean 0 and {@code stddev = sqrt(v) / 0.8796…},
 *       truncated at ±2·stddev, so the values' standard deviation is {@code sqrt(v)};
 *   <li>{@code untruncated_normal}: normal with {@code stddev = sqrt(v)};
 *   <li>{@code uniform}: {@code U[−limit, limit)} with {@code limit = sqrt(3·v)}.
 * </ul>
 *
 * {@code distribution} is lower-cased and {@code "normal"} means {@code "truncated_normal"}.
 * Config {@code {"seed", "scale", "mode", "distribution", "input_axes", "output_axes"}}. The
 * Glorot, He and Lecun initializers are presets of this class. Seeds as in {@link RandomInitializer}.
 */
public class VarianceScaling extends RandomInitializer {

  /** The standard deviation of a unit normal truncated to [−2, 2]. */
  public static final double TRUNCATED_UNIT_STDDEV = 0.87962566103423978;

  private static final List<String> MODES = List.of("fan_in", "fan_out", "fan_avg");
  private static final List<String> DISTRIBUTIONS = List.of("truncated_normal", "untruncated_normal", "uniform");

  private final double scale;
  private final String mode;
  private final String distribution;
  private final int[] inputAxes;
  private final int[] outputAxes;

  /** Keras' defaults, unseeded. */
  public VarianceScaling() {
    this(1.0, "fan_in", "truncated_normal", (Long) null, null, null);
  }

  public VarianceScaling(double scale, String mode, String distribution, Long seed) {
    this(scale, mode, distribution, seed, null, null);
  }

  /**
   * @param scale the scaling factor; finite and {@code > 0}
   * @param mode {@code fan_in}, {@code fan_out} or {@code fan_avg}
   * @param distribution {@code truncated_normal} ({@code normal}), {@code untruncated_normal} or
   *     {@code uniform}, in any case
   * @param seed an int seed, or null for one drawn now
   * @param inputAxes the axes whose sizes multiply to {@code fan_in}, or null (by rank)
   * @param outputAxes the axes whose sizes multiply to {@code fan_out}, or null (by rank)
   */
  public VarianceScaling(double scale, String mode, String distribution, Long seed, int[] inputAxes,
      int[] outputAxes) {
    this(scale, mode, distribution, seed, null, inputAxes, outputAxes);
  }

  /** As the {@code Long} form, with a stateful seed. */
  public VarianceScaling(double scale, String mode, String distribution, SeedGenerator seed,
      int[] inputAxes, int[] outputAxes) {
    this(scale, mode, distribution, null, seed, inputAxes, outputAxes);
  }

  private VarianceScaling(double scale, String mode, String distribution, Long seed,
      SeedGenerator generator, int[] inputAxes, int[] outputAxes) {
    super(seed, generator);
    this.scale = checkScale(scale);
    this.mode = checkMode(mode);
    this.distribution = checkDistribution(distribution);
    this.inputAxes = inputAxes == null ? null : inputAxes.clone();
    this.outputAxes = outputAxes == null ? null : outputAxes.clone();
  }

  private static double checkScale(double scale) {
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("VarianceScaling: scale must be a positive finite number; received scale=" + scale);
    }
    return scale;
  }

  private static String checkMode(String mode) {
    if (!MODES.contains(mode)) {
      throw new IllegalArgumentException("VarianceScaling: mode must be one of fan_in, fan_out, fan_avg; received mode=" + mode);
    }
    return mode;
  }

  private static String checkDistribution(String distribution) {
    String d = distribution == null ? null : distribution.toLowerCase(Locale.ROOT);
    if ("normal".equals(d)) {
      d = "truncated_normal";
    }
    if (!DISTRIBUTIONS.contains(d)) {
      throw new IllegalArgumentException("VarianceScaling: distribution must be one of truncated_normal, "
          + "untruncated_normal, uniform (or normal); received distribution=" + distribution);
    }
    return d;
  }

  public final double scale() {
    return scale;
  }

  public final String mode() {
    return mode;
  }

  public final String distribution() {
    return distribution;
  }

  public final int[] inputAxes() {
    return inputAxes == null ? null : inputAxes.clone();
  }

  public final int[] outputAxes() {
    return outputAxes == null ? null : outputAxes.clone();
  }

  @Override
  public String className() {
    return "VarianceScaling";
  }

  @Override
  public final void initialize(Tensor target) {
    Fans f = Fans.of(target.shape(), inputAxes, outputAxes);
    double n = switch (mode) {
      case "fan_in" -> Math.max(1.0, f.fanIn());
      case "fan_out" -> Math.max(1.0, f.fanOut());
      default -> Math.max(1.0, (f.fanIn() + f.fanOut()) / 2.0);
    };
    double v = scale / n;
    long seed = nextStreamSeed();
    switch (distribution) {
      case "truncated_normal" -> RandomFill.fill(target, seed, RandomFill.Distribution.TRUNCATED_NORMAL, 0,
          Math.sqrt(v) / TRUNCATED_UNIT_STDDEV);
      case "untruncated_normal" -> RandomFill.fill(target, seed, RandomFill.Distribution.NORMAL, 0, Math.sqrt(v));
      default -> {
        double limit = Math.sqrt(3.0 * v);
        RandomFill.fill(target, seed, RandomFill.Distribution.UNIFORM, -limit, limit);
      }
    }
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("seed", seedConfig());
    c.put("scale", scale);
    c.put("mode", mode);
    c.put("distribution", distribution);
    c.put("input_axes", axesConfig(inputAxes));
    c.put("output_axes", axesConfig(outputAxes));
    return c;
  }

  /** The config of the presets: {@code {"seed", "input_axes", "output_axes"}}. */
  final Map<String, Object> presetConfig() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("seed", seedConfig());
    c.put("input_axes", axesConfig(inputAxes));
    c.put("output_axes", axesConfig(outputAxes));
    return c;
  }

  static List<Integer> axesConfig(int[] axes) {
    return axes == null ? null : IntStream.of(axes).boxed().toList();
  }

  static VarianceScaling fromConfig(ConfigReader r) {
    r.checkKeys(List.of("seed", "scale", "mode", "distribution", "input_axes", "output_axes", "dtype"));
    double scale = r.getDouble("scale", 1.0);
    String mode = r.getString("mode", "fan_in");
    String dist = r.getString("distribution", "truncated_normal");
    int[] in = r.getIntOrList("input_axes");
    int[] out = r.getIntOrList("output_axes");
    return withSeed(readSeed(r), s -> new VarianceScaling(scale, mode, dist, s, in, out),
        g -> new VarianceScaling(scale, mode, dist, g, in, out));
  }

  /** Reads a preset's config keys and calls its constructors. */
  static <T> T presetFromConfig(ConfigReader r, PresetFactory<T> bySeed,
      GeneratorFactory<T> byGenerator) {
    r.checkKeys(List.of("seed", "input_axes", "output_axes", "dtype"));
    int[] in = r.getIntOrList("input_axes");
    int[] out = r.getIntOrList("output_axes");
    return withSeed(readSeed(r), s -> bySeed.make(s, in, out), g -> byGenerator.make(g, in, out));
  }

  interface PresetFactory<T> {
    T make(Long seed, int[] inputAxes, int[] outputAxes);
  }

  interface GeneratorFactory<T> {
    T make(SeedGenerator seed, int[] inputAxes, int[] outputAxes);
  }
}
