// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.bench.impl;

/**
 * One way to compute {@code y = act(x · W + b)} for a batch of rows, set up once and run many
 * times. Inputs are the same seeded values for every implementation.
 */
public interface DenseImpl extends AutoCloseable {

  /** Computes the layer into the implementation's own output buffer. */
  void run();

  /** A copy of the last output, row-major, for the self-check. */
  float[] output();

  /** False for an implementation that computes {@code x · W} only, without bias and activation. */
  default boolean addsBiasAndActivation() {
    return true;
  }

  @Override
  void close();

  /** Shapes and seeded data shared by every implementation. */
  record Problem(int batch, int inputDim, int units, String activation, float[] x, float[] kernel, float[] bias) {

    public static Problem of(int batch, String shape, String activation) {
      String[] p = shape.split("x");
      int in = Integer.parseInt(p[0]);
      int units = Integer.parseInt(p[1]);
      java.util.SplittableRandom rng = new java.util.SplittableRandom(42);
      return new Problem(batch, in, units, activation, fill(rng, batch * in, 1),
          fill(rng, in * units, Math.sqrt(6.0 / (in + units))), fill(rng, units, 0.1));
    }

    private static float[] fill(java.util.SplittableRandom rng, int n, double scale) {
      float[] a = new float[n];
      for (int i = 0; i < n; i++) {
        a[i] = (float) (rng.nextDouble(-1, 1) * scale);
      }
      return a;
    }
  }

  /** The implementations by benchmark parameter name. */
  static DenseImpl create(String name, Problem p) {
    return switch (name) {
      case "dense4j" -> new Dense4jImpl(p, false);
      case "dense4j_tensor" -> new Dense4jImpl(p, true);
      case "raw_blas" -> new RawBlasImpl(p);
      case "java_loop" -> new JavaLoopImpl(p);
      case "vector_api" -> new VectorApiImpl(p);
      case "tensorflow" -> new TensorFlowImpl(p);
      default -> throw new IllegalArgumentException("unknown implementation " + name);
    };
  }
}
