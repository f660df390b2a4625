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

  /**
   * True when {@link #backward} is implemented, so that training can run through this activation
   * (in an activation layer: {@code new ActivationLayer(name, activation)}). False by default:
   * {@code fit} then refuses the model, naming the activation.
   */
  default boolean hasDerivative() {
    return false;
  }

  /**
   * The backward pass, {@code dz = J(z)ᵀ · dy} row by row, for {@code rows} rows: {@code z} holds
   * the {@code cols} inputs of each row (what {@link #apply} was given), {@code y} and {@code dy}
   * the {@link #outputWidth} outputs of each row and their gradients, {@code dz} receives
   * {@code cols} values per row. Arrays are row-major from index 0 and may be longer than needed.
   *
   * @throws UnsupportedOperationException unless {@link #hasDerivative()} is true
   */
  default void backward(float[] z, float[] y, float[] dy, float[] dz, int rows, int cols) {
    throw new UnsupportedOperationException("activation " + name() + " has no derivative (hasDerivative() is false)");
  }
}
