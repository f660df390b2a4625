// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.models;

import dev.dense4j.activations.BuiltinActivation;
import dev.dense4j.internal.reference.ReferenceMath;

/**
 * The objective of the gradient checks in float64, written from the spec apart from the training
 * code: a two-layer model {@code tanh(x·A + a)} → {@code act(h·B + b)}, a Keras loss (§7) with
 * sample weights and reduction, plus the L2 penalties of B's kernel and bias and of the output
 * (activity, divided by the batch size, §4.5). Activations come from the float64 forward formulas.
 *
 * <p>The parameters are one flat vector {@code [A (dIn×h), a (h), B (h×units), b (units or none)]}.
 */
final class Float64Model {

  enum Kind { MSE, MAE, BCE, CCE, SCCE }

  /** A loss as the checks configure it. */
  record LossSpec(Kind kind, boolean logits, double smoothing, String reduction, Integer ignoreClass) {
    @Override
    public String toString() {
      return kind.name().toLowerCase() + (logits ? "(logits" : "(probs") + (smoothing > 0 ? ", ls=" + smoothing : "")
          + (reduction.equals("sum_over_batch_size") ? "" : ", " + reduction)
          + (ignoreClass != null ? ", ignore=" + ignoreClass : "") + ")";
    }
  }

  static final double KERNEL_L2 = 0.01;
  static final double BIAS_L2 = 0.02;
  static final double ACTIVITY_L2 = 0.03;
  /** Keras clips probabilities to [ε, 1 − ε] in float32: the bounds as float32 values (spec §7.3). */
  static final double CLIP_LO = 1e-7f;
  static final double CLIP_HI = 1f - 1e-7f;

  final int dIn;
  final int hidden;
  final int units;
  final boolean bias;
  final BuiltinActivation act;
  final LossSpec loss;
  final int outW;

  Float64Model(int dIn, int hidden, int units, boolean bias, BuiltinActivation act, LossSpec loss) {
    this.dIn = dIn;
    this.hidden = hidden;
    this.units = units;
    this.bias = bias;
    this.act = act;
    this.loss = loss;
    this.outW = act.outputWidth(units);
  }

  int paramCount() {
    return dIn * hidden + hidden + hidden * units + (bias ? units : 0);
  }

  /** The total objective for inputs {@code x} ({@code rows × dIn}, {@code batch} samples). */
  double objective(double[] p, double[] x, int rows, int batch, double[] target, double[] sw) {
    int oa = dIn * hidden;
    int ob = oa + hidden;
    int obb = ob + hidden * units;
    double[] out = new double[rows * outW];
    double penalty = 0;
    for (int r = 0; r < rows; r++) {
      double[] h = new double[hidden];
      for (int j = 0; j < hidden; j++) {
        double s = p[oa + j];
        for (int i = 0; i < dIn; i++) {
          s += x[r * dIn + i] * p[i * hidden + j];
        }
        h[j] = Math.tanh(s);
      }
      double[] z = new double[units];
      for (int j = 0; j < units; j++) {
        double s = bias ? p[obb + j] : 0;
        for (int i = 0; i < hidden; i++) {
          s += h[i] * p[ob + i * units + j];
        }
        z[j] = s;
      }
      double[] y = activate(z);
      System.arraycopy(y, 0, out, r * outW, outW);
      for (double v : y) {
        penalty += ACTIVITY_L2 * v * v / batch;
      }
    }
    for (int i = ob; i < p.length; i++) {
      penalty += (i < obb ? KERNEL_L2 : BIAS_L2) * p[i] * p[i];
    }
    return reduce(out, rows, batch, target, sw) + penalty;
  }

  private double[] activate(double[] z) {
    double[] y = new double[units];
    if (act.kind().rowwise()) {
      ReferenceMath.applyRow(act.kind(), z, units, y);
    } else {
      for (int j = 0; j < units; j++) {
        y[j] = ReferenceMath.apply(act.kind(), act.p0(), act.p1(), act.p2(), z[j]);
      }
    }
    return java.util.Arrays.copyOf(y, outW);
  }

  private double reduce(double[] out, int rows, int batch, double[] target, double[] sw) {
    double sum = 0;
    double count = 0;
    double weights = 0;
    for (int r = 0; r < rows; r++) {
      double w = sw == null ? 1 : sw[r / (rows / batch)];
      if (loss.kind() == Kind.SCCE && loss.ignoreClass() != null && target[r] == loss.ignoreClass()) {
        continue;
      }
      sum += w * rowLoss(out, r * outW, target, r);
      count++;
      weights += w;
    }
    double denom = switch (loss.reduction()) {
      case "sum" -> 1;
      case "mean_with_sample_weight" -> sw == null ? count : weights;
      default -> count;
    };
    return denom == 0 ? 0 : sum / denom;
  }

  private double rowLoss(double[] y, int off, double[] t, int r) {
    int c = outW;
    double s = 0;
    switch (loss.kind()) {
      case MSE, MAE -> {
        for (int j = 0; j < c; j++) {
          double d = y[off + j] - t[r * c + j];
          s += loss.kind() == Kind.MSE ? d * d : Math.abs(d);
        }
        return s / c;
      }
      case BCE -> {
        for (int j = 0; j < c; j++) {
          double tt = t[r * c + j] * (1 - loss.smoothing()) + 0.5 * loss.smoothing();
          double v = y[off + j];
          if (loss.logits()) {
            s += Math.log1p(Math.exp(-Math.abs(v))) + Math.max(v, 0) - v * tt;
          } else {
            double q = Math.min(Math.max(v, CLIP_LO), CLIP_HI);
            s -= tt * Math.log(q) + (1 - tt) * Math.log(1 - q);
          }
        }
        return s / c;
      }
      default -> {
        double[] tt = new double[c];
        for (int j = 0; j < c; j++) {
          tt[j] = loss.kind() == Kind.SCCE ? (j == (int) t[r] ? 1 : 0)
              : t[r * c + j] * (1 - loss.smoothing()) + loss.smoothing() / c;
        }
        return crossEntropy(y, off, tt);
      }
    }
  }

  private double crossEntropy(double[] y, int off, double[] t) {
    int c = t.length;
    double s = 0;
    if (loss.logits()) {
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < c; j++) {
        max = Math.max(max, y[off + j]);
      }
      double e = 0;
      for (int j = 0; j < c; j++) {
        e += Math.exp(y[off + j] - max);
      }
      double lse = max + Math.log(e);
      for (int j = 0; j < c; j++) {
        s -= t[j] * (y[off + j] - lse);
      }
      return s;
    }
    double total = 0;
    for (int j = 0; j < c; j++) {
      total += y[off + j];
    }
    for (int j = 0; j < c; j++) {
      s -= t[j] * Math.log(Math.min(Math.max(y[off + j] / total, CLIP_LO), CLIP_HI));
    }
    return s;
  }
}
