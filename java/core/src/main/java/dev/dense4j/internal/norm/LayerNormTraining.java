// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.norm;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import dev.dense4j.internal.WeightOps;
import dev.dense4j.layers.LayerNormalization;
import dev.dense4j.layers.LayerTraining;
import dev.dense4j.layers.Variable;
import dev.dense4j.regularizers.Regularizer;
import dev.dense4j.tensor.Tensor;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * The training session of a {@link LayerNormalization} layer, per row of c channels
 * ({@code inv = 1 / sqrt(var + eps)}, {@code d = g·γ}):
 * <pre>
 *   x̂ = (x − mean)·inv,  y = γ·x̂ + β
 *   dx = inv / c · (c·d − Σ d − x̂·Σ d·x̂),  dγ = Σ_rows g·x̂,  dβ = Σ_rows g
 *   rms_scaling:  x̂ = x·inv,  y = γ·x̂
 *   dx = inv·d − inv³·(x − mean) / c · Σ d·x,  dγ = Σ_rows g·x̂
 * </pre>
 * Row sums run in double. One thread at a time.
 */
public final class LayerNormTraining implements LayerTraining {

  private final WeightOps ops; // the owner's kernels for the regularizers

  private final LayerNormalization layer;
  private final String owner;
  private final int c;
  private final long maxRows;
  private final RowBuffer y;
  private final RowBuffer xhat;
  private final RowBuffer dx;
  private final double[] rowInv;
  private final double[] rowMean;
  private final Tensor dGamma;
  private final Tensor dBeta;
  private final double[] sumG;
  private final double[] sumGX;
  private final List<Variable> variables;
  private final List<Tensor> gradients;
  private long rows;
  private Tensor input;
  private boolean closed;

  public LayerNormTraining(LayerNormalization layer, WeightOps ops, int[] maxInputShape) {
    this.ops = ops;
    this.layer = layer;
    this.owner = "LayerNormalization '" + layer.name() + "'";
    this.c = layer.channels();
    this.maxRows = RowBuffer.rows(owner, maxInputShape);
    long values = maxRows * c;
    this.y = new RowBuffer(values);
    this.xhat = new RowBuffer(values);
    this.dx = new RowBuffer(values);
    this.rowInv = new double[Math.toIntExact(maxRows)];
    this.rowMean = new double[Math.toIntExact(maxRows)];
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
    ensureOpen();
    rows = RowBuffer.checkBatch(owner, x, c, maxRows);
    input = x;
    Tensor out = y.view(x);
    MemorySegment xs = x.segment();
    MemorySegment xh = xhat.segment();
    MemorySegment ys = out.segment();
    Tensor gamma = layer.gamma();
    Tensor beta = layer.beta();
    boolean rms = layer.rmsScaling();
    for (int r = 0; r < rows; r++) {
      long base = (long) r * c * Float.BYTES;
      double mean = NormKernels.rowMean(xs, base, c);
      double inv = NormKernels.rowInverseStd(xs, base, c, layer.epsilon());
      rowMean[r] = mean;
      rowInv[r] = inv;
      for (int j = 0; j < c; j++) {
        long o = base + (long) j * Float.BYTES;
        float h = (float) ((xs.get(JAVA_FLOAT, o) - (rms ? 0 : mean)) * inv);
        xh.set(JAVA_FLOAT, o, h);
        float gv = gamma == null ? 1 : gamma.getFlat(j);
        float bv = beta == null ? 0 : beta.getFlat(j);
        ys.set(JAVA_FLOAT, o, h * gv + bv);
      }
    }
    return out;
  }

  @Override
  public Tensor backward(Tensor g, boolean inputGradient) {
    ensureOpen();
    if (input == null) {
      throw new IllegalStateException(owner + ": backward needs a forward pass first");
    }
    MemorySegment gs = g.segment();
    MemorySegment xh = xhat.segment();
    if (!variables.isEmpty()) {
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
    }
    if (!inputGradient) {
      return null;
    }
    Tensor out = dx.view(input);
    MemorySegment d = out.segment();
    MemorySegment xs = input.segment();
    Tensor gamma = layer.gamma();
    boolean rms = layer.rmsScaling();
    for (int r = 0; r < rows; r++) {
      long base = (long) r * c * Float.BYTES;
      double sumD = 0;
      double sumDX = 0; // Σ d·x̂, or Σ d·x with rms_scaling
      for (int j = 0; j < c; j++) {
        long o = base + (long) j * Float.BYTES;
        double dv = gs.get(JAVA_FLOAT, o) * (gamma == null ? 1 : gamma.getFlat(j));
        sumD += dv;
        sumDX += dv * (rms ? xs.get(JAVA_FLOAT, o) : xh.get(JAVA_FLOAT, o));
      }
      double inv = rowInv[r];
      for (int j = 0; j < c; j++) {
        long o = base + (long) j * Float.BYTES;
        double dv = gs.get(JAVA_FLOAT, o) * (gamma == null ? 1 : gamma.getFlat(j));
        double v = rms
            ? inv * dv - inv * inv * inv * (xs.get(JAVA_FLOAT, o) - rowMean[r]) / c * sumDX
            : inv / c * (c * dv - sumD - xh.get(JAVA_FLOAT, o) * sumDX);
        d.set(JAVA_FLOAT, o, (float) v);
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
