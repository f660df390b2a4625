// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.layers;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import dev.dense4j.activations.BuiltinActivation;
import dev.dense4j.internal.ActivationKind;
import dev.dense4j.internal.Kernels;
import dev.dense4j.internal.engine.DenseOp;
import dev.dense4j.tensor.Tensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.List;

/**
 * The training session of a {@link Dense} layer (made by {@link Dense#startTraining}).
 *
 * <p>Forward: {@code z = x·W + b} (GEMM, then the bias), {@code y = act(z)}; both are kept.
 * Backward, for {@code g = dL/dy} plus the activity penalty's gradient divided by the batch size:
 * <pre>
 *   dz = J_act(z)ᵀ·g        fused native kernel (Jacobian-vector product for softmax-like kinds)
 *   dW = xᵀ·dz + dR_W/dW    GEMM, then the kernel regularizer's gradient
 *   db = Σ_rows dz + dR_b/db column sum, then the bias regularizer's gradient
 *   dx = dz·Wᵀ              GEMM, only when asked
 * </pre>
 * A rank > 2 input is one GEMM over its flattened leading dimensions, as in the forward pass.
 * A frozen layer ({@code trainable=false}) computes only {@code dx}.
 */
public final class DenseTraining implements LayerTraining {

  private final Dense layer;
  private final DenseOp op;
  private final Kernels kernels;
  private final ActivationKind kind;
  private final float p0;
  private final float p1;
  private final float p2;
  private final int dIn;
  private final int units;
  private final int outW;
  private final long maxRows;
  private final Arena arena = Arena.ofShared();
  private final MemorySegment z;
  private final MemorySegment y;
  private final MemorySegment dz;
  private final MemorySegment dx;
  private final MemorySegment activity; // the activity penalty's gradient, when there is one
  private final List<Variable> variables;
  private final List<Tensor> gradients;

  private MemorySegment input;
  private int[] inputShape;
  private Tensor outView; // views of the buffers for the current input shape, made once per shape
  private Tensor activityView;
  private Tensor zView;
  private Tensor dxView;
  private long rows = -1;
  private double activityPenalty;
  private boolean closed;

  DenseTraining(Dense layer, DenseOp op, int[] maxInputShape) {
    if (!(layer.activation() instanceof BuiltinActivation a)) {
      throw new IllegalArgumentException("Dense '" + layer.name() + "': training needs a built-in "
          + "activation (custom ones have no derivative); received activation=" + layer.activation().name());
    }
    this.layer = layer;
    this.op = op;
    this.kernels = op.kernels();
    this.kind = a.kind();
    this.p0 = a.p0();
    this.p1 = a.p1();
    this.p2 = a.p2();
    this.dIn = layer.inputDim();
    this.units = layer.units();
    this.outW = layer.outputWidth();
    this.maxRows = leadingRows(maxInputShape);
    boolean linear = kind == ActivationKind.LINEAR;
    this.z = buffer(maxRows * units);
    this.y = linear ? z : buffer(maxRows * units); // full width: the epilogue packs GLU's rows in place
    this.dz = linear ? null : buffer(maxRows * units);
    this.dx = buffer(maxRows * dIn);
    this.activity = layer.activityRegularizer() == null ? null : buffer(maxRows * outW);
    if (layer.trainable()) {
      List<Variable> all = layer.variables();
      this.variables = all;
      Tensor dW = Tensor.wrap(buffer((long) dIn * units), dIn, units);
      this.gradients = layer.useBias() ? List.of(dW, Tensor.wrap(buffer(units), units)) : List.of(dW);
    } else {
      this.variables = List.of();
      this.gradients = List.of();
    }
  }

  private long leadingRows(int[] shape) {
    if (shape.length < 2 || shape[shape.length - 1] != layer.inputDim()) {
      throw new IllegalArgumentException(owner() + ": expected a maximum input shape of rank >= 2 ending in "
          + layer.inputDim() + "; received shape " + Arrays.toString(shape));
    }
    long m = 1;
    for (int i = 0; i < shape.length - 1; i++) {
      if (shape[i] < 0) {
        throw new IllegalArgumentException(owner() + ": training needs concrete dimensions; received shape "
            + Arrays.toString(shape));
      }
      m = Math.multiplyExact(m, shape[i]);
    }
    if (m > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(owner() + ": at most " + Integer.MAX_VALUE + " rows per batch; received shape "
          + Arrays.toString(shape));
    }
    return m;
  }

  private MemorySegment buffer(long floats) {
    return arena.allocate(Math.max(1, floats) * Float.BYTES, Tensor.ALIGNMENT);
  }

  @Override
  public Tensor forward(Tensor in) {
    ensureOpen();
    long m = checkInput(in);
    input = in.segment();
    if (inputShape == null || !in.hasShape(inputShape)) {
      inputShape = in.shape();
      outView = null;
      activityView = null;
      zView = null;
      dxView = null;
    }
    rows = m;
    MemorySegment b = layer.useBias() ? layer.bias().segment() : null;
    op.forwardKeep(m, input, layer.kernel().segment(), b, z, y);
    if (outView == null) {
      outView = view(y, m * outW, layer.computeOutputShape(inputShape));
    }
    activityPenalty = activity == null ? 0 : DensePenalties.activityLoss(layer.activityRegularizer(),
        layer.activityLossPerSample(), outView, layer.weightOps());
    return outView;
  }

