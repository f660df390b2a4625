// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.bench.models;

import dev.dense4j.backend.BlasThreading;
import dev.dense4j.initializers.GlorotUniform;
import dev.dense4j.layers.BatchNormalization;
import dev.dense4j.layers.Dense;
import dev.dense4j.models.Predictor;
import dev.dense4j.models.Sequential;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a BatchNormalization costs in a {@link Predictor}. {@code dense}: a Dense(linear) alone;
 * {@code dense+bn}: the same Dense followed by a BatchNormalization with trained-looking
 * statistics, which the plan folds into the Dense's kernel and bias, so the pair should cost what
 * the Dense costs; {@code relu} and {@code relu+bn}: a Dense(relu) alone and followed by a
 * BatchNormalization that cannot be folded (nothing linear on either side), the cost of the one
 * affine pass. One BLAS thread per call, as in a server. {@code @TearDown} checks each model's
 * output against its unfolded {@code Sequential.predict}. On a shared machine run the variants
 * alternately ({@code benchmarks/compare/folding.sh}) and compare medians.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// one fork: the natives make forks slow to start, and 2 cores leave no room for more
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class FoldedNormalizationBenchmark {

  @Param({"784-128", "256-256"})
  String widths;

  @Param({"1", "32"})
  int batch;

  @Param({"dense", "dense+bn", "relu", "relu+bn"})
  String variant;

  private Case model;

  @Setup(Level.Trial)
  public void setUp() {
    if (BlasThreading.scope() == BlasThreading.Scope.PROCESS) {
      BlasThreading.setProcessWide(1);
    }
    int[] w = Arrays.stream(widths.split("-")).mapToInt(Integer::parseInt).toArray();
    model = new Case(w, batch, variant.startsWith("relu") ? "relu" : "linear", variant.endsWith("+bn"));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    model.checkAndClose();
  }

  @Benchmark
  public float[] predict() {
    return model.predict();
  }

  /** One model: a Dense, optionally followed by a BatchNormalization; its predictor, input and output. */
  static final class Case {
    final Sequential sequential = new Sequential();
    final Predictor predictor;
    final float[] x;
    final float[] y;
    final int batch;

    Case(int[] w, int batch, String activation, boolean batchNorm) {
      SplittableRandom rng = new SplittableRandom(7);
      this.batch = batch;
      sequential.add(Dense.builder(w[1]).activation(activation).kernelInitializer(new GlorotUniform(42L)).build());
      BatchNormalization bn = null;
      if (batchNorm) {
        bn = new BatchNormalization();
        sequential.add(bn);
      }
      sequential.build(-1, w[0]);
      if (bn != null) {
        bn.setWeights(List.of(random(rng, w[1], 0.5, 2), random(rng, w[1], -1, 1), random(rng, w[1], -1, 1),
            random(rng, w[1], 0.2, 3)));
      }
      predictor = Predictor.of(sequential);
      x = random(rng, batch * w[0], -1, 1);
      y = new float[batch * w[1]];
    }

    float[] predict() {
      predictor.predict(x, batch, y);
      return y;
    }

    void checkAndClose() {
      float[] unfolded = sequential.predict(x, batch, x.length / batch);
      predictor.predict(x, batch, y);
      for (int i = 0; i < y.length; i++) {
        if (Math.abs(y[i] - unfolded[i]) > 1e-4 * (1 + Math.abs(unfolded[i]))) {
          throw new IllegalStateException("output " + i + " is " + y[i] + ", unfolded " + unfolded[i]);
        }
      }
      predictor.close();
      sequential.close();
    }
  }

  private static float[] random(SplittableRandom rng, int n, double lo, double hi) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) rng.nextDouble(lo, hi);
    }
    return a;
  }
}
