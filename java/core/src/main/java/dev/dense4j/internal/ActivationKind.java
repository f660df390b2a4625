// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal;

import java.util.NoSuchElementException;

/**
 * The built-in activations, mirroring {@code enum d4j_activation} of {@code dense4j.h}: the code
 * crosses the native boundary, never the ordinal.
 */
public enum ActivationKind {
  LINEAR(100, "linear"),
  RELU(101, "relu"),
  LEAKY_RELU(102, "leaky_relu"),
  RELU6(103, "relu6"),
  ELU(104, "elu"),
  SELU(105, "selu"),
  CELU(106, "celu"),
  SIGMOID(107, "sigmoid"),
  HARD_SIGMOID(108, "hard_sigmoid"),
  SPARSE_SIGMOID(109, "sparse_sigmoid"),
  LOG_SIGMOID(110, "log_sigmoid"),
  TANH(111, "tanh"),
  HARD_TANH(112, "hard_tanh"),
  TANH_SHRINK(113, "tanh_shrink"),
  SOFTPLUS(114, "softplus"),
  SOFTSIGN(115, "softsign"),
  SQUAREPLUS(116, "squareplus"),
  SPARSE_PLUS(117, "sparse_plus"),
  SILU(118, "silu"),
  HARD_SILU(119, "hard_silu"),
  GELU(120, "gelu"),
  MISH(121, "mish"),
  EXPONENTIAL(122, "exponential"),
  SOFT_SHRINK(123, "soft_shrink"),
  HARD_SHRINK(124, "hard_shrink"),
  THRESHOLD(125, "threshold"),
  SOFTMAX(126, "softmax"),
  LOG_SOFTMAX(127, "log_softmax"),
  GLU(128, "glu"),
  SPARSEMAX(129, "sparsemax");

  private final int code;
  private final String kerasName;

  ActivationKind(int code, String kerasName) {
    this.code = code;
    this.kerasName = kerasName;
  }

  /** The {@code D4J_ACT_*} value. */
  public int code() {
    return code;
  }

  /** The canonical Keras 3 name. */
  public String kerasName() {
    return kerasName;
  }

  /** True for the activations that work along a whole row rather than element by element. */
  public boolean rowwise() {
    return this == SOFTMAX || this == LOG_SOFTMAX || this == GLU || this == SPARSEMAX;
  }

  /**
   * The output width for a row of {@code n} pre-activations: the one check of glu's width, made
   * before any kernel runs, on every backend.
   *
   * @throws IllegalArgumentException for glu on an odd {@code n}
   */
  public int outputWidth(int n) {
    if (this != GLU) {
      return n;
    }
    if (n % 2 != 0) {
      throw new IllegalArgumentException("glu: the axis size must be divisible by 2; received size=" + n);
    }
    return n / 2;
  }

  public static ActivationKind of(int code) {
    for (ActivationKind k : values()) {
      if (k.code == code) {
        return k;
      }
    }
    throw new NoSuchElementException("Unknown activation code " + code);
  }
}
