// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.bench.kernels;

import dev.dense4j.activations.Activations;
import dev.dense4j.activations.BuiltinActivation;
import dev.dense4j.internal.ffm.NativeKernels;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
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
 * The fused bias + activation epilogue alone over a 256×1024 output (1 MiB read and written), per
 * ISA level of libdense4j, against a plain Java loop with {@link Math} (libm-grade) functions. The
 * report turns µs/op into GB/s of output.
 *
 * <p>The same buffer is activated again on every call; the input is re-seeded every iteration so
 * repeated squashing (tanh of tanh …) does not drift into denormals.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ActivationEpilogueBenchmark {

  static final int ROWS = 256;
  static final int COLS = 1024;

  @Param({"relu", "sigmoid", "tanh", "gelu", "softmax"})
  String activation;

  /** {@code avx512}, {@code avx2}, {@code portable} (libdense4j) or {@code java} (plain loop). */
  @Param({"avx512", "avx2", "portable", "java"})
  String isa;

  Arena arena;
  MemorySegment y;
  MemorySegment bias;
  float[] heapY;
  float[] heapBias;
  float[] seed;
  BuiltinActivation act;
  NativeKernels kernels;

  @Setup(Level.Trial)
  public void setUp() {
    act = (BuiltinActivation) Activations.get(activation);
    arena = Arena.ofConfined();
    y = arena.allocate((long) ROWS * COLS * Float.BYTES, 64);
    bias = arena.allocate((long) COLS * Float.BYTES, 64);
    SplittableRandom rng = new SplittableRandom(3);
    seed = new float[ROWS * COLS];
    for (int i = 0; i < seed.length; i++) {
      seed[i] = (float) rng.nextDouble(-4, 4);
    }
    heapBias = new float[COLS];
    for (int j = 0; j < COLS; j++) {
      heapBias[j] = (float) rng.nextDouble(-0.1, 0.1);
      bias.setAtIndex(ValueLayout.JAVA_FLOAT, j, heapBias[j]);
    }
    heapY = new float[ROWS * COLS];
    int code = switch (isa) {
      case "avx512" -> 3;
      case "avx2" -> 2;
      case "portable" -> 1;
      case "java" -> 0;
      default -> throw new IllegalArgumentException("isa " + isa);
    };
    kernels = code == 0 ? null : new NativeKernels(code);
  }

  @Setup(Level.Iteration)
  public void reseed() {
    MemorySegment.copy(seed, 0, y, ValueLayout.JAVA_FLOAT, 0, seed.length);
    System.arraycopy(seed, 0, heapY, 0, seed.length);
  }

  @Benchmark
  public void epilogue() {
    if (kernels != null) {
      kernels.biasAct(act.kind(), act.p0(), act.p1(), act.p2(), ROWS, COLS, y, bias);
    } else {
      JavaEpilogue.biasAct(activation, heapY, heapBias, ROWS, COLS);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    arena.close();
  }
}
