// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dense4j.backend.Backend;
import dev.dense4j.tensor.Tensor;
import dev.dense4j.testing.TestBackends;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Dense forward against float64 math over batch, input width, units, rank and bias. */
class DenseForwardTest {

  /** Relative to the sum of |x·w| terms of each output, which bounds float32 GEMM rounding. */
  static final double RELATIVE = 2e-6;

  static Stream<Arguments> shapes() {
    List<Arguments> all = new ArrayList<>();
    TestBackends.all().forEach(b -> {
      for (int batch : new int[] {1, 3, 17, 64}) {
        for (int dIn : new int[] {1, 5, 64, 300}) {
          for (int units : new int[] {1, 7, 128}) {
            all.add(Arguments.of(b, batch, dIn, units));
          }
        }
      }
    });
    return all.stream();
  }

  @ParameterizedTest(name = "{0} batch={1} in={2} units={3}")
  @MethodSource("shapes")
  void matchesFloat64(Backend backend, int batch, int dIn, int units) {
    TestBackends.assumeAvailable(backend);
    SplittableRandom rng = new SplittableRandom(batch * 1_000_003L + dIn * 1009L + units);
    int[][] leading = {{batch}, {batch, 2}, {2, batch, 3}}; // ranks 2, 3 and 4
    for (boolean useBias : new boolean[] {true, false}) {
      try (Dense dense = Dense.builder(units).useBias(useBias).activation("tanh").backend(backend).build()) {
        dense.build(-1, dIn);
        float[] kernel = random(rng, dIn * units);
        float[] bias = random(rng, units);
        dense.setWeights(useBias ? List.of(kernel, bias) : List.of(kernel));
        for (int[] lead : leading) {
          int[] shape = new int[lead.length + 1];
          System.arraycopy(lead, 0, shape, 0, lead.length);
          shape[lead.length] = dIn;
          int rows = (int) (Tensor.elementCount(shape) / dIn);
          float[] x = random(rng, rows * dIn);
          float[] y = dense.call(x, shape);
          assertEquals(rows * units, y.length);
          for (int i = 0; i < rows; i++) {
            for (int j = 0; j < units; j++) {
              double acc = useBias ? bias[j] : 0;
              double mag = Math.abs(acc);
              for (int p = 0; p < dIn; p++) {
                acc += (double) x[i * dIn + p] * kernel[p * units + j];
                mag += Math.abs((double) x[i * dIn + p] * kernel[p * units + j]);
              }
              double want = Math.tanh(acc);
              // tanh' <= 1, so the pre-activation error bound carries over
              double tol = RELATIVE * mag + 4e-7 * Math.abs(want) + 1e-7;
              assertEquals(want, y[i * units + j], tol,
                  "row " + i + " col " + j + " shape " + java.util.Arrays.toString(shape) + " bias=" + useBias);
            }
          }
          // the Tensor path gives the same numbers
          try (Tensor tx = Tensor.of(x, shape); Tensor ty = dense.call(tx)) {
            int[] outShape = shape.clone();
            outShape[outShape.length - 1] = units;
            assertArrayEquals(outShape, ty.shape());
            assertArrayEquals(y, ty.toArray(), 1e-5f);
          }
        }
      }
    }
  }

  static float[] random(SplittableRandom rng, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) rng.nextDouble(-1, 1);
    }
    return a;
  }
}
