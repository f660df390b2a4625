// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dense4j.activations.Activation;
import dev.dense4j.activations.Activations;
import dev.dense4j.activations.BuiltinActivation;
import dev.dense4j.constraints.MaxNorm;
import dev.dense4j.constraints.NonNeg;
import dev.dense4j.initializers.Constant;
import dev.dense4j.initializers.GlorotNormal;
import dev.dense4j.initializers.HeUniform;
import dev.dense4j.layers.ActivationLayer;
import dev.dense4j.layers.Dense;
import dev.dense4j.layers.Dropout;
import dev.dense4j.layers.ELU;
import dev.dense4j.layers.Flatten;
import dev.dense4j.layers.Layer;
import dev.dense4j.layers.LeakyReLU;
import dev.dense4j.layers.ReLU;
import dev.dense4j.layers.Softmax;
import dev.dense4j.models.Sequential;
import dev.dense4j.regularizers.L1;
import dev.dense4j.regularizers.L1L2;
import dev.dense4j.regularizers.L2;
import dev.dense4j.tensor.Tensor;
import dev.dense4j.testing.KerasModelFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Files written by {@link KerasModels#save} load back with identical weights and predictions. */
class KerasRoundTripTest {

  @TempDir
  Path tmp;

  static Dense dense(int units, Activation act, boolean bias) {
    return Dense.builder(units).activation(act).useBias(bias).build();
  }

  /** Seeded weights for every Dense of a built model. */
  static void randomWeights(Sequential m, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    for (Layer l : m.layers()) {
      if (l instanceof Dense d) {
        List<float[]> w = new ArrayList<>();
        w.add(random(rng, d.inputDim() * d.units()));
        if (d.useBias()) {
          w.add(random(rng, d.units()));
        }
        d.setWeights(w);
      }
    }
  }

  static float[] random(SplittableRandom rng, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) (rng.nextDouble() * 2 - 1);
    }
    return a;
  }

  @Test
  void savedFilesGetTheSamePermissionsAsAnyNewFile() throws IOException {
    Path plain = Files.createFile(tmp.resolve("plain.txt"));
    Assumptions.assumeTrue(plain.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX only");
    try (Sequential m = new Sequential("perm")) {
      m.add(Dense.builder(2).build()).build(-1, 3);
      Path p = tmp.resolve("perm.keras");
      KerasModels.save(m, p);
      assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(p));
    }
    try (var files = Files.list(tmp)) {
      assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary file left");
    }
  }

  /** Saves, loads, and checks weights (bit-identical) and predictions (identical) on seeded rows. */
  Sequential roundTrip(Sequential m, String file) {
    Path p = tmp.resolve(file);
    KerasModels.save(m, p);
    Sequential back = KerasModels.load(p);
    assertEquals(m.name(), back.name());
    assertArrayEquals(m.inputShape(), back.inputShape());
    assertEquals(m.layers().size(), back.layers().size());
    for (int i = 0; i < m.layers().size(); i++) {
      Layer a = m.layers().get(i);
      Layer b = back.layers().get(i);
      assertEquals(a.name(), b.name());
      assertEquals(a.getClass(), b.getClass());
      if (a instanceof Dense da && b instanceof Dense db) {
        assertEquals(da.activation(), db.activation(), da.name());
        assertEquals(da.useBias(), db.useBias());
        assertEquals(da.getConfig(), db.getConfig(), da.name());
        for (int w = 0; w < da.getWeights().size(); w++) {
          assertArrayEquals(da.getWeights().get(w), db.getWeights().get(w));
        }
      }
    }
    int[] shape = m.inputShape();
    shape[0] = 7;
    float[] x = random(new SplittableRandom(42), Math.toIntExact(Tensor.elementCount(shape)));
    assertArrayEquals(m.predict(x, shape), back.predict(x, shape));
    return back;
  }

  static List<String> builtinActivationNames() {
    List<String> names = new ArrayList<>();
    for (String n : Activations.names()) {
      if (!n.equals("threshold") && Activations.get(n) instanceof BuiltinActivation) {
        names.add(n);
      }
    }
    Collections.sort(names);
    return names;
  }

  @TestFactory
  Stream<DynamicTest> everyActivationRoundTrips() {
    return builtinActivationNames().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
      try (Sequential m = new Sequential("act_" + name)) {
        m.add(dense(6, Activations.get(name), true)).add(dense(4, Activations.get(name), false));
        m.build(-1, 5);
        randomWeights(m, 7);
        roundTrip(m, name + ".keras").close();
      }
    }));
  }

  @Test
  void activationLayersDropoutFlattenAndNoBiasRoundTrip() {
    try (Sequential m = new Sequential("mixed")) {
      m.add(new Flatten("flat")).add(dense(8, Activations.get("linear"), false))
          .add(new ReLU("relu_p", 6f, 0.1f, 0.5f)).add(new Dropout("drop", 0.25f))
          .add(dense(8, Activations.get("linear"), true)).add(new LeakyReLU("leaky", 0.3f))
          .add(dense(6, Activations.get("linear"), false)).add(new ELU("elu_l", 0.7f))
          .add(new ActivationLayer("act_tanh", Activations.get("tanh"))).add(dense(3, Activations.get("linear"), true))
          .add(new Softmax("probs"));
      m.build(-1, 2, 3);
      randomWeights(m, 11);
      try (Sequential back = roundTrip(m, "mixed.keras")) {
        ReLU r = (ReLU) back.layers().get(2);
        assertEquals(6f, r.maxValue());
        assertEquals(0.1f, r.negativeSlope());
        assertEquals(0.5f, r.threshold());
        assertEquals(0.3f, ((LeakyReLU) back.layers().get(5)).negativeSlope());
        assertEquals(0.7f, ((ELU) back.layers().get(7)).alpha());
        assertEquals(0.25f, ((Dropout) back.layers().get(3)).rate());
      }
    }
  }

  @Test
  void regularizersConstraintsAndSeededInitializersRoundTrip() throws IOException {
    try (Sequential m = new Sequential("regularized")) {
      m.add(Dense.builder(5).name("hidden").activation("relu").useBias(false)
              .kernelInitializer(new GlorotNormal(42L)).kernelRegularizer(new L1L2(0.01, 0.001))
              .kernelConstraint(new MaxNorm(3.0, 0)).build())
          .add(Dense.builder(2).name("out").activation("sigmoid").kernelInitializer(new HeUniform(7L))
              .biasInitializer(new Constant(0.5)).biasRegularizer(new L1(0.01)).activityRegularizer(new L2(0.02))
              .biasConstraint(new NonNeg()).trainable(false).build());
      m.build(-1, 4);
      try (Sequential back = roundTrip(m, "regularized.keras")) {
        Dense hidden = (Dense) back.layers().get(0);
        assertEquals(new L1L2(0.01, 0.001), hidden.kernelRegularizer());
        assertEquals(new MaxNorm(3.0, 0), hidden.kernelConstraint());
        assertEquals(Long.valueOf(42), ((GlorotNormal) hidden.kernelInitializer()).seed());
        assertFalse(hidden.useBias());
        Dense out = (Dense) back.layers().get(1);
        assertEquals(new L1(0.01), out.biasRegularizer());
        assertEquals(new L2(0.02), out.activityRegularizer());
        assertEquals(new NonNeg(), out.biasConstraint());
        assertFalse(out.trainable());
        try (Dense fresh = Dense.fromConfig(hidden.getConfig()); Dense original = Dense.fromConfig(
            ((Dense) m.layers().get(0)).getConfig())) { // the seed gives the same initial kernel
          assertArrayEquals(original.build(4).getWeights().get(0), fresh.build(4).getWeights().get(0));
        }
      }
      JsonNode layers = config(tmp.resolve("regularized.keras")).get("config").get("layers");
      JsonNode hidden = layers.get(1).get("config");
      assertEquals("{\"module\":\"keras.regularizers\",\"class_name\":\"L1L2\",\"config\":{\"l1\":0.01,\"l2\":0.001},"
          + "\"registered_name\":null}", hidden.get("kernel_regularizer").toString());
      assertEquals("{\"module\":\"keras.constraints\",\"class_name\":\"MaxNorm\",\"config\":{\"max_value\":3.0,\"axis\":0},"
          + "\"registered_name\":null}", hidden.get("kernel_constraint").toString());
      assertEquals("{\"seed\":42}", hidden.get("kernel_initializer").get("config").toString(),
          "Keras before 3.15 has no input_axes/output_axes");
      assertEquals("float32", hidden.get("dtype").asText(), "Keras 3.0-3.3 read the dtype as a string only");
      assertFalse(hidden.has("quantization_config"), "Keras before 3.13 has no quantization_config");
      JsonNode out = layers.get(2).get("config");
      assertEquals(0.009999999776482582, out.get("bias_regularizer").get("config").get("l1").asDouble(),
          "L1 keeps its factor as float32, as Keras does");
      assertEquals("{\"value\":0.5}", out.get("bias_initializer").get("config").toString());
      assertFalse(out.get("trainable").asBoolean());
    }
  }

  private static JsonNode config(Path keras) throws IOException {
    try (ZipFile z = new ZipFile(keras.toFile())) {
      return Json.MAPPER.readTree(z.getInputStream(z.getEntry("config.json")));
    }
  }

  @Test
  void archiveHasKeras3LayoutAndEnvelope() throws IOException {
    try (Sequential m = new Sequential("seq")) {
      m.add(Dense.builder(4).name("first").activation("relu").build()).add(new Dropout("d", 0.5f))
          .add(Dense.builder(2).name("second").activation("sigmoid").build());
      m.build(-1, 3);
      Path p = tmp.resolve("layout.keras");
      KerasModels.save(m, p);
      try (ZipFile z = new ZipFile(p.toFile())) {
        List<String> names = z.stream().map(ZipEntry::getName).toList();
        assertEquals(List.of("metadata.json", "config.json", "model.weights.h5"), names);
        z.stream().forEach(e -> assertEquals(ZipEntry.STORED, e.getMethod(), e.getName()));
        JsonNode meta = Json.MAPPER.readTree(z.getInputStream(z.getEntry("metadata.json")));
        assertTrue(meta.get("keras_version").asText().startsWith("3."));
        assertTrue(meta.get("date_saved").asText().matches("\\d{4}-\\d\\d-\\d\\d@\\d\\d:\\d\\d:\\d\\d"));
        JsonNode config = Json.MAPPER.readTree(z.getInputStream(z.getEntry("config.json")));
        assertEquals("keras", config.get("module").asText());
        assertEquals("Sequential", config.get("class_name").asText());
        JsonNode layers = config.get("config").get("layers");
        assertEquals("InputLayer", layers.get(0).get("class_name").asText());
        assertEquals("[null,3]", layers.get(0).get("config").get("batch_shape").toString());
        assertEquals("keras.layers", layers.get(1).get("module").asText());
        assertEquals("relu", layers.get(1).get("config").get("activation").asText());
        assertEquals("[null,4]", layers.get(3).get("build_config").get("input_shape").toString());
        byte[] h5bytes = z.getInputStream(z.getEntry("model.weights.h5")).readAllBytes();
        try (Hdf5Reader h5 = Hdf5Reader.open("model.weights.h5", h5bytes)) {
          assertEquals("seq", h5.string(h5.group(h5.root(), "vars"), "name"));
          assertEquals("first", h5.string(h5.group(h5.root(), "layers/dense/vars"), "name"));
          assertEquals("second", h5.string(h5.group(h5.root(), "layers/dense_1/vars"), "name"));
          assertEquals(List.of("dense", "dense_1"), h5.childNames(h5.group(h5.root(), "layers")));
          assertEquals("[3, 4]", java.util.Arrays.toString(h5.floats(h5.find(h5.root(), "layers/dense/vars/0")).shape()));
        }
      }
    }
  }

  @TestFactory
  Stream<DynamicTest> realFilesConvertAndRoundTrip() {
    return KerasModelFiles.all().stream()
        .filter(rel -> KerasModelFilesTest.isModel(rel) && !rel.equals(KerasModelFilesTest.XOR)
            && !rel.endsWith("tfkeras_act_2.h5"))
        .map(rel -> DynamicTest.dynamicTest(rel, () -> {
          try (Sequential m = KerasModelFilesTest.load(rel)) {
            roundTrip(m, "converted.keras").close();
          }
        }));
  }

  @Test
  void keras2HardSigmoidCannotBeSavedAsKeras3() {
    try (Sequential m = KerasModelFilesTest.load("KonduitAI__dl4j-test-resources/tfkeras_act_2.h5")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> KerasModels.save(m, tmp.resolve("x.keras")));
      assertTrue(e.getMessage().contains("hard_sigmoid") && e.getMessage().contains("Dense 'dense_1'"), e.getMessage());
      assertTrue(Files.notExists(tmp.resolve("x.keras")));
    }
  }

  @Test
  void parameterisedActivationOnDenseSavesAsKerasActivationLayerOrIsRejected() {
    Path file = tmp.resolve("p.keras");
    try (Sequential m = new Sequential()) {
      m.add(Dense.builder(2).name("d").activation(Activations.leakyRelu(0.1f)).build())
          .add(Dense.builder(2).name("e").activation(Activations.relu(0, 6, 0)).build())
          .add(Dense.builder(2).name("f").activation(Activations.elu(0.5f)).build()).build(-1, 2);
      KerasModels.save(m, file);
    }
    try (Sequential back = KerasModels.load(file)) {
      assertEquals(Activations.leakyRelu(0.1f), ((Dense) back.layers().get(0)).activation());
      assertEquals(Activations.relu(0, 6, 0), ((Dense) back.layers().get(1)).activation());
      assertEquals(Activations.elu(0.5f), ((Dense) back.layers().get(2)).activation());
    }
    try (Sequential m = new Sequential()) {
      m.add(Dense.builder(2).name("g").activation(Activations.gelu(true)).build()).build(-1, 2);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> KerasModels.save(m, tmp.resolve("x.keras")));
      assertTrue(e.getMessage().startsWith("KerasModels.save: Dense 'g': activation gelu(approximate=true) has parameters"),
          e.getMessage());
      assertTrue(Files.notExists(tmp.resolve("x.keras")));
    }
  }

  @Test
  void reluLayerWithNegativeThresholdIsRejectedAsKerasWouldOnLoad() {
    try (Sequential m = new Sequential()) {
      m.add(Dense.builder(2).build()).add(new ReLU("r", 6f, 0f, -0.2f)).build(-1, 2);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> KerasModels.save(m, tmp.resolve("x.keras")));
      assertTrue(e.getMessage().contains("ReLU layer 'r'") && e.getMessage().contains("threshold=-0.2"), e.getMessage());
      assertTrue(Files.notExists(tmp.resolve("x.keras")));
    }
  }

  @Test
  void unbuiltModelIsRejected() {
    try (Sequential m = new Sequential("lazy")) {
      m.add(Dense.builder(2).build());
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> KerasModels.save(m, tmp.resolve("x.keras")));
      assertTrue(e.getMessage().contains("'lazy' is not built"), e.getMessage());
    }
  }

  @Test
  void tooManyLayersForOneGroupAreRejected() {
    try (Sequential m = new Sequential("deep")) {
      for (int i = 0; i <= Hdf5Writer.MAX_CHILDREN; i++) {
        m.add(Dense.builder(1).build());
      }
      m.build(-1, 1);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> KerasModels.save(m, tmp.resolve("x.keras")));
      assertTrue(e.getMessage().contains("at most 256") && e.getMessage().contains("257"), e.getMessage());
    }
  }
}
