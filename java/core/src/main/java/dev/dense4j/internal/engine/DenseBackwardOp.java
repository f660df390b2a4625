// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.engine;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import dev.dense4j.internal.ActivationKind;
import dev.dense4j.internal.Kernels;
import dev.dense4j.tensor.Tensor;
import java.lang.foreign.MemorySegment;

/**
 * The backward pass of a Dense layer over rows, on tensors the caller owns and has checked:
 * <pre>
 *   dz = J_act(z)ᵀ·g        {@link #activation}
 *   dW = xᵀ·dz              {@link #kernelGradient}
 *   db = Σ_rows dz          {@link #biasGradient}
 *   dx = dz·Wᵀ              {@link #inputGradient}
 * </pre>
 * The forward half, which keeps {@code z} and {@code y}, is {@link DenseOp#forwardKeep}. Every
 * tensor is read from its first element, row-major, with {@code rows} rows of the named width.
 * Immutable; safe from any number of threads.
 */
public final class DenseBackwardOp {

  private final Kernels kernels;
  private final ActivationKind kind;
  private final float p0;
  private final float p1;
  private final float p2;
  private final int inputDim;
  private final int units;

  public DenseBackwardOp(Kernels kernels, ActivationKind kind, float p0, float p1, float p2, int inputDim,
      int units) {
    this.kernels = kernels;
    this.kind = kind;
    this.p0 = p0;
    this.p1 = p1;
    this.p2 = p2;
    this.inputDim = inputDim;
    this.units = units;
  }

  /** True when {@code dz} differs from {@code g} (every activation but linear). */
  public boolean hasActivation() {
    return kind != ActivationKind.LINEAR;
  }

  // dz = J_act(z)ᵀ·g (width units; g has the activation's output width)
  public void activation(long rows, Tensor z, Tensor y, Tensor g, Tensor dz) {
    if (rows > 0) {
      kernels.actBackward(kind, p0, p1, p2, rows, units, z.segment(), y.segment(), g.segment(), dz.segment());
    }
  }

  // dW = xᵀ·d, inputDim × units (zero for no rows)
  public void kernelGradient(long rows, Tensor x, Tensor d, Tensor dW) {
    if (rows > 0) {
      kernels.sgemm(true, false, inputDim, units, Math.toIntExact(rows), x.segment(), d.segment(), 0f, dW.segment());
    } else {
      dW.segment().asSlice(0, (long) inputDim * units * Float.BYTES).fill((byte) 0);
    }
  }

  // db = Σ_rows d
  public void biasGradient(long rows, Tensor d, Tensor db) {
    kernels.colSum(rows, units, rows == 0 ? MemorySegment.NULL : d.segment(), db.segment());
  }

  // dx = d·Wᵀ, rows × inputDim
  public void inputGradient(long rows, Tensor d, Tensor w, Tensor dx) {
    if (rows > 0) {
      kernels.sgemm(false, true, Math.toIntExact(rows), inputDim, units, d.segment(), w.segment(), 0f, dx.segment());
    }
  }

  /** {@code acc[0 … n) += g[0 … n)}. */
  public static void addInto(Tensor acc, Tensor g, long n) {
    MemorySegment a = acc.segment();
    MemorySegment b = g.segment();
    for (long i = 0; i < n; i++) {
      a.setAtIndex(JAVA_FLOAT, i, a.getAtIndex(JAVA_FLOAT, i) + b.getAtIndex(JAVA_FLOAT, i));
    }
  }
}
