// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.norm;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import dev.dense4j.internal.WeightOps;
import dev.dense4j.layers.BatchNormalization;
import dev.dense4j.layers.LayerTraining;
import dev.dense4j.layers.Variable;
import dev.dense4j.regularizers.Regularizer;
import dev.dense4j.tensor.Tensor;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * The training session of a {@link BatchNormalization} layer over N rows of c channels.
 * <pre>
 *   training:  mean_j = Σ x / N,  var_j = Σ (x − mean)² / N,  inv_j = 1 / sqrt(var_j + eps)
 *              x̂ = (x − mean)·inv,  y = γ·x̂ + β
 *              moving_mean = moving_mean·momentum + mean·(1 − momentum)   (same for the variance)
 *   backward:  dβ = Σ g,  dγ = Σ g·x̂,  dx = γ·inv / N · (N·g − dβ − x̂·dγ)
 *   inference (evaluate, or a frozen layer): y = x·s + t (ChannelAffine), dx = g·s
 * </pre>
 * Sums run in double. One thread at a time; the buffers are the session's.
 */
public final class BatchNormTraining implements LayerTraining {

  private final WeightOps ops; // the owner's kernels for the regularizers

  private final BatchNormalization layer;
  private final String owner;
  private final int c;
  private final long maxRows;
  private final RowBuffer y;
  private final RowBuffer xhat;
  private final RowBuffer dx;
  private final double[] mean;
  private final double[] inv;
  private final float[] st; // the inference map's scales, then shifts
  private final double[] sumG;
  private final double[] sumGX;
  private final Tensor dGamma; // null without scale
  private final Tensor dBeta;  // null without center
  private final List<Variable> variables;
  private final List<Tensor> gradients;
  private boolean batchMode; // the last forward used the batch statistics
  private long rows;
  private Tensor input;
  private boolean closed;

  public BatchNormTraining(BatchNormalization layer, WeightOps ops, int[] maxInputShape) {
    this.ops = ops;
    this.layer = layer;
    this.owner = "BatchNormalization '" + layer.name() + "'";
    this.c = layer.channels();
    this.maxRows = RowBuffer.rows(owner, maxInputShape);
    long values = maxRows * c;
    this.y = new RowBuffer(values);
    this.xhat = new RowBuffer(values);
    this.dx = new RowBuffer(values);
    this.mean = new double[c];
    this.inv = new double[c];
    this.st = new float[2 * c];
    this.sumG = new double[c];
    this.sumGX = new double[c];
    this.variables = layer.trainableVariables();
    List<Tensor> g = new ArrayList<>();
    Tensor dg = null;
    Tensor db = null;
    for (Variable v : variables) {
      Tensor z = Tensor.zeros(c);
      g.add(z);
      if (v.name().equals("gamma")) {
        dg = z;
      } else {
        db = z;
      }
    }
    this.dGamma = dg;
    this.dBeta = db;
    this.gradients = List.copyOf(g);
  }

  @Override
  public Tensor forward(Tensor x) {
    return forward(x, true);
  }

  @Override
  public Tensor forward(Tensor x, boolean training) {
    ensureOpen();
    rows = RowBuffer.checkBatch(owner, x, c, maxRows);
    input = x;
    Tensor out = y.view(x);
    batchMode = training && layer.trainable();
    if (!batchMode) {
      ChannelAffine.compute(layer, c, st);
      NormKernels.affine(rows, c, x.segment(), out.segment(), st);
      return out;
    }
    statistics(x.segment());
    normalize(x.segment(), out.segment());
    updateMovingStatistics();
    return out;
  }

  // mean and inv per channel over the rows (two passes, in double)
  private void statistics(MemorySegment x) {
    java.util.Arrays.fill(mean, 0);
    double[] ss = inv;
    java.util.Arrays.fill(ss, 0);
    for (long r = 0, o = 0; r < rows; r++) {
      for (int j = 0; j < c; j++, o += Float.BYTES) {
        mean[j] += x.get(JAVA_FLOAT, o);
      }
    }
    for (int j = 0; j < c; j++) {
      mean[j] /= Math.max(1, rows);
    }
    for (long r = 0, o = 0; r < rows; r++) {
      for (int j = 0; j < c; j++, o += Float.BYTES) {
        double d = x.get(JAVA_FLOAT, o) - mean[j];
        ss[j] += d * d;
      }
    }
    for (int j = 0; j < c; j++) {
      double variance = ss[j] / Math.max(1, rows);
      st[j] = (float) variance; // kept for the moving variance
      inv[j] = 1 / Math.sqrt(variance + layer.epsilon());
    }
  }

