// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.losses;

import dev.dense4j.internal.TensorCopy;
import dev.dense4j.tensor.Tensor;
import java.util.Arrays;

/**
 * One evaluation of a {@link Loss} over a batch: shapes checked once, then the rows in chunks
 * copied into heap scratch, where {@link Loss#rowLoss} reads them. The scratch belongs to the
 * thread and is reused, so a training step allocates nothing; a loss called from inside another
 * loss' row (a nested pass) gets scratch of its own.
 */
final class LossPass {

  /** Floats per scratch chunk (64 KiB), or one row when rows are longer. */
  private static final int CHUNK = 16384;

  private static final ThreadLocal<LossPass> LOCAL = ThreadLocal.withInitial(LossPass::new);

  private float[] t = new float[0];
  private float[] p = new float[0];
  private float[] g = new float[0];
  private boolean busy;

  // the batch of the pass under way
  private Loss loss;
  private Tensor yTrue;
  private Tensor yPred;
  private float[] sw;
  private int cols;
  private int tw;
  private long rows;
  private long rowsPerSample;

  private LossPass() {}

  /** The reduced loss; with {@code grad}, also its gradient (already shape-checked). */
  static double reduced(Loss loss, Tensor yTrue, Tensor yPred, float[] sampleWeight, Tensor grad) {
    LossPass pass = acquire();
    try {
      pass.bind(loss, yTrue, yPred, sampleWeight);
      return pass.run(grad);
    } finally {
      pass.release();
    }
  }

  /** The per-sample values times their weights. */
  static float[] perSample(Loss loss, Tensor yTrue, Tensor yPred, float[] sampleWeight) {
    LossPass pass = acquire();
    try {
      pass.bind(loss, yTrue, yPred, sampleWeight);
      return pass.perSample();
    } finally {
      pass.release();
    }
  }

  private static LossPass acquire() {
    LossPass pass = LOCAL.get();
    if (pass.busy) {
      pass = new LossPass();
    }
    pass.busy = true;
    return pass;
  }

  private void release() {
    busy = false;
    loss = null;
    yTrue = null;
    yPred = null;
    sw = null;
  }

  private void bind(Loss loss, Tensor yTrue, Tensor yPred, float[] sampleWeight) {
    int rank = yPred.rank();
    if (rank < 2) {
      throw new IllegalArgumentException(loss.className() + ": expected predictions of rank >= 2 "
          + "(batch, …, classes); received shape " + Arrays.toString(yPred.shape()));
    }
    int c = yPred.dim(rank - 1);
    int width = loss.targetWidth(c);
    long n = c == 0 ? 0 : yPred.size() / c;
    int batch = yPred.dim(0);
    long wantTargets = n * width;
    if (yTrue.size() != wantTargets || yTrue.rank() == 0 || yTrue.dim(0) != batch) {
      throw new IllegalArgumentException(loss.className() + ": expected y_true with " + wantTargets
          + " values and batch size " + batch + " for predictions of shape " + Arrays.toString(yPred.shape())
          + "; received shape " + Arrays.toString(yTrue.shape()));
    }
    if (sampleWeight != null && sampleWeight.length != batch && sampleWeight.length != n) {
      throw new IllegalArgumentException(loss.className() + ": expected " + batch + " sample weights (one per batch entry)"
          + (n != batch ? " or " + n + " (one per position)" : "") + "; received sample_weight.length="
          + sampleWeight.length);
    }
    this.loss = loss;
    this.yTrue = yTrue;
    this.yPred = yPred;
    this.sw = sampleWeight;
    this.cols = c;
    this.tw = width;
    this.rows = n;
    this.rowsPerSample = batch == 0 ? 1 : n / batch;
  }

  private double weight(long i) {
    return sw == null ? 1 : sw.length == rows ? sw[(int) i] : sw[(int) (i / rowsPerSample)];
  }

  /** Rows per chunk: as many as fit in {@link #CHUNK} floats of predictions, at least one. */
  private int chunkRows() {
    return (int) Math.max(1, Math.min(rows, CHUNK / Math.max(1, Math.max(cols, tw))));
  }

  /** Loads rows {@code [from, from+k)}: targets always, predictions when {@code withPredictions}. */
  private void load(long from, int k, boolean withPredictions) {
    int tn = k * tw;
    if (t.length < tn) {
      t = new float[tn];
    }
    TensorCopy.read(yTrue, from * tw, t, 0, tn);
    if (withPredictions) {
      int pn = k * cols;
      if (p.length < pn) {
        p = new float[pn];
        g = new float[pn];
      }
      TensorCopy.read(yPred, from * cols, p, 0, pn);
    }
  }

  private double denominator() {
    double count = 0;
    double weights = 0;
    int step = chunkRows();
    for (long from = 0; from < rows; from += step) {
      int k = (int) Math.min(step, rows - from);
      load(from, k, false);
      for (int r = 0; r < k; r++) {
        if (loss.counts(t, r * tw)) {
          count++;
          weights += weight(from + r);
        }
      }
    }
    return switch (loss.reduction()) {
      case SUM -> 1;
      case MEAN_WITH_SAMPLE_WEIGHT -> sw == null ? count : weights;
      default -> count;
    };
  }

  private double run(Tensor grad) {
    double denom = denominator();
    double sum = 0;
    int step = chunkRows();
    for (long from = 0; from < rows; from += step) {
      int k = (int) Math.min(step, rows - from);
      load(from, k, true);
      for (int r = 0; r < k; r++) {
        long i = from + r;
        if (denom == 0 || !loss.counts(t, r * tw)) {
          if (grad != null) {
            Arrays.fill(g, r * cols, (r + 1) * cols, 0f);
          }
          continue;
        }
        double w = weight(i);
        sum += w * loss.rowLoss(t, r * tw, p, r * cols, cols, grad == null ? null : g, r * cols, w / denom);
      }
      if (grad != null) {
        TensorCopy.write(g, 0, grad, from * cols, k * cols);
      }
    }
    return denom == 0 ? 0 : sum / denom;
  }

  private float[] perSample() {
    float[] out = new float[Math.toIntExact(rows)];
    int step = chunkRows();
    for (long from = 0; from < rows; from += step) {
      int k = (int) Math.min(step, rows - from);
      load(from, k, true);
      for (int r = 0; r < k; r++) {
        if (loss.counts(t, r * tw)) {
          out[(int) (from + r)] = (float) (weight(from + r) * loss.rowLoss(t, r * tw, p, r * cols, cols, null, 0, 0));
        }
      }
    }
    return out;
  }
}
