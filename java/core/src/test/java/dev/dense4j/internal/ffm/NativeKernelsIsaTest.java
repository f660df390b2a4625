// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dense4j.backend.Backend;
import dev.dense4j.internal.ActivationKind;
import dev.dense4j.internal.ffm.bindings.Dense4jH;
import dev.dense4j.testing.TestBackends;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Forced ISA levels, through the test hook of dense4j_testing.h, against the best level. */
class NativeKernelsIsaTest {

  static final float TOLERANCE = 4e-6f;

  @ParameterizedTest(name = "isa {0}")
  @ValueSource(ints = {1, 2, 3, 4, 5})
  void everySupportedLevelComputesWhatTheBestOneDoes(int isa) {
    TestBackends.assumeAvailable(Backend.NATIVE);
    int m = 3;
    int n = 37;
    SplittableRandom rng = new SplittableRandom(42);
    float[] x = new float[m * n];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rng.nextDouble(-4, 4);
    }
    float[] bias = new float[n];
    bias[1] = 0.5f;
    for (ActivationKind kind : new ActivationKind[] {ActivationKind.RELU, ActivationKind.TANH,
        ActivationKind.SIGMOID, ActivationKind.SOFTMAX}) {
      float[] best = x.clone();
      new NativeKernels().biasAct(kind, 0, Float.POSITIVE_INFINITY, 0, m, n,
          MemorySegment.ofArray(best), MemorySegment.ofArray(bias));
      float[] forced = x.clone();
      NativeKernels kernels = new NativeKernels(isa);
      if (Dense4jH.d4j_isa_supported(isa) == 0) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> kernels.biasAct(kind,
            0, Float.POSITIVE_INFINITY, 0, m, n, MemorySegment.ofArray(forced), MemorySegment.ofArray(bias)));
        assertTrue(e.getMessage().startsWith("D4J_ERR_UNSUPPORTED_CPU from d4j_f32_bias_act"), e.getMessage());
        return;
      }
      kernels.biasAct(kind, 0, Float.POSITIVE_INFINITY, 0, m, n, MemorySegment.ofArray(forced),
          MemorySegment.ofArray(bias));
      for (int i = 0; i < best.length; i++) {
        assertEquals(best[i], forced[i], TOLERANCE * Math.max(1, Math.abs(best[i])), kind + " at " + i);
      }
    }
  }

  @ParameterizedTest(name = "isa code {0}")
  @ValueSource(ints = {-1, 6, 99})
  void anUnknownLevelIsTheTenthArgument(int isa) {
    TestBackends.assumeAvailable(Backend.NATIVE);
    float[] y = new float[4];
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> new NativeKernels(isa)
        .biasAct(ActivationKind.RELU, 0, Float.POSITIVE_INFINITY, 0, 1, 4, MemorySegment.ofArray(y), null));
    assertTrue(e.getMessage().startsWith("D4J_ERR_INVALID_ARGUMENT (argument 10)"), e.getMessage());
  }
}
