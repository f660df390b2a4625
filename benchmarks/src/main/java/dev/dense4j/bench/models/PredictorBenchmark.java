// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.bench.models;

import dev.dense4j.backend.BlasThreading;
import dev.dense4j.initializers.GlorotUniform;
import dev.dense4j.layers.Dense;
import dev.dense4j.models.Predictor;
import dev.dense4j.models.Sequential;
import dev.dense4j.tensor.Tensor;
import java.util.Arrays;
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
 * {@link Predictor} latency on the MNIST-sized MLP 784 → 128 relu → 10 softmax and on the wide
 * layer 3000 → 128, through the {@code float[]} and {@code Tensor} forms. Run with {@code -t N} for
 * N concurrent callers on one shared predictor and with {@code -prof gc}: {@code gc.alloc.rate.norm}
 * is the bytes allocated per call (≈ 0). BLAS calls run on one thread each, as in a server.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// one fork: the natives make forks slow to start, and 2 cores leave no room for more
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PredictorBenchmark {

  /** One predictor shared by every benchmark thread, as in a server. */
  @State(Scope.Benchmark)
  public static class Shared {
    @Param({"784-128-10", "3000-128"})
    String widths;

    Predictor predictor;

    @Setup(Level.Trial)
    public void setUp() {
      if (BlasThreading.scope() == BlasThreading.Scope.PROCESS) {
        BlasThreading.setProcessWide(1); // one BLAS thread per call, as dense4j serve sets it
      }
      int[] w = Arrays.stream(widths.split("-")).mapToInt(Integer::parseInt).toArray();
      try (Sequential model = new Sequential()) {
        for (int i = 1; i < w.length; i++) {
          String act = i == w.length - 1 ? (w.length > 2 ? "softmax" : "linear") : "relu";
          model.add(Dense.builder(w[i]).activation(act).kernelInitializer(new GlorotUniform(42L + i)).build());
        }
        model.build(-1, w[0]);
        predictor = Predictor.of(model);
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      predictor.close();
    }
  }

  /** Each thread's own input and output. */
  @State(Scope.Thread)
  public static class Io {
    @Param({"1", "32"})
    int batch;

    float[] x;
    float[] y;
    Tensor tx;
    Tensor ty;

    @Setup(Level.Trial)
    public void setUp(Shared s) {
      SplittableRandom rng = new SplittableRandom(7);
      x = new float[batch * s.predictor.inputWidth()];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) rng.nextDouble();
      }
      y = new float[batch * s.predictor.outputWidth()];
      tx = Tensor.of(x, batch, s.predictor.inputWidth());
      ty = Tensor.zeros(batch, s.predictor.outputWidth());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      tx.close();
      ty.close();
    }
  }

  @Benchmark
  public float[] arrays(Shared s, Io io) {
    s.predictor.predict(io.x, io.batch, io.y);
    return io.y;
  }

  @Benchmark
  public Tensor tensors(Shared s, Io io) {
    s.predictor.predict(io.tx, io.ty);
    return io.ty;
  }
}
