// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.bench.layers;

import dev.dense4j.backend.Backend;
import dev.dense4j.initializers.GlorotUniform;
import dev.dense4j.layers.Dense;
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

/** Dense forward latency, {@code float[]} into a preallocated {@code float[]}. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// one fork: the natives make a fork's start slow, and 2 cores leave no room for parallel forks
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DenseForwardBenchmark {

  @Param({"1", "32"})
  int batch;

  @Param({"784"})
  int inputDim;

  @Param({"128"})
  int units;

  @Param({"relu"})
  String activation;

  @Param({"NATIVE"})
  Backend backend;

  Dense dense;
  float[] x;
  float[] y;
  int[] shape;

  @Setup(Level.Trial)
  public void setUp() {
    dense = Dense.builder(units).activation(activation).backend(backend)
        .kernelInitializer(new GlorotUniform(1L)).build().build(inputDim);
    SplittableRandom rng = new SplittableRandom(0);
    x = new float[batch * inputDim];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rng.nextDouble(-1, 1);
    }
    y = new float[batch * dense.outputWidth()];
    shape = new int[] {batch, inputDim};
  }

  @Benchmark
  public float[] forward() {
    dense.call(x, shape, y);
    return y;
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    float[] check = dense.call(x, shape);
    if (!java.util.Arrays.equals(check, y)) {
      throw new IllegalStateException("benchmark output differs from a fresh call");
    }
    dense.close();
  }
}
