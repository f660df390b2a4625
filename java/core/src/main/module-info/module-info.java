// SPDX-License-Identifier: Apache-2.0
/**
 * dense4j-core: tensors, the Dense layer and its Keras families, models and the predictor. Only
 * the API packages are exported; {@code dev.dense4j.internal.*} (the engine, the FFM bindings and
 * native loading, the reference kernels) stays inside the module. Run with
 * {@code --enable-native-access=dev.dense4j.core} on the module path.
 */
module dev.dense4j.core {
  exports dev.dense4j.activations;
  exports dev.dense4j.backend;
  exports dev.dense4j.config;
  exports dev.dense4j.constraints;
  exports dev.dense4j.initializers;
  exports dev.dense4j.layers;
  exports dev.dense4j.losses;
  exports dev.dense4j.metrics;
  exports dev.dense4j.models;
  exports dev.dense4j.optimizers;
  exports dev.dense4j.regularizers;
  exports dev.dense4j.tensor;
}
