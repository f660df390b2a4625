// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.bench.layers;

import dev.dense4j.bench.impl.DenseImpl;
import dev.dense4j.bench.impl.DenseImpl.Problem;

/** Fails a benchmark whose implementation computed something else than dense4j did. */
final class OutputCheck {

  private OutputCheck() {}

  static void againstDense4j(String impl, Problem p, float[] got) {
    float[] want;
    try (DenseImpl d = DenseImpl.create("dense4j", p)) {
      d.run();
      want = d.output();
    }
    if (want.length != got.length) {
      throw new IllegalStateException(impl + ": " + got.length + " outputs, dense4j has " + want.length);
    }
    for (int i = 0; i < want.length; i++) {
      if (Math.abs(want[i] - got[i]) > 1e-3 * (1 + Math.abs(want[i]))) {
        throw new IllegalStateException(impl + " differs from dense4j at " + i + ": " + got[i] + " vs " + want[i]);
      }
    }
  }
}
