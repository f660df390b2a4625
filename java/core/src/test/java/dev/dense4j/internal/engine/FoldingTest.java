// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dense4j.backend.Backend;
import dev.dense4j.internal.Backends;
import dev.dense4j.internal.norm.ChannelAffine;
import dev.dense4j.layers.BatchNormalization;
import dev.dense4j.layers.Dense;
import dev.dense4j.layers.Dropout;
import dev.dense4j.layers.Layer;
import dev.dense4j.layers.Normalization;
import dev.dense4j.layers.Rescaling;
import dev.dense4j.testing.TestBackends;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Folding a per-channel affine layer into a Dense (snapshot plans) against the unfolded live plan:
 * the folded plan has fewer stages, and each output is within the bound AffineFolds states,
 * {@code 2·γ(k+3)·Σ|terms|} with {@code u = 2⁻²⁴}, the terms taken in float64 from the weights.
 */
class FoldingTest {

  private static final double U = 0x1p-24;

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (Named<Backend> b : TestBackends.all().toList()) {
      for (int k : new int[] {1, 7, 13, 257}) {
        for (String where : new String[] {"after", "before", "before-no-bias", "normalization", "rescaling"}) {
          out.add(Arguments.of(b, k, where));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} k={1} {2}")
  @MethodSource("cases")
  void foldedPlanIsWithinRoundingOfTheUnfoldedOne(Backend backend, int k, String where) {
    TestBackends.assumeAvailable(backend);
    SplittableRandom rng = new SplittableRandom(k * 7L + where.hashCode());
    int units = 9;
    int batch = 5;
    boolean after = where.equals("after");
    Dense dense = Dense.builder(units).backend(backend).useBias(!where.equals("before-no-bias")).build();
    int affineWidth = after ? units : k;
    Layer affine = switch (where) {
      case "normalization" -> Normalization.builder().meanAndVariance(random(rng, k, -2, 2), random(rng, k, 0.1, 4)).build();
      case "rescaling" -> new Rescaling(1 / 255f, -0.5f);
      default -> BatchNormalization.builder().epsilon(1e-3).build();
    };
    List<Layer> layers = after ? List.of(dense, affine) : List.of(affine, new Dropout(0.3f), dense);
    dense.build(-1, k);
    affine.build(-1, affineWidth);
    dense.setWeights(dense.useBias() ? List.of(random(rng, k * units, -1, 1), random(rng, units, -1, 1))
        : List.of(random(rng, k * units, -1, 1)));
    if (affine instanceof BatchNormalization bn) {
      bn.setWeights(List.of(random(rng, affineWidth, 0.2, 3), random(rng, affineWidth, -1, 1),
          random(rng, affineWidth, -1, 1), random(rng, affineWidth, 0.05, 4)));
    }
    float[] x = random(rng, batch * k, -3, 3);
    var kernels = Backends.kernels(backend);
    Plan folded = PlanCompiler.snapshot("test", layers, new int[] {k}, kernels, 16, 1);
    Plan live = PlanCompiler.live("test", layers, new int[] {k}, kernels, 16, 1);
    try {
      assertEquals(1, folded.stageCount(), "the affine layer is folded into the Dense");
      assertEquals(2, live.stageCount(), "a live plan folds nothing");
      float[] yf = new float[batch * units];
      float[] yl = new float[batch * units];
      folded.run(x, batch, yf);
      live.run(x, batch, yl);
      float[] st = ChannelAffine.packed(affine, affineWidth);
      float[] w = dense.getWeights().get(0);
      float[] b = dense.useBias() ? dense.getWeights().get(1) : new float[units];
      double gamma = (k + 3) * U / (1 - (k + 3) * U);
      for (int r = 0; r < batch; r++) {
        for (int j = 0; j < units; j++) {
          double terms = 0;
          for (int i = 0; i < k; i++) {
            double xi = x[r * k + i];
            terms += after ? Math.abs(xi * w[i * units + j] * st[j])
                : Math.abs(xi * st[i] * w[i * units + j]) + Math.abs(st[k + i] * w[i * units + j]);
          }
          terms += after ? Math.abs(b[j] * st[j]) + Math.abs(st[units + j]) : Math.abs(b[j]);
          double diff = Math.abs(yf[r * units + j] - yl[r * units + j]);
          assertTrue(diff <= 2 * gamma * terms, "output [" + r + ", " + j + "]: folded " + yf[r * units + j]
              + ", unfolded " + yl[r * units + j] + ", difference " + diff + " > bound " + 2 * gamma * terms);
        }
      }
    } finally {
      folded.free();
      live.free();
      dense.close();
      affine.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void affineLayersThatCannotFoldRunAsOnePass(Backend backend) {
    TestBackends.assumeAvailable(backend);
    SplittableRandom rng = new SplittableRandom(5);
    // relu before, nothing after: no Dense to fold into
    Dense dense = Dense.builder(6).activation("relu").backend(backend).build();
    BatchNormalization bn = new BatchNormalization();
    List<Layer> layers = List.of(dense, bn);
    dense.build(-1, 4);
    bn.build(-1, 6);
    bn.setWeights(List.of(random(rng, 6, 0.5, 2), random(rng, 6, -1, 1), random(rng, 6, -1, 1), random(rng, 6, 0.5, 2)));
    Plan folded = PlanCompiler.snapshot("test", layers, new int[] {4}, Backends.kernels(backend), 16, 1);
    Plan live = PlanCompiler.live("test", layers, new int[] {4}, Backends.kernels(backend), 16, 1);
    try {
      assertEquals(2, folded.stageCount());
      float[] x = random(rng, 3 * 4, -2, 2);
      float[] yf = new float[18];
      float[] yl = new float[18];
      folded.run(x, 3, yf);
      live.run(x, 3, yl);
      org.junit.jupiter.api.Assertions.assertArrayEquals(yl, yf, 0f); // the same pass with the same scales
    } finally {
      folded.free();
      live.free();
      dense.close();
      bn.close();
    }
  }

  static float[] random(SplittableRandom rng, int n, double lo, double hi) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) rng.nextDouble(lo, hi);
    }
    return a;
  }
}
