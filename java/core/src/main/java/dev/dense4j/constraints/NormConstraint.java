// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.constraints;

import dev.dense4j.config.ConfigReader;
import dev.dense4j.internal.WeightOps;
import dev.dense4j.tensor.Tensor;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The constraints that rescale each slice of a weight by a function of its L2 norm
 * {@code N = sqrt(Σ_axis w²)}: {@link MaxNorm}, {@link MinMaxNorm}, {@link UnitNorm}.
 *
 * <p>{@code axis} is an int or a list of ints (negative ones count from the end), the axes the
 * norm runs along: for a Dense kernel {@code (input_dim, units)} Keras' default {@code axis=0}
 * gives one norm per unit (a column), {@code axis=1} one per input (a row). Keras adds
 * ε = 1e-7 to every norm, so a slice already inside the bounds is still scaled by
 * {@code N/(N+ε)} and an all-zero slice stays zero.
 *
 * <p>Any set of adjacent axes runs on the backend's kernels (natively on the native backend);
 * other sets of axes run in float64 Java.
 */
public abstract sealed class NormConstraint implements Constraint permits MaxNorm, MinMaxNorm, UnitNorm {

  private final int[] axes;
  private final boolean axisIsList;

  NormConstraint(int[] axes, boolean axisIsList) {
    this.axes = axes.clone();
    this.axisIsList = axisIsList;
  }

  abstract double minNorm();

  abstract double maxNorm();

  abstract double rate();

  /** The axes as given. */
  public final int[] axes() {
    return axes.clone();
  }

  /** The {@code axis} config value: an int, or a list when one was given. */
  final Object axisConfig() {
    return axisIsList ? IntStream.of(axes).boxed().toList() : (Object) axes[0];
  }

  /** Projects {@code w} on the preferred backend; an optimizer runs it on its own backend. */
  @Override
  public final void apply(Tensor w) {
    WeightOps.standalone().apply(this, w);
  }

  /** Reads {@code axis} (int or list; absent or null → 0). */
  static int[] readAxis(ConfigReader r) {
    int[] a = r.getIntOrList("axis");
    return a == null ? new int[] {0} : a;
  }

  static void requireFinite(String owner, String arg, double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException(owner + ": " + arg + " must be finite; received " + arg + "=" + v);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NormConstraint n && n.getClass() == getClass() && Arrays.equals(n.axes, axes)
        && n.axisIsList == axisIsList && Double.compare(n.minNorm(), minNorm()) == 0
        && Double.compare(n.maxNorm(), maxNorm()) == 0 && Double.compare(n.rate(), rate()) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(axes) + getClass().hashCode();
  }

  @Override
  public String toString() {
    return className() + getConfig();
  }
}
