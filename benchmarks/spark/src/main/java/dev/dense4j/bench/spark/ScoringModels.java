// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.bench.spark;

import dev.dense4j.initializers.GlorotUniform;
import dev.dense4j.initializers.RandomUniform;
import dev.dense4j.keras.KerasModels;
import dev.dense4j.layers.Dense;
import dev.dense4j.layers.Layer;
import dev.dense4j.models.Sequential;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;

/** The benchmark's 784 → 256 → 128 → 10 softmax MLPs (seeded), as .keras files and as Spark MLlib's MLP. */
final class ScoringModels {

  static final int[] LAYERS = {784, 256, 128, 10};

  private ScoringModels() {}

  /** The model with {@code hidden} activations saved as {@code file}. */
  static Path save(String hidden, Path file) {
    try (Sequential m = build(hidden)) {
      KerasModels.save(m, file);
    }
    return file;
  }

  static Sequential build(String hidden) {
    Sequential m = new Sequential("mlp_" + hidden);
    for (int i = 1; i < LAYERS.length; i++) {
      boolean last = i == LAYERS.length - 1;
      m.add(Dense.builder(LAYERS[i]).name("dense_" + i).activation(last ? "softmax" : hidden)
          .kernelInitializer(new GlorotUniform(100L + i)).biasInitializer(new RandomUniform(-0.05, 0.05, 200L + i))
          .build());
    }
    m.build(-1, LAYERS[0]);
    return m;
  }

  /**
   * Spark MLlib's MLP (sigmoid hidden layers, softmax output) with the weights of the sigmoid model.
   * MLlib keeps each layer as W (out × in, column-major) then b, which is Keras' kernel (in × out,
   * row-major) value for value: the kernels are copied as they are, widened to double.
   */
  static MultilayerPerceptronClassificationModel mllib(Sequential sigmoid) {
    int total = 0;
    for (int i = 1; i < LAYERS.length; i++) {
      total += LAYERS[i - 1] * LAYERS[i] + LAYERS[i];
    }
    double[] w = new double[total];
    int at = 0;
    for (Layer layer : sigmoid.layers()) {
      List<float[]> kb = ((Dense) layer).getWeights();
      for (float[] part : kb) {
        for (float v : part) {
          w[at++] = v;
        }
      }
    }
    if (at != total) {
      throw new IllegalStateException("MLlib weights: expected " + total + " values; copied " + at);
    }
    MultilayerPerceptronClassificationModel m = new MultilayerPerceptronClassificationModel("mllib_mlp", Vectors.dense(w));
    return m.copy(new ParamMap().put(m.layers(), LAYERS));
  }
}
