// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dense4j.layers.Dense;
import dev.dense4j.layers.Dropout;
import dev.dense4j.layers.LeakyReLU;
import dev.dense4j.models.Sequential;
import dev.dense4j.testing.Float64Forward;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The format variants no real file in {@code ../shared/keras-models} has, written here with the
 * HDF5 writer: split {@code layer_names0..n}/{@code weight_names0..n}, Keras 1 names under TF
 * scopes, empty weight lists, Keras 3 functional inbound nodes, tf.keras 2.13 groups with '/'.
 */
class FormatVariantsTest {

  @TempDir
  Path tmp;

  private final SplittableRandom rng = new SplittableRandom(42);

  private static final String KERAS1_CONFIG = """
      {"class_name": "Sequential", "config": [
        {"class_name": "Dense", "config": {"name": "dense_1", "output_dim": 3, "input_dim": 2, "activation": "tanh",
          "bias": true, "init": "glorot_uniform"}},
        {"class_name": "Dropout", "config": {"name": "dropout_1", "p": 0.5}},
        {"class_name": "Dense", "config": {"name": "dense_2", "output_dim": 2, "activation": "sigmoid", "bias": false}},
        {"class_name": "LeakyReLU", "config": {"name": "leaky"}}]}""";

  @Test
  void legacyFileWithSplitNamesKeras1NamesScopesAndEmptyLists() throws IOException {
    float[] w1 = KerasRoundTripTest.random(rng, 6);
    float[] b1 = KerasRoundTripTest.random(rng, 3);
    float[] w2 = KerasRoundTripTest.random(rng, 6);
    Hdf5Writer h5 = new Hdf5Writer();
    h5.group("/").attributes.put("model_config", KERAS1_CONFIG);
    h5.group("/").attributes.put("keras_version", "1.2.2");
    Hdf5Writer.GroupNode mw = h5.group("model_weights");
    mw.attributes.put("layer_names0", new String[] {"dense_1", "dropout_1"});
    mw.attributes.put("layer_names1", new String[] {"dense_2", "leaky"});
    h5.group("model_weights/dense_1").attributes.put("weight_names",
        new String[] {"global/shared/dense_1_W:0", "global/shared/dense_1_b:0"});
    h5.dataset("model_weights/dense_1/global/shared", "dense_1_W:0", new int[] {2, 3}, w1);
    h5.dataset("model_weights/dense_1/global/shared", "dense_1_b:0", new int[] {3}, b1);
    h5.group("model_weights/dropout_1").attributes.put("weight_names", new String[0]);
    h5.group("model_weights/dense_2").attributes.put("weight_names0", new String[] {"dense_2/kernel"});
    h5.dataset("model_weights/dense_2/dense_2", "kernel", new int[] {3, 2}, w2);
    h5.group("model_weights/leaky").attributes.put("weight_names", new String[0]);
    Path p = tmp.resolve("keras1.h5");
    Files.write(p, h5.toBytes());
    try (Sequential m = KerasModels.load(p)) {
      assertEquals(List.of("dense_1", "dropout_1", "dense_2", "leaky"), m.layers().stream().map(l -> l.name()).toList());
      Dense d1 = (Dense) m.layers().get(0);
      assertArrayEquals(w1, d1.getWeights().get(0));
      assertArrayEquals(b1, d1.getWeights().get(1));
      assertEquals(0.5f, ((Dropout) m.layers().get(1)).rate());
      assertArrayEquals(w2, ((Dense) m.layers().get(2)).getWeights().get(0));
      assertEquals(0.3f, ((LeakyReLU) m.layers().get(3)).negativeSlope(), "the LeakyReLU layer defaults to 0.3");
      float[] x = KerasRoundTripTest.random(rng, 8);
      double[][] rows = new double[4][2];
      for (int i = 0; i < 8; i++) {
        rows[i / 2][i % 2] = x[i];
      }
      float[] y = m.predict(x, 4, 2);
      double[][] want = Float64Forward.run(m, rows, true);
      for (int i = 0; i < y.length; i++) {
        assertEquals(want[i / 2][i % 2], y[i], 1e-6);
      }
    }
  }

