// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.engine;

import dev.dense4j.activations.Activation;
import dev.dense4j.internal.Kernels;
import dev.dense4j.tensor.Tensor;
import java.lang.foreign.MemorySegment;

/**
 * An activation over rows without a GEMM, {@code y = act(x)}: the activation layers ({@code
 * Activation}, {@code ReLU}, {@code Softmax}, …) and their predictor stages. The epilogue is the
 * same as a Dense layer's, without a bias. Immutable; safe from any number of threads.
 */
public final class ActivationOp {

  private final Epilogue epilogue;

  /** @throws IllegalArgumentException when the activation cannot take rows of {@code cols} values */
  public ActivationOp(Kernels kernels, Activation activation, int cols) {
    this.epilogue = new Epilogue(kernels, activation, cols);
  }

  public int cols() {
    return epilogue.cols();
  }

  public int outWidth() {
    return epilogue.outCols();
  }

  /** A layer's call on arrays ({@code x} may be {@code y}: in place), with a workspace from {@code pool}. */
  public void call(WorkspacePool pool, long m, float[] x, float[] y) {
    if (m == 0 || epilogue.cols() == 0) {
      return;
    }
    Workspace ws = pool.acquire();
    try {
      MemorySegment sx = ws.inputView(x);
      forward(m, sx, x == y ? sx : ws.outputView(y), ws);
    } finally {
      pool.release(ws);
    }
  }

  /** A layer's call on tensors. */
  public void call(WorkspacePool pool, long m, Tensor x, Tensor y) {
    call(pool, m, x.segment(), y.segment());
  }

  private void call(WorkspacePool pool, long m, MemorySegment x, MemorySegment y) {
    if (m == 0 || epilogue.cols() == 0) {
      return;
    }
    Workspace ws = pool.acquire();
    try {
      forward(m, x, y, ws);
    } finally {
      pool.release(ws);
    }
  }

  // y = act(x) over m rows: x is m × cols (left unchanged unless it is y), y is m × outWidth
  public void forward(long m, MemorySegment x, MemorySegment y, Workspace ws) {
    if (m == 0) {
      return;
    }
    long bytes = m * epilogue.cols() * Float.BYTES;
    MemorySegment z = epilogue.narrows() ? ws.spare(m * epilogue.cols()) : y;
    if (!sameStart(x, z)) {
      MemorySegment.copy(x, 0, z, 0, bytes);
    }
    epilogue.apply(m, z, null, y, ws);
  }

  // true when a and b start at the same place; without allocating unless two distinct views of
  // one heap array do (asOverlappingSlice answers a shared Optional.empty() for unrelated segments)
  private static boolean sameStart(MemorySegment a, MemorySegment b) {
    if (a == b) {
      return true;
    }
    if (a.isNative() || b.isNative()) {
      return a.isNative() && b.isNative() && a.address() == b.address();
    }
    return a.address() == b.address() && a.asOverlappingSlice(b).isPresent();
  }
}
