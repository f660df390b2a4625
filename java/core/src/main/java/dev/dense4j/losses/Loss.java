// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.losses;

import dev.dense4j.internal.Shapes;
import dev.dense4j.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A Keras loss: per-sample values over the last axis of the predictions, multiplied by sample
 * weights, then reduced (spec §7.1).
 *
 * <p>Shapes: predictions {@code (batch, …, C)}; targets of the same shape (or, for sparse
 * losses, the class indices {@code (batch, …)}). A per-sample value is computed for each of the
 * {@code rows = size / C} positions. Sample weights have one value per batch entry (broadcast
 * over the inner positions) or one per position.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public abstract class Loss {

  /** Keras' fuzz factor {@code backend.epsilon()}, as the float32 it is used as. */
  static final float EPSILON = 1e-7f;

  private final String name;
  private final Reduction reduction;

  protected Loss(String name, Reduction reduction) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(getClass().getSimpleName() + ": name must be non-blank; received name=" + name);
    }
    this.name = name;
    this.reduction = Objects.requireNonNull(reduction, "reduction");
  }

  /** The Keras class name, e.g. {@code "CategoricalCrossentropy"}. */
  public abstract String className();

  public final String name() {
    return name;
  }

  public final Reduction reduction() {
    return reduction;
  }

  /** Keras' {@code get_config()}: {@code name}, {@code reduction}, then the loss' own keys. */
  public Map<String, Object> getConfig() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("name", name);
    c.put("reduction", reduction == Reduction.NONE ? null : reduction.kerasName());
    addConfig(c);
    return c;
  }

  /** Adds the loss' own config keys in Keras' order. */
  protected void addConfig(Map<String, Object> config) {}

  /** Target values per row of {@code cols} predictions: {@code cols}, or 1 for class indices. */
  public int targetWidth(int cols) {
    return cols;
  }

  /**
   * The same loss computed from the pre-activation of {@code activation} (a Keras name), when the
   * two fuse into a numerically stable form ({@code softmax} with categorical cross-entropy,
   * {@code sigmoid} with binary cross-entropy, both on probabilities); otherwise null. Training
   * uses it the way Keras' TensorFlow backend does: loss and gradient come from the logits.
   */
  public Loss fusedWith(String activation) {
    return null;
  }

  /**
   * The loss of one row: {@code cols} predictions at {@code yPred[pOff…]} against their targets
   * at {@code yTrue[tOff…]} ({@link #targetWidth} values); when {@code grad} is not null, also
   * writes {@code scale · ∂loss/∂yPred} to {@code grad[gOff…gOff+cols)}. This is the extension
   * point of a user loss:
   *
   * {@snippet :
   * final class MeanSquaredLogError extends Loss {            // mean((log1p(p) − log1p(t))²)
   *   MeanSquaredLogError() { super("msle", Reduction.SUM_OVER_BATCH_SIZE); }
   *   public String className() { return "MeanSquaredLogError"; }
   *   protected double rowLoss(float[] yTrue, int tOff, float[] yPred, int pOff, int cols,
   *       float[] grad, int gOff, double scale) {
   *     double sum = 0;
   *     for (int j = 0; j < cols; j++) {
   *       double d = Math.log1p(yPred[pOff + j]) - Math.log1p(yTrue[tOff + j]);
   *       sum += d * d;
   *       if (grad != null) grad[gOff + j] = (float) (scale * 2 * d / (1 + yPred[pOff + j]) / cols);
   *     }
   *     return sum / cols;
   *   }
   * }
   * Losses.register("MyPackage>MeanSquaredLogError", c -> new MeanSquaredLogError());
   * }
   *
   * <p>The arrays are scratch owned by the caller, valid only during the call; rows arrive in
   * order, from one thread per call.
   */
  protected abstract double rowLoss(float[] yTrue, int tOff, float[] yPred, int pOff, int cols,
      float[] grad, int gOff, double scale);

  /** False for a row that is masked out (sparse {@code ignore_class}); it counts nowhere. */
  protected boolean counts(float[] yTrue, int tOff) {
    return true;
  }

  /** The reduced loss. */
  public final double call(Tensor yTrue, Tensor yPred) {
    return call(yTrue, yPred, null);
  }

  /** The reduced loss with sample weights (null for none). */
  public final double call(Tensor yTrue, Tensor yPred, float[] sampleWeight) {
    ensureReduced();
    return LossPass.reduced(this, yTrue, yPred, sampleWeight, null);
  }

  /**
   * The reduced loss and, into {@code gradient} (the predictions' shape), its gradient with
   * respect to the predictions.
   */
  public final double valueAndGradient(Tensor yTrue, Tensor yPred, float[] sampleWeight, Tensor gradient) {
    ensureReduced();
    if (!Shapes.same(gradient, yPred)) {
      throw new IllegalArgumentException(className() + ": expected a gradient of shape "
          + Arrays.toString(yPred.shape()) + "; received shape " + Arrays.toString(gradient.shape()));
    }
    return LossPass.reduced(this, yTrue, yPred, sampleWeight, gradient);
  }

  /** The per-sample values times their weights, before reduction (Keras' {@code reduction=None}). */
  public final float[] perSample(Tensor yTrue, Tensor yPred, float[] sampleWeight) {
    return LossPass.perSample(this, yTrue, yPred, sampleWeight);
  }

  private void ensureReduced() {
    if (reduction == Reduction.NONE) {
      throw new IllegalStateException(className() + " '" + name + "' has reduction 'none'; use perSample");
    }
  }

  @Override
  public String toString() {
    return className() + getConfig();
  }

  // ---- shared helpers of the built-in losses ----

  /** Keras' clip to {@code [ε, 1 − ε]}, done in float32 ({@code 1 − ε} rounds to {@code 1 − 2⁻²³}). */
  static float clipProbability(float p) {
    return Math.max(EPSILON, Math.min(1f - EPSILON, p));
  }

  /** True when {@code p} is inside the clip range, where the clip passes the gradient. */
  static boolean insideClip(float p) {
    return p >= EPSILON && p <= 1f - EPSILON;
  }

  static void checkLabelSmoothing(String owner, double ls) {
    if (!(ls >= 0 && ls <= 1)) {
      throw new IllegalArgumentException(owner + ": label_smoothing must be in [0, 1]; received label_smoothing=" + ls);
    }
  }
}
