// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli;

import dev.dense4j.initializers.GlorotUniform;
import dev.dense4j.layers.BatchNormalization;
import dev.dense4j.layers.Dense;
import dev.dense4j.layers.Dropout;
import dev.dense4j.layers.Normalization;
import dev.dense4j.models.Sequential;
import dev.dense4j.tensor.Tensor;

/**
 * {@code dense4j train --batch-norm}'s model, the Keras tutorials' tabular block:
 * Normalization → Dense(64, relu) → BatchNormalization → Dropout(0.2) → Dense(32, relu) →
 * BatchNormalization → Dense(10, softmax), every initializer seeded.
 */
final class BatchNormModel {

  private BatchNormModel() {}

  static void add(Sequential model, long seed) {
    model.add(Normalization.builder().name("normalization").build());
    model.add(Dense.builder(64).name("hidden").activation("relu").kernelInitializer(new GlorotUniform(seed)).build());
    model.add(BatchNormalization.builder().name("batch_normalization").build());
    model.add(new Dropout("dropout", 0.2f, null, seed + 3)); // seeded: the same masks on every run
    model.add(Dense.builder(32).name("hidden_1").activation("relu").kernelInitializer(new GlorotUniform(seed + 1))
        .build());
    model.add(BatchNormalization.builder().name("batch_normalization_1").build());
    model.add(Dense.builder(Train.CLASSES).name("classes").activation("softmax")
        .kernelInitializer(new GlorotUniform(seed + 2)).build());
  }

  /** Keras' {@code adapt} of the first layer on the training pixels. */
  static void adapt(Sequential model, Tensor xTrain) {
    ((Normalization) model.layers().get(0)).adapt(xTrain);
  }
}
