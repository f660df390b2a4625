// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.bench.impl;

import dev.dense4j.backend.Backend;
import dev.dense4j.layers.Dense;
import dev.dense4j.tensor.Tensor;
import java.util.List;

/** dense4j's Dense on the native backend, {@code float[]} into {@code float[]} or Tensor into Tensor. */
final class Dense4jImpl implements DenseImpl {

  private final Dense dense;
  private final boolean tensors;
  private final float[] x;
  private final float[] y;
  private final int[] shape;
  private final Tensor tx;
  private final Tensor ty;

  Dense4jImpl(Problem p, boolean tensors) {
    this.dense = Dense.builder(p.units()).activation(p.activation()).backend(Backend.NATIVE).build()
        .build(-1, p.inputDim());
    dense.setWeights(List.of(p.kernel(), p.bias()));
    this.tensors = tensors;
    this.x = p.x();
    this.shape = new int[] {p.batch(), p.inputDim()};
    this.y = new float[p.batch() * dense.outputWidth()];
    this.tx = tensors ? Tensor.of(p.x(), shape) : null;
    this.ty = tensors ? Tensor.zeros(p.batch(), dense.outputWidth()) : null;
  }

  @Override
  public void run() {
    if (tensors) {
      dense.call(tx, ty);
    } else {
      dense.call(x, shape, y);
    }
  }

  @Override
  public float[] output() {
    return tensors ? ty.toArray() : y.clone();
  }

  @Override
  public void close() {
    dense.close();
    if (tensors) {
      tx.close();
      ty.close();
    }
  }
}
