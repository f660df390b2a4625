// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.bench.impl;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * TensorFlow Java (1.1.0): MatMul + BiasAdd + activation in a graph {@code Session}, the input fed
 * as a tensor made once, as a careful TF Java user would.
 */
final class TensorFlowImpl implements DenseImpl {

  private final Problem p;
  private final Graph graph;
  private final Session session;
  private final Placeholder<TFloat32> input;
  private final Operand<TFloat32> output;
  private final TFloat32 x;

  TensorFlowImpl(Problem p) {
    this.p = p;
    this.graph = new Graph();
    Ops tf = Ops.create(graph);
    this.input = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(p.batch(), p.inputDim())));
    Operand<TFloat32> w = tf.constant(Shape.of(p.inputDim(), p.units()), DataBuffers.of(p.kernel()));
    Operand<TFloat32> b = tf.constant(Shape.of(p.units()), DataBuffers.of(p.bias()));
    Operand<TFloat32> z = tf.nn.biasAdd(tf.linalg.matMul(input, w), b);
    this.output = switch (p.activation()) {
      case "linear" -> z;
      case "relu" -> tf.nn.relu(z);
      case "tanh" -> tf.math.tanh(z);
      case "softmax" -> tf.nn.softmax(z);
      // exact gelu from TF's erf: 0.5·z·(1 + erf(z/√2))
      case "gelu" -> tf.math.mul(tf.math.mul(tf.constant(0.5f), z),
          tf.math.add(tf.constant(1f), tf.math.erf(tf.math.mul(z, tf.constant((float) (1 / Math.sqrt(2)))))));
      default -> throw new IllegalArgumentException("activation not in the TensorFlow baseline: " + p.activation());
    };
    this.session = new Session(graph);
    this.x = TFloat32.tensorOf(Shape.of(p.batch(), p.inputDim()), DataBuffers.of(p.x()));
  }

  @Override
  public void run() {
    try (Result r = session.runner().feed(input, x).fetch(output).run()) {
      r.get(0); // the result tensor is freed with the Result
    }
  }

  @Override
  public float[] output() {
    float[] y = new float[p.batch() * p.units()];
    try (Result r = session.runner().feed(input, x).fetch(output).run()) {
      ((TFloat32) r.get(0)).copyTo(DataBuffers.of(y, false, false));
    }
    return y;
  }

  @Override
  public void close() {
    x.close();
    session.close();
    graph.close();
  }
}
