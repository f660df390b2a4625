// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.regularizers;

import dev.dense4j.backend.Backend;
import dev.dense4j.internal.Backends;
import dev.dense4j.tensor.Tensor;
import java.util.Arrays;

/** The shared L1/L2 arithmetic of the built-ins, on a backend's kernels. */
final class Penalties {

  private Penalties() {}

  static void requireFactor(String owner, String arg, double v) {
    if (!Double.isFinite(v) || v < 0) {
      throw new IllegalArgumentException(owner + ": " + arg + " must be a finite number >= 0; received "
          + arg + "=" + v);
    }
  }

  // l1·Σ|x| + l2·Σx² (a term with a zero factor is skipped)
  static double l1l2(float l1, float l2, Tensor x, Backend backend) {
    if (x.size() == 0) {
      return 0;
    }
    return Backends.kernels(backend).l1l2Penalty(l1, l2, rows(x), cols(x), x.segment());
  }

  // grad += l1·sign(x) + 2·l2·x
  static void l1l2Gradient(String owner, float l1, float l2, Tensor x, Tensor grad, Backend backend) {
    checkSameShape(owner, x, grad);
    if (x.size() == 0) {
      return;
    }
    Backends.kernels(backend).l1l2GradAcc(l1, l2, rows(x), cols(x), x.segment(), grad.segment());
  }

  static void checkSameShape(String owner, Tensor x, Tensor grad) {
    if (!Arrays.equals(x.shape(), grad.shape())) {
      throw new IllegalArgumentException(owner + ": grad must have the shape of x " + Arrays.toString(x.shape())
          + "; received shape " + Arrays.toString(grad.shape()));
    }
  }

  /** The tensor seen as a matrix: all leading axes flattened into rows. */
  static long rows(Tensor x) {
    return x.rank() == 0 ? 1 : x.size() / x.dim(-1);
  }

  static int cols(Tensor x) {
    return x.rank() == 0 ? 1 : x.dim(-1);
  }
}
