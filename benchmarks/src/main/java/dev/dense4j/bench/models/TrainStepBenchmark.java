// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.bench.models;

import dev.dense4j.backend.Backend;
import dev.dense4j.initializers.GlorotUniform;
import dev.dense4j.layers.Dense;
import dev.dense4j.losses.SparseCategoricalCrossentropy;
import dev.dense4j.models.Sequential;
import dev.dense4j.optimizers.Adam;
import dev.dense4j.tensor.Tensor;
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
 * One training step of a 784→256 relu→10 softmax MLP on a batch of 128 (MNIST-sized): forward,
 * sparse categorical cross-entropy fused with the softmax, backward, one Adam update with its
 * fused kernel — {@code Sequential.trainOnBatch}, on the native backend and the pure-Java one.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// one fork: the natives make a fork's start slow, and 2 cores leave no room for parallel forks
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TrainStepBenchmark {

  @Param({"128"})
  int batch;

  @Param({"784"})
  int inputDim;

  @Param({"256"})
  int hidden;

  @Param({"NATIVE", "REFERENCE"})
  Backend backend;

  Sequential model;
  Tensor x;
  Tensor y;
  double firstLoss;

  @Setup(Level.Trial)
  public void setUp() {
    model = new Sequential();
    model.add(Dense.builder(hidden).activation("relu").kernelInitializer(new GlorotUniform(1L)).backend(backend).build());
    model.add(Dense.builder(10).activation("softmax").kernelInitializer(new GlorotUniform(2L)).backend(backend).build());
    model.build(-1, inputDim);
    model.compile(Adam.builder().backend(backend).build(), new SparseCategoricalCrossentropy());
    SplittableRandom rng = new SplittableRandom(0);
    float[] xs = new float[batch * inputDim];
    float[] ys = new float[batch];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = (float) rng.nextDouble();
    }
    for (int i = 0; i < ys.length; i++) {
      ys[i] = rng.nextInt(10);
    }
    x = Tensor.of(xs, batch, inputDim);
    y = Tensor.of(ys, batch);
    firstLoss = model.trainOnBatch(x, y); // allocates the step's buffers outside the measurement
  }

  @Benchmark
  public double trainStep() {
    return model.trainOnBatch(x, y);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    double loss = model.trainOnBatch(x, y);
    if (!(loss < firstLoss)) {
      throw new IllegalStateException("training on one batch did not lower its loss: " + firstLoss + " -> " + loss);
    }
    model.close();
    x.close();
    y.close();
  }
}
