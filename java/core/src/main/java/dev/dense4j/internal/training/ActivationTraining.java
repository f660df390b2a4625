// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.training;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import dev.dense4j.activations.Activation;
import dev.dense4j.activations.BuiltinActivation;
import dev.dense4j.internal.Kernels;
import dev.dense4j.internal.engine.Epilogue;
import dev.dense4j.tensor.Tensor;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Training of an activation layer ({@code Activation}, {@code ReLU}, {@code LeakyReLU},
 * {@code ELU}, {@code Softmax}) over the last axis:
 * <pre>
 *   y  = act(x)            the forward epilogue of a Dense layer without a bias (x is kept)
 *   dx = J_act(x)ᵀ·dy      the backward kernel of a Dense layer's activation
 * </pre>
 * so the numbers are those of a linear Dense layer followed by the activation, on the same backend.
 * A custom activation trains when it supplies its derivative ({@link Activation#hasDerivative()}):
 * its {@code apply} and {@code backward} run on heap copies of the rows.
 */
public final class ActivationTraining extends WeightlessTraining {

  private final Kernels kernels;
  private final BuiltinActivation activation; // null for a custom activation with a derivative
  private final Activation custom;
  private final float[] zHeap; // the custom path's rows: inputs, outputs, gradients
  private final float[] yHeap;
  private final float[] gHeap;
  private final Epilogue epilogue;
  private final int cols;
  private final long maxRows;
  private final MemorySegment y;
  private final MemorySegment dx;
  private MemorySegment input;
  private long rows;
  private int[] viewShape;
  private Tensor outView;
  private Tensor dxView;

  /**
   * @throws IllegalArgumentException for a custom activation (no derivative), glu on an odd width,
   *     or a maximum shape that is not concrete
   */
  public ActivationTraining(Kernels kernels, Activation activation, String owner, int[] maxInputShape) {
    super(owner);
    if (!(activation instanceof BuiltinActivation) && !activation.hasDerivative()) {
      throw new IllegalArgumentException(owner + ": training needs the derivative of custom activation '"
          + activation.name() + "' (implement Activation.hasDerivative() and backward()); received activation="
          + activation.name());
    }
    if (maxInputShape.length < 1) {
      throw new IllegalArgumentException(owner + ": expected a maximum input shape of rank >= 1; received shape []");
    }
    this.kernels = kernels;
    this.activation = activation instanceof BuiltinActivation b ? b : null;
    this.custom = this.activation == null ? activation : null;
    this.cols = maxInputShape[maxInputShape.length - 1];
    this.epilogue = new Epilogue(kernels, activation, cols); // throws for glu on an odd width
    long values = maxValues(maxInputShape);
    this.maxRows = cols == 0 ? 0 : values / cols;
    this.y = buffer(values); // full width: the epilogue packs glu's rows in place
    this.dx = buffer(values);
    int heap = custom == null ? 0 : Math.toIntExact(values);
    this.zHeap = new float[heap];
    this.yHeap = new float[heap];
    this.gHeap = new float[heap];
  }

  @Override
  public Tensor forward(Tensor in) {
    ensureOpen();
    int[] shape = in.shape();
    long m = cols == 0 ? 0 : in.size() / cols;
    if (in.rank() < 1 || in.dim(-1) != cols || m > maxRows) {
      throw new IllegalArgumentException(owner + ": this training session takes up to " + maxRows + " rows of " + cols
          + " values; received shape " + Arrays.toString(shape));
    }
    int[] out = shape.clone();
    out[out.length - 1] = epilogue.outCols();
    forwarded(shape, out);
    input = in.size() == 0 ? MemorySegment.NULL : in.segment();
    rows = m;
    if (custom == null) {
      epilogue.applyKeep(m, input, null, y); // reads x, writes y: no bias, so x stays unchanged
    } else {
      customForward(m);
    }
    if (viewShape == null || !Arrays.equals(viewShape, shape)) {
      viewShape = shape;
      outView = view(y, m * epilogue.outCols(), out);
      dxView = view(dx, m * cols, shape);
    }
    return outView;
  }

  @Override
  public Tensor backward(Tensor outputGradient, boolean inputGradient) {
    checkGradient(outputGradient);
    if (!inputGradient) {
      return null;
    }
    if (rows > 0 && cols > 0 && custom != null) {
      int outN = (int) rows * epilogue.outCols();
      MemorySegment.copy(outputGradient.segment(), JAVA_FLOAT, 0, gHeap, 0, outN);
      float[] dz = new float[(int) rows * cols];
      custom.backward(zHeap, yHeap, gHeap, dz, (int) rows, cols);
      MemorySegment.copy(dz, 0, dx, JAVA_FLOAT, 0, dz.length);
    } else if (rows > 0 && cols > 0) {
      kernels.actBackward(activation.kind(), activation.p0(), activation.p1(), activation.p2(), rows, cols, input, y,
          outputGradient.segment(), dx);
    }
    return dxView;
  }

  // y = apply(x) on heap rows (kept for the backward pass), packed to the output width
  private void customForward(long m) {
    int n = (int) m * cols;
    if (n == 0) {
      return;
    }
    MemorySegment.copy(input, JAVA_FLOAT, 0, zHeap, 0, n);
    System.arraycopy(zHeap, 0, yHeap, 0, n);
    custom.apply(yHeap, 0, (int) m, cols);
    int out = epilogue.outCols();
    for (int i = 0; out != cols && i < m; i++) { // front to back: packing in place is safe
      System.arraycopy(yHeap, i * cols, yHeap, i * out, out);
    }
    MemorySegment.copy(yHeap, 0, y, JAVA_FLOAT, 0, (int) m * out);
  }
}
