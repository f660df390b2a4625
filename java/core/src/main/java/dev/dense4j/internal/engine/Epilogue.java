// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.engine;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import dev.dense4j.activations.Activation;
import dev.dense4j.activations.BuiltinActivation;
import dev.dense4j.internal.ActivationKind;
import dev.dense4j.internal.Kernels;
import java.lang.foreign.MemorySegment;

/**
 * {@code y = act(z + bias)} over rows: the one place that chooses between the fused native pass
 * (built-in activations) and bias-then-Java (custom activations), and that narrows the rows when
 * the activation halves them ({@code glu}). Immutable; safe from any number of threads.
 */
public final class Epilogue {

  private final Kernels kernels;
  private final Activation activation;
  private final BuiltinActivation builtin; // null for a custom activation
  private final int cols;
  private final int outCols;

  /**
   * @param cols values per row before the activation
   * @throws IllegalArgumentException when the activation cannot take rows of {@code cols} values
   *     (glu on an odd width)
   */
  public Epilogue(Kernels kernels, Activation activation, int cols) {
    this.kernels = kernels;
    this.activation = activation;
    this.builtin = activation instanceof BuiltinActivation a ? a : null;
    this.cols = cols;
    this.outCols = activation.outputWidth(cols);
  }

  /** Values per row before the activation. */
  public int cols() {
    return cols;
  }

  /** Values per row after the activation. */
  public int outCols() {
    return outCols;
  }

  /** True when the activation writes fewer values per row than it reads (glu). */
  public boolean narrows() {
    return outCols != cols;
  }

  // y = act(z + bias): z (m × cols) is overwritten; the result rows are packed into y (m × outCols),
  // which may be z itself
  public void apply(long m, MemorySegment z, MemorySegment bias, MemorySegment y, Workspace ws) {
    if (m == 0 || cols == 0) {
      return;
    }
    if (builtin != null) {
      kernels.biasAct(builtin.kind(), builtin.p0(), builtin.p1(), builtin.p2(), m, cols, z, bias);
    } else {
      if (bias != null) {
        kernels.biasAct(ActivationKind.LINEAR, 0f, 0f, 0f, m, cols, z, bias);
      }
      applyCustom(m, z, ws);
    }
    if (narrows()) {
      packRows(m, z, y);
    }
  }

  /**
   * Training's forward: {@code z += bias} stays the pre-activation and {@code y = act(z)}, in one
   * native pass that keeps each block of rows in cache. {@code y} has room for {@code m × cols}
   * values; the result rows are packed to {@code outCols} values each. Built-in activations only;
   * {@code y} may be {@code z} itself for {@code linear}.
   */
  public void applyKeep(long m, MemorySegment z, MemorySegment bias, MemorySegment y) {
    if (m == 0 || cols == 0) {
      return;
    }
    if (y == z) { // linear training keeps one buffer: z + bias is already the output
      kernels.biasAct(builtin.kind(), builtin.p0(), builtin.p1(), builtin.p2(), m, cols, z, bias);
      return;
    }
    kernels.biasActKeep(builtin.kind(), builtin.p0(), builtin.p1(), builtin.p2(), m, cols, z, y, bias);
    if (narrows()) {
      packRows(m, y, y);
    }
  }

  // a custom activation works on float[] rows: a copy of the rows in the workspace's heap array
  // (asking a heap segment for its array would allocate an Optional per call)
  private void applyCustom(long m, MemorySegment z, Workspace ws) {
    int n = Math.toIntExact(m * cols);
    float[] h = ws.heap(n);
    MemorySegment.copy(z, JAVA_FLOAT, 0, h, 0, n);
    activation.apply(h, 0, (int) m, cols);
    MemorySegment.copy(h, 0, z, JAVA_FLOAT, 0, n);
  }

  // row i's first outCols values move from z[i · cols] to y[i · outCols]; front to back, so y may be z
  private void packRows(long m, MemorySegment z, MemorySegment y) {
    long rowBytes = (long) outCols * Float.BYTES;
    for (long i = 0; i < m; i++) {
      MemorySegment.copy(z, i * cols * Float.BYTES, y, i * rowBytes, rowBytes);
    }
  }
}