  @Test
  void keras3FunctionalConfigFollowsTheGraphNotTheListOrder() throws IOException {
    Path seed = seed();
    String functional = """
        {"module": "keras.src.models.functional", "class_name": "Functional", "config": {"name": "f", "trainable": true,
         "layers": [
          {"module": "keras.layers", "class_name": "Dense", "config": {"name": "out", "units": 3, "activation": "softmax",
            "use_bias": false}, "name": "out", "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__",
            "config": {"shape": [null, 6], "dtype": "float32", "keras_history": ["hidden", 0, 0]}}], "kwargs": {}}]},
          {"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [null, 5], "dtype": "float32",
            "name": "input_layer"}, "name": "input_layer", "inbound_nodes": []},
          {"module": "keras.layers", "class_name": "Dense", "config": {"name": "hidden", "units": 6, "activation": "relu"},
            "name": "hidden", "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__",
            "config": {"shape": [null, 5], "dtype": "float32", "keras_history": ["input_layer", 0, 0]}}], "kwargs": {}}]}],
         "input_layers": [["input_layer", 0, 0]], "output_layers": ["out", 0, 0]}}""";
    Map<String, byte[]> members = Corpus.with(Corpus.unzip(seed), "config.json", functional.getBytes(StandardCharsets.UTF_8));
    Path p = tmp.resolve("functional.keras");
    Files.write(p, Corpus.zip(members));
    try (Sequential m = KerasModels.load(p); Sequential original = KerasModels.load(seed)) {
      assertEquals(List.of("hidden", "out"), m.layers().stream().map(l -> l.name()).toList());
      float[] x = KerasRoundTripTest.random(rng, 10);
      assertArrayEquals(original.predict(x, 2, 5), m.predict(x, 2, 5));
    }
  }

  @Test
  void branchingFunctionalModelsAreRefused() throws IOException {
    String branching = """
        {"class_name": "Model", "config": {"name": "m", "layers": [
          {"name": "in", "class_name": "InputLayer", "config": {"batch_input_shape": [null, 2]}, "inbound_nodes": []},
          {"name": "a", "class_name": "Dense", "config": {"units": 2}, "inbound_nodes": [[["in", 0, 0, {}]]]},
          {"name": "b", "class_name": "Dense", "config": {"units": 2}, "inbound_nodes": [[["in", 0, 0, {}]]]},
          {"name": "sum", "class_name": "Add", "config": {}, "inbound_nodes": [[["a", 0, 0, {}], ["b", 0, 0, {}]]]}],
         "input_layers": [["in", 0, 0]], "output_layers": [["sum", 0, 0]]}}""";
    Path p = tmp.resolve("branch.json");
    Files.writeString(p, branching);
    KerasFormatException e = assertThrows(KerasFormatException.class, () -> KerasModels.load(p));
    assertTrue(e.getMessage().contains("layer 'sum' has 2 inputs [a, b]") && e.getMessage().contains("linear"),
        e.getMessage());
  }

  @Test
  void tfKeras213GroupsWithSlashesLoad() throws IOException {
    Path seed = seed();
    Map<String, byte[]> members = Corpus.unzip(seed);
    Hdf5Writer h5 = new Hdf5Writer();
    List<LayerWeights> w = KerasModels.readWeights(seed, LoadOptions.DEFAULT);
    for (int i = 0; i < w.size(); i++) {
      String vars = "_layer_checkpoint_dependencies/dense" + (i == 0 ? "" : "_" + i) + "/vars";
      for (int k = 0; k < w.get(i).weights().size(); k++) {
        WeightArray a = w.get(i).weights().get(k);
        h5.dataset(vars, Integer.toString(k), a.shape(), a.values());
      }
    }
    Path p = tmp.resolve("tf213.keras");
    Files.write(p, Corpus.zip(Corpus.with(members, "model.weights.h5", h5.toBytes())));
    try (Sequential m = KerasModels.load(p); Sequential original = KerasModels.load(seed)) {
      float[] x = KerasRoundTripTest.random(rng, 10);
      assertArrayEquals(original.predict(x, 2, 5), m.predict(x, 2, 5));
      assertEquals(".keras (tf.keras 2.13-2.15 layout)", KerasModels.inspect(p, LoadOptions.DEFAULT).source().format());
    }
  }

  @Test
  void weightsOnlyFileAloneSaysToPairIt() throws IOException {
    Hdf5Writer h5 = new Hdf5Writer();
    h5.group("/").attributes.put("layer_names", new String[] {"d"});
    h5.group("d").attributes.put("weight_names", new String[] {"d/kernel:0"});
    h5.dataset("d/d", "kernel:0", new int[] {1, 1}, new float[] {1});
    Path p = tmp.resolve("w.h5");
    Files.write(p, h5.toBytes());
    KerasFormatException e = assertThrows(KerasFormatException.class, () -> KerasModels.load(p));
    assertTrue(e.getMessage().contains("weights-only") && e.getMessage().contains("JSON config"), e.getMessage());
  }

  private Path seed() {
    try (Sequential m = new Sequential("seed")) {
      m.add(Dense.builder(6).name("hidden").activation("relu").build())
          .add(Dense.builder(3).name("out").activation("softmax").useBias(false).build());
      m.build(-1, 5);
      KerasRoundTripTest.randomWeights(m, 5);
      Path p = tmp.resolve("seed.keras");
      KerasModels.save(m, p);
      return p;
    }
  }
}