  /** The pre-activation {@code z = x·W + b} of the last forward pass (width {@code units}). */
  public Tensor preActivation() {
    ensureForward();
    if (zView == null) {
      int[] s = inputShape.clone();
      s[s.length - 1] = units;
      zView = view(z, rows * units, s);
    }
    return zView;
  }

  /** The built-in activation of the layer: what a loss may fuse with (softmax, sigmoid). */
  public String activationName() {
    return kind.kerasName();
  }

  @Override
  public Tensor backward(Tensor outputGradient, boolean inputGradient) {
    ensureForward();
    long n = rows * outW;
    MemorySegment g = checkGradient(outputGradient, n, outW);
    if (activity != null) {
      MemorySegment.copy(g, 0, activity, 0, n * Float.BYTES);
      addActivityGradient();
      g = activity;
    }
    MemorySegment d = g;
    if (dz != null && rows > 0) {
      kernels.actBackward(kind, p0, p1, p2, rows, units, z, y, g, dz);
      d = dz;
    }
    return fromPreActivationGradient(d, inputGradient);
  }

  /**
   * Backward pass from {@code dL/dz} directly, for a loss fused with the activation (for example
   * softmax with cross-entropy computed from the logits). The activity penalty's gradient, when
   * the layer has one, still flows through the activation.
   */
  public Tensor backwardFromPreActivation(Tensor preActivationGradient, boolean inputGradient) {
    ensureForward();
    long n = rows * units;
    MemorySegment g = checkGradient(preActivationGradient, n, units);
    if (activity == null || rows == 0) {
      return fromPreActivationGradient(g, inputGradient);
    }
    activity.asSlice(0, rows * outW * Float.BYTES).fill((byte) 0);
    addActivityGradient();
    MemorySegment d = activity;
    if (dz != null) {
      kernels.actBackward(kind, p0, p1, p2, rows, units, z, y, activity, dz);
      d = dz;
    }
    for (long i = 0; i < n; i++) {
      d.setAtIndex(JAVA_FLOAT, i, d.getAtIndex(JAVA_FLOAT, i) + g.getAtIndex(JAVA_FLOAT, i));
    }
    return fromPreActivationGradient(d, inputGradient);
  }

  // acc (the activity buffer) += dR/dy for the activity regularizer R, divided by the batch size as its penalty is
  private void addActivityGradient() {
    if (activityView == null) {
      activityView = view(activity, rows * outW, outView.shape());
    }
    layer.addActivityRegularizationGradient(outView, activityView);
  }

  private Tensor fromPreActivationGradient(MemorySegment d, boolean inputGradient) {
    if (!variables.isEmpty()) {
      weightGradients(d);
    }
    if (!inputGradient) {
      return null;
    }
    if (rows > 0) {
      kernels.sgemm(false, true, (int) rows, dIn, units, d, layer.kernel().segment(), 0f, dx);
    }
    if (dxView == null) {
      dxView = view(dx, rows * dIn, inputShape);
    }
    return dxView;
  }

  // dW = xᵀ·dz (+ dR/dW), db = Σ_rows dz (+ dR/db)
  private void weightGradients(MemorySegment d) {
    Tensor dW = gradients.get(0);
    if (rows > 0) {
      kernels.sgemm(true, false, dIn, units, (int) rows, input, d, 0f, dW.segment());
    } else {
      dW.segment().fill((byte) 0);
    }
    Tensor db = gradients.size() > 1 ? gradients.get(1) : null;
    if (db != null) {
      kernels.colSum(rows, units, d, db.segment());
    }
    layer.addRegularizationGradients(dW, db);
  }

  @Override
  public List<Variable> trainableVariables() {
    return variables;
  }

  @Override
  public List<Tensor> gradients() {
    return gradients;
  }

  @Override
  public double penalty() {
    return activityPenalty + DensePenalties.weightPenalty(layer.trainable(), layer.kernelRegularizer(),
        layer.kernel(), layer.biasRegularizer(), layer.bias(), layer.weightOps());
  }

  private long checkInput(Tensor in) {
    if (in.rank() < 2 || in.dim(-1) != dIn) {
      throw new IllegalArgumentException(owner() + ": expected last input dimension " + dIn
          + "; received shape " + Arrays.toString(in.shape()));
    }
    long m = in.size() / dIn;
    if (m > maxRows) {
      throw new IllegalArgumentException(owner() + ": this training session holds " + maxRows
          + " rows; received shape " + Arrays.toString(in.shape()));
    }
    return m;
  }

  private MemorySegment checkGradient(Tensor g, long n, int width) {
    boolean ok = g.rank() == inputShape.length && g.dim(-1) == width;
    for (int i = 0; ok && i < inputShape.length - 1; i++) {
      ok = g.dim(i) == inputShape[i];
    }
    if (!ok) {
      int[] want = inputShape.clone();
      want[want.length - 1] = width;
      throw new IllegalArgumentException(owner() + ": expected a gradient of shape " + Arrays.toString(want)
          + "; received shape " + Arrays.toString(g.shape()));
    }
    return n == 0 ? MemorySegment.NULL : g.segment();
  }

  private static Tensor view(MemorySegment s, long n, int[] shape) {
    return Tensor.wrap(n == 0 ? MemorySegment.NULL : s.asSlice(0, n * Float.BYTES), shape);
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException(owner() + ": training session is closed");
    }
  }

  private void ensureForward() {
    ensureOpen();
    if (rows < 0) {
      throw new IllegalStateException(owner() + ": backward needs a forward pass first");
    }
  }

  private String owner() {
    return "Dense '" + layer.name() + "'";
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      arena.close();
    }
  }
}
