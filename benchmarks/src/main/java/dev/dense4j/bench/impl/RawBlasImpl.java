// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.bench.impl;

import static dev.dense4j.internal.ffm.bindings.CblasH.CblasNoTrans;
import static dev.dense4j.internal.ffm.bindings.CblasH.CblasRowMajor;
import static dev.dense4j.internal.ffm.bindings.CblasH.CblasTrans;

import dev.dense4j.internal.ffm.BlasThreads;
import dev.dense4j.internal.ffm.bindings.CblasH;
import dev.dense4j.tensor.Tensor;
import java.lang.foreign.MemorySegment;

/**
 * The floor for any JVM caller: the same OpenBLAS call dense4j makes (sgemv at batch 1, sgemm
 * otherwise, same BLAS thread count) through FFM on off-heap memory, with no bias and no
 * activation.
 */
final class RawBlasImpl implements DenseImpl {

  private final Problem p;
  private final Tensor x;
  private final Tensor w;
  private final Tensor y;
  private final MemorySegment xs;
  private final MemorySegment ws;
  private final MemorySegment ys;

  RawBlasImpl(Problem p) {
    this.p = p;
    this.x = Tensor.of(p.x(), p.batch(), p.inputDim());
    this.w = Tensor.of(p.kernel(), p.inputDim(), p.units());
    this.y = Tensor.zeros(p.batch(), p.units());
    this.xs = x.segment();
    this.ws = w.segment();
    this.ys = y.segment();
  }

  @Override
  public void run() {
    int m = p.batch();
    int n = p.units();
    int k = p.inputDim();
    long macs = (long) m * n * k;
    boolean critical = macs <= (1L << 23);
    BlasThreads.forCall(macs); // the same thread policy as dense4j, so the floor is comparable
    if (m == 1) {
      CblasH.cblas_sgemv(critical, CblasRowMajor, CblasTrans, k, n, 1f, ws, n, xs, 1, 0f, ys, 1);
    } else {
      CblasH.cblas_sgemm(critical, CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1f, xs, k, ws, n, 0f, ys, n);
    }
  }

  @Override
  public boolean addsBiasAndActivation() {
    return false;
  }

  @Override
  public float[] output() {
    return y.toArray();
  }

  @Override
  public void close() {
    x.close();
    w.close();
    y.close();
  }
}
