// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.initializers;

import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * The orthonormal factor of a thin QR decomposition by Householder reflections, in float64.
 * Columns are stored as separate arrays (column-major) so that every inner loop runs over
 * contiguous memory; the columns a reflection updates are independent and are split over threads
 * for large matrices, which does not change a single bit of the result.
 */
final class HouseholderQr {

  /** Work (rows × columns touched by one reflection) above which the columns go parallel. */
  private static final long PARALLEL_WORK = 1L << 18;

  private HouseholderQr() {}

  /**
   * Returns {@code Q·diag(sign(diag(R)))} for {@code A = QR}, A being {@code m × n} with
   * {@code m >= n}, given as {@code n} columns of length {@code m} (overwritten). This is the unique
   * thin factor whose R has a non-negative diagonal; a zero diagonal entry counts as positive.
   */
  static double[][] orthonormalFactor(double[][] a) {
    int n = a.length;
    int m = n == 0 ? 0 : a[0].length;
    double[][] v = new double[n][];
    double[] beta = new double[n];
    double[] rDiag = new double[n];
    for (int k = 0; k < n; k++) {
      int kk = k;
      double[] col = a[k];
      double norm = Math.sqrt(dot(col, col, k, m));
      double alpha = col[k] >= 0 ? -norm : norm; // reflect x onto alpha·e_k, away from x to avoid cancellation
      double[] vk = new double[m];
      System.arraycopy(col, k, vk, k, m - k);
      vk[k] -= alpha;
      double vv = dot(vk, vk, k, m);
      v[k] = vk;
      beta[k] = vv == 0 ? 0 : 2 / vv; // x already alpha·e_k: H = I
      rDiag[k] = alpha;
      columns(k + 1, n, (long) (m - k) * (n - k), j -> reflect(vk, beta[kk], a[j], kk, m));
    }
    double[][] q = new double[n][m];
    for (int j = 0; j < n; j++) {
      q[j][j] = 1;
    }
    for (int k = n - 1; k >= 0; k--) {
      int kk = k;
      // H_k touches rows k.. only, where the columns j < k of the partial product are still zero
      columns(k, n, (long) (m - k) * (n - k), j -> reflect(v[kk], beta[kk], q[j], kk, m));
    }
    for (int j = 0; j < n; j++) {
      if (rDiag[j] < 0) {
        double[] c = q[j];
        for (int i = 0; i < m; i++) {
          c[i] = -c[i];
        }
      }
    }
    return q;
  }

  // x -= beta·(v·x)·v over rows [from, m)
  private static void reflect(double[] v, double beta, double[] x, int from, int m) {
    double s = beta * dot(v, x, from, m);
    if (s != 0) {
      for (int i = from; i < m; i++) {
        x[i] -= s * v[i];
      }
    }
  }

  private static void columns(int from, int to, long work, IntConsumer body) {
    IntStream range = IntStream.range(from, to);
    (work >= PARALLEL_WORK ? range.parallel() : range).forEach(body);
  }

  // sum of x[i]·y[i] over [from, to), four partial sums for instruction-level parallelism
  private static double dot(double[] x, double[] y, int from, int to) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = from;
    for (; i + 3 < to; i += 4) {
      s0 += x[i] * y[i];
      s1 += x[i + 1] * y[i + 1];
      s2 += x[i + 2] * y[i + 2];
      s3 += x[i + 3] * y[i + 3];
    }
    for (; i < to; i++) {
      s0 += x[i] * y[i];
    }
    return (s0 + s1) + (s2 + s3);
  }
}
