// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.backend;

/**
 * The arithmetic a {@code Predictor} runs its Dense layers in, chosen post-training from a float
 * model: each kernel is packed once, when the predictor is built, into the layout of the
 * microkernel that reads it.
 *
 * <ul>
 *   <li>{@link #FLOAT32}: the model's own numbers; packed fp32 panels for small batches, the BLAS
 *       {@code sgemm} for large ones.
 *   <li>{@link #BFLOAT16}: {@code y = act(bf16(x) · bf16(W) + b)}: inputs and weights rounded to
 *       bfloat16 (nearest, ties to even), exact products, float32 accumulation. Half the weight
 *       bytes; about 3 significant digits.
 *   <li>{@link #INT8}: Keras 3's int8 Dense: weights quantised per output column with scale
 *       {@code 127 / (max_i |W[i, j]| + 1e-7)}, each input row per call with scale
 *       {@code 127 / (max_k |x[b, k]| + 1e-7)} (round half to even, clip to ±127), an exact int32
 *       accumulator, then {@code y = act(acc / (s_x · s_w) + b)}. A quarter of the weight bytes.
 * </ul>
 */
public enum Precision {
  FLOAT32(301),
  BFLOAT16(302),
  INT8(303);

  private final int code;

  Precision(int code) {
    this.code = code;
  }

  /** The {@code d4j_precision} code of libdense4j. */
  public int code() {
    return code;
  }
}