  // x̂ = (x − mean)·inv, y = γ·x̂ + β
  private void normalize(MemorySegment x, MemorySegment out) {
    MemorySegment xh = xhat.segment();
    Tensor gamma = layer.gamma();
    Tensor beta = layer.beta();
    for (int j = 0; j < c; j++) {
      st[c + j] = beta == null ? 0 : beta.getFlat(j);
    }
    for (long r = 0, o = 0; r < rows; r++) {
      for (int j = 0; j < c; j++, o += Float.BYTES) {
        float h = (float) ((x.get(JAVA_FLOAT, o) - mean[j]) * inv[j]);
        xh.set(JAVA_FLOAT, o, h);
        float g = gamma == null ? 1 : gamma.getFlat(j);
        out.set(JAVA_FLOAT, o, h * g + st[c + j]);
      }
    }
  }

  // Keras: moving = moving·momentum + batch·(1 − momentum), in float32
  private void updateMovingStatistics() {
    Tensor mm = layer.movingMean();
    Tensor mv = layer.movingVariance();
    float m = layer.momentum();
    float rest = (float) (1.0 - m);
    for (int j = 0; j < c; j++) {
      mm.setFlat(j, mm.getFlat(j) * m + (float) mean[j] * rest);
      mv.setFlat(j, mv.getFlat(j) * m + st[j] * rest);
    }
  }

  @Override
  public Tensor backward(Tensor g, boolean inputGradient) {
    ensureOpen();
    if (input == null) {
      throw new IllegalStateException(owner + ": backward needs a forward pass first");
    }
    MemorySegment gs = g.segment();
    if (!batchMode) { // inference mode: the affine map, no weight gradients
      if (!inputGradient) {
        return null;
      }
      Tensor out = dx.view(input);
      NormKernels.scale(rows, c, gs, out.segment(), st);
      return out;
    }
    MemorySegment xh = xhat.segment();
    java.util.Arrays.fill(sumG, 0);
    java.util.Arrays.fill(sumGX, 0);
    for (long r = 0, o = 0; r < rows; r++) {
      for (int j = 0; j < c; j++, o += Float.BYTES) {
        double gv = gs.get(JAVA_FLOAT, o);
        sumG[j] += gv;
        sumGX[j] += gv * xh.get(JAVA_FLOAT, o);
      }
    }
    weightGradients();
    if (!inputGradient) {
      return null;
    }
    Tensor out = dx.view(input);
    MemorySegment d = out.segment();
    Tensor gamma = layer.gamma();
    double n = rows;
    for (int j = 0; j < c; j++) {
      mean[j] = (gamma == null ? 1 : gamma.getFlat(j)) * inv[j] / n; // mean is free after forward
    }
    for (long r = 0, o = 0; r < rows; r++) {
      for (int j = 0; j < c; j++, o += Float.BYTES) {
        double v = n * gs.get(JAVA_FLOAT, o) - sumG[j] - xh.get(JAVA_FLOAT, o) * sumGX[j];
        d.set(JAVA_FLOAT, o, (float) (mean[j] * v));
      }
    }
    return out;
  }

  private void weightGradients() {
    ScaleShiftGradients.store(ops, sumGX, dGamma, layer.gammaRegularizer(), layer.gamma());
    ScaleShiftGradients.store(ops, sumG, dBeta, layer.betaRegularizer(), layer.beta());
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
    if (variables.isEmpty()) {
      return 0;
    }
    return ScaleShiftGradients.penalty(ops, layer.gammaRegularizer(), layer.gamma())
        + ScaleShiftGradients.penalty(ops, layer.betaRegularizer(), layer.beta());
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException(owner + ": the training session is closed");
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    y.close();
    xhat.close();
    dx.close();
    gradients.forEach(Tensor::close);
  }
}
