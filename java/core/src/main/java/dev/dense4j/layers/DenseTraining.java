// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.layers;

import dev.dense4j.activations.BuiltinActivation;
import dev.dense4j.internal.ActivationKind;
import dev.dense4j.internal.TensorCopy;
import dev.dense4j.internal.engine.DenseBackwardOp;
import dev.dense4j.internal.engine.DenseOp;
import dev.dense4j.tensor.Tensor;
import java.util.ArrayList;
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
 * A frozen layer ({@code trainable=false}) computes only {@code dx}. The arithmetic runs in the
 * engine ({@link DenseOp#forwardKeep}, {@link DenseBackwardOp}); this class owns the buffers, the
 * checks and what Keras adds around the arithmetic (penalties and their gradients).
 */
public final class DenseTraining implements LayerTraining {

  private final Dense layer;
  private final DenseOp op;
  private final DenseBackwardOp backwardOp;
  private final ActivationKind kind;
  private final int dIn;
  private final int units;
  private final int outW;
  private final long maxRows;
  private final List<Tensor> owned = new ArrayList<>(); // every buffer below, freed by close()
  private final Tensor z;
  private final Tensor y;
  private final Tensor dz;
  private final Tensor dx;
  private final Tensor activity; // the activity penalty's gradient, when there is one
  private final List<Variable> variables;
  private final List<Tensor> gradients;

  private Tensor input;
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
      throw new IllegalArgumentException("Dense '" + layer.name() + "': training needs a built-in activation on "
          + "Dense; put a custom one (with its derivative) in an activation layer after a linear Dense; received "
          + "activation=" + layer.activation().name());
    }
    this.layer = layer;
    this.op = op;
    this.kind = a.kind();
    this.dIn = layer.inputDim();
    this.units = layer.units();
    this.outW = layer.outputWidth();
    this.backwardOp = new DenseBackwardOp(op.kernels(), kind, a.p0(), a.p1(), a.p2(), dIn, units);
    this.maxRows = leadingRows(maxInputShape);
    try {
      boolean linear = !backwardOp.hasActivation();
      this.z = buffer(maxRows, units);
      this.y = linear ? z : buffer(maxRows, units); // full width: the epilogue packs GLU's rows in place
      this.dz = linear ? null : buffer(maxRows, units);
      this.dx = buffer(maxRows, dIn);
      this.activity = layer.activityRegularizer() == null ? null : buffer(maxRows, outW);
      if (layer.trainable()) {
        this.variables = layer.variables();
        Tensor dW = buffer(dIn, units);
        this.gradients = layer.useBias() ? List.of(dW, buffer(units)) : List.of(dW);
      } else {
        this.variables = List.of();
        this.gradients = List.of();
      }
    } catch (RuntimeException | Error e) {
      close();
      throw e;
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

  private Tensor buffer(long rows, int width) {
    Tensor t = Tensor.zeros(Math.toIntExact(Math.max(1, rows)), Math.max(1, width));
    owned.add(t);
    return t;
  }

  private Tensor buffer(int width) {
    Tensor t = Tensor.zeros(width);
    owned.add(t);
    return t;
  }

  @Override
  public Tensor forward(Tensor in) {
    ensureOpen();
    long m = checkInput(in);
    input = in;
    if (inputShape == null || !in.hasShape(inputShape)) {
      inputShape = in.shape();
      outView = null;
      activityView = null;
      zView = null;
      dxView = null;
    }
    rows = m;
    op.forwardKeep(m, input, layer.kernel(), layer.useBias() ? layer.bias() : null, z, y);
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
    Tensor g = checkGradient(outputGradient, outW);
    if (activity != null) {
      TensorCopy.copy(g, 0, activity, 0, n);
      addActivityGradient();
      g = activity;
    }
    Tensor d = g;
    if (dz != null) {
      backwardOp.activation(rows, z, y, g, dz);
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
    Tensor g = checkGradient(preActivationGradient, units);
    if (activity == null || rows == 0) {
      return fromPreActivationGradient(g, inputGradient);
    }
    TensorCopy.zero(activity, 0, rows * outW);
    addActivityGradient();
    Tensor d = activity;
    if (dz != null) {
      backwardOp.activation(rows, z, y, activity, dz);
      d = dz;
    }
    DenseBackwardOp.addInto(d, g, n);
    return fromPreActivationGradient(d, inputGradient);
  }

  // acc (the activity buffer) += dR/dy for the activity regularizer R, divided by the batch size as its penalty is
  private void addActivityGradient() {
    if (activityView == null) {
      activityView = view(activity, rows * outW, outView.shape());
    }
    layer.addActivityRegularizationGradient(outView, activityView);
  }

  private Tensor fromPreActivationGradient(Tensor d, boolean inputGradient) {
    if (!variables.isEmpty()) {
      weightGradients(d);
    }
    if (!inputGradient) {
      return null;
    }
    backwardOp.inputGradient(rows, d, layer.kernel(), dx);
    if (dxView == null) {
      dxView = view(dx, rows * dIn, inputShape);
    }
    return dxView;
  }

  // dW = xᵀ·dz (+ dR/dW), db = Σ_rows dz (+ dR/db)
  private void weightGradients(Tensor d) {
    Tensor dW = gradients.get(0);
    backwardOp.kernelGradient(rows, input, d, dW);
    Tensor db = gradients.size() > 1 ? gradients.get(1) : null;
    if (db != null) {
      backwardOp.biasGradient(rows, d, db);
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

  private Tensor checkGradient(Tensor g, int width) {
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
    return g;
  }

  private static Tensor view(Tensor buffer, long n, int[] shape) {
    return TensorCopy.view(buffer, n, shape);
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
      for (Tensor t : owned) {
        t.close();
      }
    }
  }
}
