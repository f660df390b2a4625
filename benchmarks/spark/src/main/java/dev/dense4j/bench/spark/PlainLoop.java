// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.bench.spark;

import dev.dense4j.models.Predictor;
import dev.dense4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/** The ceiling: the same rows through one predictor in a plain loop, 1024 rows per call, off-heap in and out. */
final class PlainLoop {

  static final int BATCH = 1024;

  private PlainLoop() {}

  /** Scores {@code rows} rows of {@code x} on {@code threads} threads, each taking an equal share; returns a checksum. */
  static double score(Predictor p, float[] x, int rows, int threads) {
    List<Thread> ts = new ArrayList<>();
    double[] sums = new double[threads];
    for (int t = 0; t < threads; t++) {
      int id = t;
      int from = (int) ((long) rows * t / threads);
      int to = (int) ((long) rows * (t + 1) / threads);
      ts.add(Thread.ofPlatform().start(() -> sums[id] = range(p, x, from, to)));
    }
    double sum = 0;
    for (int t = 0; t < threads; t++) {
      try {
        ts.get(t).join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sum += sums[t];
    }
    return sum;
  }

  private static double range(Predictor p, float[] x, int from, int to) {
    int in = p.inputWidth();
    int out = p.outputWidth();
    float[] stage = new float[BATCH * in];
    double sum = 0;
    try (Tensor xt = Tensor.zeros(BATCH, in); Tensor yt = Tensor.zeros(BATCH, out)) {
      for (int start = from; start < to; start += BATCH) {
        int n = Math.min(BATCH, to - start);
        if (n == BATCH) {
          System.arraycopy(x, start * in, stage, 0, BATCH * in); // as the transformer stages each batch
          xt.copyFrom(stage);
          p.predict(xt, yt);
          sum += yt.getFlat(0);
        } else {
          float[] rest = new float[n * in];
          System.arraycopy(x, start * in, rest, 0, n * in);
          float[] y = p.predict(rest, n);
          sum += y[0];
        }
      }
    }
    return sum;
  }
}
