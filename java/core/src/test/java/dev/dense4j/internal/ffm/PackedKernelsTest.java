// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dense4j.backend.Backend;
import dev.dense4j.backend.Precision;
import dev.dense4j.internal.ActivationKind;
import dev.dense4j.internal.Kernels;
import dev.dense4j.internal.ffm.bindings.Dense4jH;
import dev.dense4j.internal.reference.ReferenceKernels;
import dev.dense4j.testing.TestBackends;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The packed kernels of every ISA level (forced through dense4j_testing.h) and precision against
 * the pure-Java reference of the same formula, on shapes that are not multiples of the tiles.
 */
class PackedKernelsTest {

  /** fp32 and bf16: the same products summed in float32 (native) or float64 (reference). */
  static final double SUM_TOLERANCE = 2e-5;
  /** int8: the same exact integer accumulator and float scale; only the activation may differ. */
  static final double INT8_TOLERANCE = 1e-6;

  static Stream<Arguments> levels() {
    return IntStream.rangeClosed(1, 5).boxed()
        .flatMap(isa -> Stream.of(Precision.values()).map(p -> Arguments.of(isa, p)));
  }

  @ParameterizedTest(name = "isa {0}, {1}")
  @MethodSource("levels")
  void everyLevelComputesTheReferenceFormula(int isa, Precision precision) {
    TestBackends.assumeAvailable(Backend.NATIVE);
    NativeKernels kernels = new NativeKernels(isa);
    boolean supported = Dense4jH.d4j_isa_supported(isa) != 0;
    SplittableRandom rng = new SplittableRandom(42);
    for (int m : new int[] {1, 7, 33}) {
      for (int k : new int[] {13, 64}) {
        for (int n : new int[] {2, 37, 38}) {
          for (ActivationKind act : new ActivationKind[] {ActivationKind.LINEAR, ActivationKind.RELU,
              ActivationKind.GELU, ActivationKind.SOFTMAX, ActivationKind.GLU}) {
            if (!supported) {
              IllegalStateException e = assertThrows(IllegalStateException.class,
                  () -> run(kernels, precision, act, 1, 4, 2, new SplittableRandom(1)));
              assertTrue(e.getMessage().startsWith("D4J_ERR_UNSUPPORTED_CPU from d4j_packed_dense"), e.getMessage());
              return;
            }
            if (act == ActivationKind.GLU && n % 2 != 0) {
              continue; // glu halves the row: even widths only
            }
            long seed = rng.nextLong();
            float[] got = run(kernels, precision, act, m, k, n, new SplittableRandom(seed));
            float[] want = run(ReferenceKernels.INSTANCE, precision, act, m, k, n, new SplittableRandom(seed));
            double tol = precision == Precision.INT8 ? INT8_TOLERANCE : SUM_TOLERANCE;
            int width = act == ActivationKind.GLU ? n / 2 : n;
            for (int i = 0; i < m; i++) {
              for (int j = 0; j < width; j++) {
                float w = want[i * n + j];
                assertEquals(w, got[i * n + j], tol * (1 + Math.abs(w)),
                    precision + " isa " + isa + " " + act + " m=" + m + " k=" + k + " n=" + n + " at " + i + "," + j);
              }
            }
          }
        }
      }
    }
  }

  // y = act(x · W + b) through kernels' own packing; x in [-2, 2), W in [-0.5, 0.5)
  private static float[] run(Kernels kernels, Precision p, ActivationKind act, int m, int k, int n,
      SplittableRandom rng) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment x = fill(arena, m * k, rng, 2);
      MemorySegment w = fill(arena, k * n, rng, 0.5);
      MemorySegment b = fill(arena, n, rng, 1);
      MemorySegment packed = arena.allocate(kernels.packedSize(p, k, n), 64);
      kernels.pack(p, k, n, w, packed);
      long sb = kernels.packedScratchSize(p, m, k);
      MemorySegment scratch = sb == 0 ? null : arena.allocate(sb, 64);
      MemorySegment y = arena.allocate((long) m * n * Float.BYTES, 64);
      kernels.packedDense(p, act, 0f, act == ActivationKind.RELU ? Float.POSITIVE_INFINITY : 0f, 0f, m, k, n, x,
          packed, b, y, scratch);
      return y.toArray(ValueLayout.JAVA_FLOAT);
    }
  }

  private static MemorySegment fill(Arena arena, int n, SplittableRandom rng, double scale) {
    MemorySegment s = arena.allocate((long) n * Float.BYTES, 64);
    for (int i = 0; i < n; i++) {
      s.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) ((rng.nextDouble() * 2 - 1) * scale));
    }
    return s;
  }
}
