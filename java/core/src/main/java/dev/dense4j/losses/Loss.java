// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.losses;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import dev.dense4j.tensor.Tensor;
import java.lang.foreign.MemorySegment;
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
   * The loss of one row of {@code cols} predictions at {@code p[pOff…]} with targets at
   * {@code t[tOff…]}; when {@code grad} is not null, also writes {@code scale · ∂loss/∂p} to
   * {@code grad[gOff…]}.
   */
  protected abstract double rowLoss(MemorySegment t, long tOff, MemorySegment p, long pOff, int cols,
      MemorySegment grad, long gOff, double scale);

  /** False for a row that is masked out (sparse {@code ignore_class}); it counts nowhere. */
  protected boolean counts(MemorySegment t, long tOff) {
    return true;
  }

  /** The reduced loss. */
  public final double call(Tensor yTrue, Tensor yPred) {
    return call(yTrue, yPred, null);
  }

  /** The reduced loss with sample weights (null for none). */
  public final double call(Tensor yTrue, Tensor yPred, float[] sampleWeight) {
    ensureReduced();
    return new Pass(this, yTrue, yPred, sampleWeight).run(null);
  }

  /**
   * The reduced loss and, into {@code gradient} (the predictions' shape), its gradient with
   * respect to the predictions.
   */
  public final double valueAndGradient(Tensor yTrue, Tensor yPred, float[] sampleWeight, Tensor gradient) {
    ensureReduced();
    if (!Arrays.equals(gradient.shape(), yPred.shape())) {
      throw new IllegalArgumentException(className() + ": expected a gradient of shape "
          + Arrays.toString(yPred.shape()) + "; received shape " + Arrays.toString(gradient.shape()));
    }
    return new Pass(this, yTrue, yPred, sampleWeight).run(gradient.segment());
  }

  /** The per-sample values times their weights, before reduction (Keras' {@code reduction=None}). */
  public final float[] perSample(Tensor yTrue, Tensor yPred, float[] sampleWeight) {
    return new Pass(this, yTrue, yPred, sampleWeight).perSample();
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

  /** One evaluation over a batch: shapes checked once, then rows in order. */
  private static final class Pass {
    private final Loss loss;
    private final MemorySegment t;
    private final MemorySegment p;
    private final int cols;
    private final int tw;
    private final long rows;
    private final long rowsPerSample;
    private final float[] sw;

    Pass(Loss loss, Tensor yTrue, Tensor yPred, float[] sampleWeight) {
      this.loss = loss;
      int[] ps = yPred.shape();
      if (ps.length < 2) {
        throw new IllegalArgumentException(loss.className() + ": expected predictions of rank >= 2 "
            + "(batch, …, classes); received shape " + Arrays.toString(ps));
      }
      this.cols = ps[ps.length - 1];
      this.tw = loss.targetWidth(cols);
      this.rows = cols == 0 ? 0 : yPred.size() / cols;
      int batch = ps[0];
      long wantTargets = rows * tw;
      if (yTrue.size() != wantTargets || yTrue.rank() == 0 || yTrue.dim(0) != batch) {
        throw new IllegalArgumentException(loss.className() + ": expected y_true with " + wantTargets
            + " values and batch size " + batch + " for predictions of shape " + Arrays.toString(ps)
            + "; received shape " + Arrays.toString(yTrue.shape()));
      }
      this.rowsPerSample = batch == 0 ? 1 : rows / batch;
      if (sampleWeight != null && sampleWeight.length != batch && sampleWeight.length != rows) {
        throw new IllegalArgumentException(loss.className() + ": expected " + batch + " sample weights (one per batch entry)"
            + (rows != batch ? " or " + rows + " (one per position)" : "") + "; received sample_weight.length="
            + sampleWeight.length);
      }
      this.sw = sampleWeight;
      this.t = rows == 0 ? MemorySegment.NULL : yTrue.segment();
      this.p = rows == 0 ? MemorySegment.NULL : yPred.segment();
    }

    double weight(long i) {
      return sw == null ? 1 : sw.length == rows ? sw[(int) i] : sw[(int) (i / rowsPerSample)];
    }

    double denominator() {
      double count = 0;
      double weights = 0;
      for (long i = 0; i < rows; i++) {
        if (loss.counts(t, i * tw)) {
          count++;
          weights += weight(i);
        }
      }
      return switch (loss.reduction) {
        case SUM -> 1;
        case MEAN_WITH_SAMPLE_WEIGHT -> sw == null ? count : weights;
        default -> count;
      };
    }

    double run(MemorySegment grad) {
      double denom = denominator();
      double sum = 0;
      for (long i = 0; i < rows; i++) {
        double w = weight(i);
        if (denom == 0 || !loss.counts(t, i * tw)) {
          if (grad != null) {
            grad.asSlice(i * cols * Float.BYTES, (long) cols * Float.BYTES).fill((byte) 0);
          }
          continue;
        }
        sum += w * loss.rowLoss(t, i * tw, p, i * cols, cols, grad, i * cols, w / denom);
      }
      return denom == 0 ? 0 : sum / denom;
    }

    float[] perSample() {
      float[] out = new float[Math.toIntExact(rows)];
      for (long i = 0; i < rows; i++) {
        if (loss.counts(t, i * tw)) {
          out[(int) i] = (float) (weight(i) * loss.rowLoss(t, i * tw, p, i * cols, cols, null, 0, 0));
        }
      }
      return out;
    }
  }

  // ---- shared helpers of the built-in losses ----

  static float get(MemorySegment s, long i) {
    return s.getAtIndex(JAVA_FLOAT, i);
  }

  static void put(MemorySegment s, long i, double v) {
    s.setAtIndex(JAVA_FLOAT, i, (float) v);
  }

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
