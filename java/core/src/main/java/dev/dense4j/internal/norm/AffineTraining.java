// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.norm;

import dev.dense4j.layers.Layer;
import dev.dense4j.layers.LayerTraining;
import dev.dense4j.layers.Variable;
import dev.dense4j.tensor.Tensor;
import java.util.List;

/**
 * The training session of a layer with nothing to train whose map is per-channel affine
 * (Normalization, Rescaling): {@code y = x·s + t}, {@code dx = g·s} ({@link ChannelAffine}, read
 * from the layer at each forward pass).
 */
public final class AffineTraining implements LayerTraining {

  private final Layer layer;
  private final String owner;
  private final int c;
  private final long maxRows;
  private final RowBuffer y;
  private final RowBuffer dx;
  private final float[] st; // the inference map's scales, then shifts
  private long rows;
  private Tensor input;
  private boolean closed;

  public AffineTraining(Layer layer, String owner, int channels, int[] maxInputShape) {
    this.layer = layer;
    this.owner = owner;
    this.c = channels;
    this.maxRows = RowBuffer.rows(owner, maxInputShape);
    this.y = new RowBuffer(maxRows * c);
    this.dx = new RowBuffer(maxRows * c);
    this.st = new float[2 * c];
  }

  @Override
  public Tensor forward(Tensor x) {
    if (closed) {
      throw new IllegalStateException(owner + ": the training session is closed");
    }
    rows = RowBuffer.checkBatch(owner, x, c, maxRows);
    input = x;
    ChannelAffine.compute(layer, c, st);
    Tensor out = y.view(x);
    NormKernels.affine(rows, c, x.segment(), out.segment(), st);
    return out;
  }

  @Override
  public Tensor backward(Tensor g, boolean inputGradient) {
    if (input == null) {
      throw new IllegalStateException(owner + ": backward needs a forward pass first");
    }
    if (!inputGradient) {
      return null;
    }
    Tensor out = dx.view(input);
    NormKernels.scale(rows, c, g.segment(), out.segment(), st);
    return out;
  }

  @Override
  public List<Variable> trainableVariables() {
    return List.of();
  }

  @Override
  public List<Tensor> gradients() {
    return List.of();
  }

  @Override
  public double penalty() {
    return 0;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      y.close();
      dx.close();
    }
  }
}
