// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.bench.layers;

import dev.dense4j.bench.impl.DenseImpl.Problem;

/**
 * Fails a benchmark whose implementation computed something else than {@code act(x · W + b)}
 * (or {@code x · W} for one that leaves out the epilogue), judged against {@link Float64Reference}.
 */
final class OutputCheck {

  private OutputCheck() {}

  static void againstFloat64(String impl, Problem p, boolean epilogue, float[] got) {
    Float64Reference ref = Float64Reference.of(p, epilogue);
    double[] want = ref.y();
    if (want.length != got.length) {
      throw new IllegalStateException(impl + ": " + got.length + " outputs; the float64 reference has " + want.length);
    }
    int worst = 0;
    double worstRatio = 0;
    for (int i = 0; i < want.length; i++) {
      double ratio = Math.abs(got[i] - want[i]) / ref.tolerance()[i];
      if (!(ratio <= 1)) { // NaN fails too
        throw new IllegalStateException(impl + " (" + p.batch() + "x" + p.inputDim() + "->" + p.units() + " "
            + (epilogue ? p.activation() : "x·W only") + ") differs from the float64 reference at row " + i / p.units()
            + ", column " + i % p.units() + ": " + got[i] + " vs " + want[i] + ", tolerance " + ref.tolerance()[i]);
      }
      if (ratio > worstRatio) {
        worstRatio = ratio;
        worst = i;
      }
    }
    System.out.printf("%n%s: output matches the float64 reference; largest error %.3g (%.1f%% of its tolerance %.3g)%n",
        impl, Math.abs(got[worst] - want[worst]), 100 * worstRatio, ref.tolerance()[worst]);
  }
}
