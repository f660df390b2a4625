// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.engine;

import dev.dense4j.activations.Activation;
import dev.dense4j.internal.Kernels;
import dev.dense4j.tensor.Tensor;
import java.lang.foreign.MemorySegment;

/**
 * The forward pass of a Dense layer, {@code y = act(x · W + b)} over rows: the one place that
 * picks GEMV (one row) or GEMM, where the GEMM writes (the output itself, or a wider scratch row
 * when the activation narrows it), and the epilogue. Layer calls, predictor stages and training
 * all run through it. Immutable; safe from any number of threads.
 */
public final class DenseOp {

  private final Kernels kernels;
  private final int inputDim;
  private final int units;
  private final Epilogue epilogue;
  private final int blasThreads;

  /**
   * @param blasThreads the cap on BLAS threads per call ({@link Integer#MAX_VALUE}: the library's cap)
   * @throws IllegalArgumentException when the activation cannot take {@code units} values (glu, odd)
   */
  public DenseOp(Kernels kernels, int inputDim, int units, Activation activation, int blasThreads) {
    this.kernels = kernels;
    this.inputDim = inputDim;
    this.units = units;
    this.epilogue = new Epilogue(kernels, activation, units);
    this.blasThreads = blasThreads;
  }

  public int inputDim() {
    return inputDim;
  }

  public int units() {
    return units;
  }

  /** Values per output row: {@code units}, or {@code units / 2} for glu. */
  public int outWidth() {
    return epilogue.outCols();
  }

  public Kernels kernels() {
    return kernels;
  }

  // y = act(x · w + b) over m rows: x is m × inputDim, y is m × outWidth, b is null without bias
  public void forward(long m, MemorySegment x, MemorySegment w, MemorySegment b, MemorySegment y, Workspace ws) {
    if (m == 0) {
      return;
    }
    MemorySegment z = epilogue.narrows() ? ws.spare(m * units) : y;
    gemm(m, x, w, z);
    epilogue.apply(m, z, b, y, ws);
  }

  /** A layer's call on arrays: {@code y = act(x · w + b)} over m rows, with a workspace from {@code pool}. */
  public void call(WorkspacePool pool, long m, float[] x, Tensor w, Tensor b, float[] y) {
    if (m == 0) {
      return;
    }
    Workspace ws = pool.acquire();
    try {
      forward(m, ws.inputView(x), w.segment(), b == null ? null : b.segment(), ws.outputView(y), ws);
    } finally {
      pool.release(ws);
    }
  }

  /** A layer's call on tensors. */
  public void call(WorkspacePool pool, long m, Tensor x, Tensor w, Tensor b, Tensor y) {
    call(pool, m, x.segment(), w, b, y.segment());
  }

  private void call(WorkspacePool pool, long m, MemorySegment x, Tensor w, Tensor b, MemorySegment y) {
    if (m == 0) {
      return;
    }
    Workspace ws = pool.acquire();
    try {
      forward(m, x, w.segment(), b == null ? null : b.segment(), y, ws);
    } finally {
      pool.release(ws);
    }
  }

  // training: z = x · w + b is kept (m × units), y = act(z) (room for m × units, packed to outWidth)
  public void forwardKeep(long m, Tensor x, Tensor w, Tensor b, Tensor z, Tensor y) {
    if (m == 0) {
      return;
    }
    gemm(m, x.segment(), w.segment(), z.segment());
    epilogue.applyKeep(m, z.segment(), b == null ? null : b.segment(), y.segment());
  }

  private void gemm(long m, MemorySegment x, MemorySegment w, MemorySegment z) {
    if (m == 1) {
      kernels.sgemv(units, inputDim, x, w, z, blasThreads);
    } else {
      kernels.sgemm(Math.toIntExact(m), units, inputDim, x, w, z, blasThreads);
    }
  }
}
