// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dense4j.constraints.MaxNorm;
import dev.dense4j.constraints.MinMaxNorm;
import dev.dense4j.constraints.NonNeg;
import dev.dense4j.constraints.UnitNorm;
import dev.dense4j.initializers.VarianceScaling;
import dev.dense4j.initializers.Zeros;
import dev.dense4j.regularizers.L1L2;
import dev.dense4j.testing.KerasModelFiles;
import dev.dense4j.testing.MiniJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The Dense configs inside the real Keras files of {@code ../shared/keras-models} (JSON files, the
 * {@code config.json} of {@code .keras} zips, the {@code model_config} JSON text inside legacy
 * HDF5 files) resolve to the right objects with the right parameters. Runs when the directory
 * exists; required when {@code CI=true}.
 */
class KerasFileDenseConfigsTest {

  private static final String DL4J = "KonduitAI__dl4j-test-resources/";

  /** Every Dense config of every file, by file name. */
  private static Map<String, List<Map<String, Object>>> denseConfigs() {
    Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
    try (Stream<Path> files = Files.walk(KerasModelFiles.directory())) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        List<Map<String, Object>> found = new ArrayList<>();
        for (Object json : documents(f)) {
          collectDense(json, found);
        }
        if (!found.isEmpty()) {
          out.put(f.getParent().getFileName() + "/" + f.getFileName(), found);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static List<Object> documents(Path f) throws IOException {
    String name = f.getFileName().toString();
    if (name.endsWith(".json")) {
      return List.of(MiniJson.parse(Files.readString(f)));
    }
    if (name.endsWith(".keras")) {
      try (ZipFile zip = new ZipFile(f.toFile())) {
        var entry = zip.getEntry("config.json");
        return entry == null ? List.of()
            : List.of(MiniJson.parse(new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8)));
      }
    }
    if (name.endsWith(".h5") || name.endsWith(".hdf5")) {
      // the model_config attribute is JSON text stored verbatim in the file
      String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
      List<Object> docs = new ArrayList<>();
      for (int at = bytes.indexOf("{\"class_name\""); at >= 0; at = bytes.indexOf("{\"class_name\"", at + 1)) {
        try {
          Object[] parsed = MiniJson.parsePrefix(bytes, at);
          docs.add(parsed[0]);
          at = (int) parsed[1];
        } catch (RuntimeException notJson) {
          // a fragment that is not a whole document: keep scanning
        }
      }
      return docs;
    }
    return List.of();
  }

  @SuppressWarnings("unchecked")
  private static void collectDense(Object json, List<Map<String, Object>> out) {
    if (json instanceof Map<?, ?> m) {
      if ("Dense".equals(m.get("class_name")) && m.get("config") instanceof Map<?, ?> c) {
        out.add((Map<String, Object>) c);
      }
      m.values().forEach(v -> collectDense(v, out));
    } else if (json instanceof List<?> l) {
      l.forEach(v -> collectDense(v, out));
    }
  }

  @Test
  void everyKeras2And3DenseConfigResolvesAndRoundTrips() {
    int resolved = 0;
    for (var file : denseConfigs().entrySet()) {
      for (Map<String, Object> c : file.getValue()) {
        String where = file.getKey() + " " + c.get("name");
        if (c.containsKey("output_dim")) { // Keras 1: output_dim, init, W_regularizer, ...
          IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dense.fromConfig(c), where);
          assertTrue(e.getMessage().contains("unexpected config key"), e.getMessage());
          continue;
        }
        if (c.get("activation") instanceof Map<?, ?> fn && "custom_activation".equals(fn.get("config"))) {
          IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dense.fromConfig(c), where);
          assertTrue(e.getMessage().startsWith("Unknown activation 'custom_activation'"), e.getMessage());
          continue;
        }
        try (Dense d = Dense.fromConfig(c); Dense again = Dense.fromConfig(d.getConfig())) {
          assertEquals(((Number) c.get("units")).intValue(), d.units(), where);
          assertEquals(c.get("name"), d.name(), where);
          assertEquals(c.get("activation"), d.activation().name(), where);
          assertEquals(c.getOrDefault("use_bias", true), d.useBias(), where);
          assertEquals(c.get("kernel_regularizer") != null, d.kernelRegularizer() != null, where);
          assertEquals(c.get("kernel_constraint") != null, d.kernelConstraint() != null, where);
          assertEquals(c.get("bias_constraint") != null, d.biasConstraint() != null, where);
          assertEquals(d.getConfig(), again.getConfig(), where);
          resolved++;
        }
      }
    }
    assertTrue(resolved >= 50, "Dense configs resolved: " + resolved);
  }

  @Test
  void constraintsOfTheMnistMlpConfig() {
    Map<String, Dense> layers = byName(DL4J + "configs_keras2_mnist_mlp_constraint_tf_keras_2_config.json");
    assertEquals(List.of("dense_1", "dense_2", "dense_3", "dense_4"), List.copyOf(layers.keySet()));
    Dense d1 = layers.get("dense_1");
    assertEquals(new MaxNorm(2.0, 0), d1.kernelConstraint());
    assertEquals(2.0, ((MaxNorm) d1.kernelConstraint()).maxValue());
    assertNull(d1.biasConstraint());
    assertEquals(new NonNeg(), layers.get("dense_2").biasConstraint());
    assertNull(layers.get("dense_2").kernelConstraint());
    assertEquals(new UnitNorm(0), layers.get("dense_3").kernelConstraint());
    MinMaxNorm mm = (MinMaxNorm) layers.get("dense_4").biasConstraint();
    assertEquals(List.of(0.0, 1.0, 1.0), List.of(mm.minValue(), mm.maxValue(), mm.rate()));
    assertEquals(0, mm.axes()[0]);
    for (Dense d : layers.values()) {
      VarianceScaling k = (VarianceScaling) d.kernelInitializer();
      assertEquals(List.of(1.0, "fan_avg", "uniform"), List.of(k.scale(), k.mode(), k.distribution()));
      assertNull(k.seed());
      assertInstanceOf(Zeros.class, d.biasInitializer());
      assertEquals(512 == d.units() ? "relu" : "softmax", d.activation().name());
      d.close();
    }
  }

  @Test
  void l1l2OfTheRegularizerConfig() {
    Map<String, Dense> layers = byName(DL4J + "configs_keras2_l1l2_regularizer_dense_tf_keras_2_config.json");
    assertEquals(List.of("dense_80", "dense_81", "dense_82"), List.copyOf(layers.keySet()));
    L1L2 r = (L1L2) layers.get("dense_80").kernelRegularizer();
    assertEquals(0.0, r.l1());
    assertEquals(0.009999999776482582, r.l2(), "the float32-rounded value as written");
    assertEquals(new L1L2(0.0, 0.01), r, "the same regularizer as L1L2(l2=0.01)");
    assertNull(layers.get("dense_81").kernelRegularizer());
    assertEquals(1, layers.get("dense_82").units());
    layers.values().forEach(Dense::close);
  }

  @Test
  void zeroL1L2OfTheHls4mlTaggers() {
    Map<String, Dense> layers = byName("fastmachinelearning__example-models/KERAS_3layer.json");
    assertEquals(4, layers.size());
    for (Dense d : layers.values()) {
      assertEquals(new L1L2(0, 0), d.kernelRegularizer());
      VarianceScaling k = (VarianceScaling) d.kernelInitializer();
      assertEquals(List.of(1.0, "fan_in", "uniform"), List.of(k.scale(), k.mode(), k.distribution()));
      d.close();
    }
  }

  private static Map<String, Dense> byName(String file) {
    Path p = KerasModelFiles.file(file);
    String key = p.getParent().getFileName() + "/" + p.getFileName();
    Map<String, Dense> out = new LinkedHashMap<>();
    for (Map<String, Object> c : denseConfigs().get(key)) {
      Dense d = Dense.fromConfig(c);
      out.put(d.name(), d);
    }
    return out;
  }
}
