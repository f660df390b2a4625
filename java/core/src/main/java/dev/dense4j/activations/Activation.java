// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.activations;

/**
 * An activation function applied to the rows of a layer's output.
 *
 * <p>The built-ins ({@link Activations}) run fused with the bias add in native code. A custom
 * activation implements {@link #apply}; layers then run the GEMM, add the bias, and call it on the
 * result (the unfused path), which gives the same numbers as a built-in with the same math.
 * Implementations must be thread-safe (stateless is simplest): one instance serves every call.
 */
public interface Activation {

  /** The Keras identifier this activation serialises to, e.g. {@code "relu"}. */
  String name();

  /**
   * Applies the activation in place to {@code rows} rows of {@code cols} values each, stored
   * row-major from {@code values[offset]}. Element-wise activations ignore the row structure.
   */
  void apply(float[] values, int offset, int rows, int cols);

  /** The number of outputs per row for {@code cols} inputs: {@code cols} unless the activation changes the width. */
  default int outputWidth(int cols) {
    return cols;
  }
}
