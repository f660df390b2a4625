// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.initializers;

import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * The orthonormal factor of a thin QR decomposition by Householder reflections, in float64.
 * Columns are stored as separate arrays (column-major) so that every inner loop runs over
 * contiguous memory. Reflections are computed in panels of {@value #BLOCK} columns; every later
 * column then takes the panel's reflections one after the other while it sits in cache. Columns
 * are independent and are split over threads for large matrices. Each column sees the same
 * operations in the same order as in the textbook one-reflection-at-a-time algorithm, so neither
 * the blocking nor the threads change a bit of the result.
 */
final class HouseholderQr {

  /** Work (multiply-adds of one parallel step) above which the columns go parallel. */
  private static final long PARALLEL_WORK = 1L << 18;

  /** Reflections applied to a column in one pass. */
  private static final int BLOCK = 32;

  private HouseholderQr() {}

  /**
   * Returns {@code Q·diag(sign(diag(R)))} for {@code A = QR}, A being {@code m × n} with
   * {@code m >= n}, given as {@code n} columns of length {@code m} (overwritten). This is the unique
   * thin factor whose R has a non-negative diagonal; a zero diagonal entry counts as positive.
   */
  static double[][] orthonormalFactor(double[][] a) {
    int n = a.length;
    int m = n == 0 ? 0 : a[0].length;
    Reflections r = new Reflections(new double[n][], new double[n], new double[n]);
    for (int k0 = 0; k0 < n; k0 += BLOCK) {
      int k1 = Math.min(n, k0 + BLOCK);
      for (int k = k0; k < k1; k++) { // the panel, one reflection at a time
        reflector(a[k], k, m, r);
        for (int j = k + 1; j < k1; j++) {
          reflect(r.v[k], r.beta[k], a[j], k, m);
        }
      }
      int from = k0;
      // each later column takes the panel's reflections in order while it stays in cache
      columns(k1, n, (long) (m - k0) * (n - k1) * (k1 - k0), j -> {
        for (int k = from; k < k1; k++) {
          reflect(r.v[k], r.beta[k], a[j], k, m);
        }
      });
    }
    return orthonormalColumns(r, n, m);
  }

  /** The reflections H_k = I − beta_k·v_k·v_kᵀ and R's diagonal. */
  private record Reflections(double[][] v, double[] beta, double[] rDiag) {}

  // Q·diag(sign(diag(R))) with Q = H_0·H_1·…·H_{n-1}·[I; 0], panels from the last: H_k touches
  // rows k.. only, where the columns j < k are still zero, so column j takes the reflections k <= j
  private static double[][] orthonormalColumns(Reflections r, int n, int m) {
    double[][] q = new double[n][m];
    for (int j = 0; j < n; j++) {
      q[j][j] = r.rDiag[j] < 0 ? -1 : 1; // the sign commutes with the reflections of rows > j
    }
    for (int k0 = (n - 1) / BLOCK * BLOCK; k0 >= 0; k0 -= BLOCK) {
      int from = k0;
      int last = Math.min(n, k0 + BLOCK) - 1;
      columns(k0, n, (long) (m - k0) * (n - k0) * (last - k0 + 1), j -> {
        for (int k = Math.min(j, last); k >= from; k--) {
          reflect(r.v[k], r.beta[k], q[j], k, m);
        }
      });
    }
    return q;
  }

  // the reflection H = I − beta·v·vᵀ that maps column x (rows k..) onto alpha·e_k
  private static void reflector(double[] x, int k, int m, Reflections r) {
    double norm = Math.sqrt(dot(x, x, k, m));
    double alpha = x[k] >= 0 ? -norm : norm; // away from x[k], to avoid cancellation
    double[] vk = new double[m];
    System.arraycopy(x, k, vk, k, m - k);
    vk[k] -= alpha;
    double vv = dot(vk, vk, k, m);
    r.v[k] = vk;
    r.beta[k] = vv == 0 ? 0 : 2 / vv; // x is already alpha·e_k: H = I
    r.rDiag[k] = alpha;
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
