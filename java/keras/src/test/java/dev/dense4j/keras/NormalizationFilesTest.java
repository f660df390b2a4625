// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dense4j.layers.BatchNormalization;
import dev.dense4j.layers.Dense;
import dev.dense4j.layers.Dropout;
import dev.dense4j.layers.Layer;
import dev.dense4j.layers.LayerNormalization;
import dev.dense4j.layers.Normalization;
import dev.dense4j.layers.Rescaling;
import dev.dense4j.layers.TrainableLayer;
import dev.dense4j.layers.Variable;
import dev.dense4j.models.Predictor;
import dev.dense4j.models.Sequential;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The normalization layers in files: real Keras 3.15.1 files (norm/, written by
 * conformance/python/make_norm_fixtures.py, see norm/meta.json) predict what Keras predicted, as
 * {@code .keras} and as legacy {@code .h5}, through {@code Sequential.predict} and the folded
 * {@link Predictor}; dense4j's own files round-trip; legacy weight names order the weights.
 */
class NormalizationFilesTest {

  /** Keras on JAX and dense4j differ in summation order and in rsqrt vs 1/sqrt: float32 rounding of a few layers. */
  private static final double REL = 2e-5;
  private static final double ABS = 2e-6;

  @TempDir
  Path tmp;

  private Path fixture(String name) throws IOException {
    Path p = tmp.resolve(name);
    try (InputStream in = getClass().getResourceAsStream("norm/" + name)) {
      Files.copy(in, p, StandardCopyOption.REPLACE_EXISTING);
    }
    return p;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"bn_mlp.keras", "bn_mlp.h5", "ln_mlp.keras", "ln_mlp.h5"})
  void realKerasFilesPredictWhatKerasPredicted(String file) throws IOException {
    String base = file.substring(0, file.indexOf('.'));
    JsonNode expected = Json.MAPPER.readTree(Files.readAllBytes(fixture(base + ".json")));
    int rows = expected.get("shape").get(0).asInt();
    int cols = expected.get("shape").get(1).asInt();
    float[] x = new float[rows * cols];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        x[r * cols + c] = (float) expected.get("inputs").get(r).get(c).asDouble();
      }
    }
    try (Sequential m = KerasModels.load(fixture(file)); Predictor p = Predictor.of(m)) {
      float[] live = m.predict(x, rows, cols);
      float[] folded = p.predict(x, rows);
      for (int r = 0; r < rows; r++) {
        double want = expected.get("predictions").get(r).get(0).asDouble();
        assertEquals(want, live[r], ABS + REL * Math.abs(want), file + " Sequential.predict row " + r);
        assertEquals(want, folded[r], ABS + REL * Math.abs(want), file + " Predictor row " + r);
      }
      if (base.equals("bn_mlp")) {
        BatchNormalization bn = (BatchNormalization) m.layers().get(5);
        assertEquals(0.9f, bn.momentum());
        assertEquals(1e-2f, bn.epsilon());
        assertFalse(bn.center());
        assertTrue(m.layers().get(0) instanceof Normalization n && n.inputMean() == null);
        assertTrue(m.layers().get(3) instanceof Dropout);
      } else {
        assertTrue(m.layers().get(0) instanceof Rescaling r && r.scale() == 0.5f && r.offset() == -1f);
        assertTrue(((LayerNormalization) m.layers().get(4)).rmsScaling());
      }
    }
  }

  @Test
  void dense4jFilesRoundTripEveryNormalizationLayer() {
    SplittableRandom rng = new SplittableRandom(11);
    Path file = tmp.resolve("norm.keras");
    Normalization adapted = new Normalization();
    try (Sequential m = new Sequential("norm_model")
        .add(adapted)
        .add(Normalization.builder().axisNone(true).invert(true).meanAndVariance(new float[] {0.5f}, new float[] {4}).build())
        .add(new Rescaling(0.25f, 1))
        .add(Dense.builder(5).build())
        .add(BatchNormalization.builder().momentum(0.8).epsilon(1e-4).scale(false).build())
        .add(new Dropout(0.1f))
        .add(Dense.builder(4).activation("relu").build())
        .add(LayerNormalization.builder().epsilon(1e-5).build())
        .add(LayerNormalization.builder().rmsScaling(true).build())
        .add(new BatchNormalization())
        .add(Dense.builder(2).activation("softmax").build())) {
      m.build(-1, 3);
      float[] data = random(rng, 60, 4);
      adapted.adapt(data, 20, 3);
      for (Variable v : m.variables()) {
        if (!v.name().equals("count")) {
          float[] a = random(rng, (int) v.value().size(), 1);
          if (v.name().equals("moving_variance") || v.name().equals("variance")) {
            for (int i = 0; i < a.length; i++) {
              a[i] = Math.abs(a[i]) + 0.1f;
            }
          }
          v.value().copyFrom(a);
        }
      }
      KerasModels.save(m, file);
      float[] x = random(rng, 9 * 3, 3);
      try (Sequential back = KerasModels.load(file)) {
        assertEquals(m.layers().size(), back.layers().size());
        for (int i = 0; i < m.layers().size(); i++) {
          Layer a = m.layers().get(i);
          Layer b = back.layers().get(i);
          assertEquals(a.getClass(), b.getClass());
          assertEquals(config(a), config(b), "config of " + a.name());
          if (a instanceof TrainableLayer ta) {
            List<Variable> va = ta.variables();
            List<Variable> vb = ((TrainableLayer) b).variables();
            assertEquals(va.stream().map(Variable::path).toList(), vb.stream().map(Variable::path).toList());
            for (int j = 0; j < va.size(); j++) {
              assertArrayEquals(va.get(j).value().toArray(), vb.get(j).value().toArray(), 0f, va.get(j).path());
            }
          }
        }
        assertArrayEquals(m.predict(x, 9, 3), back.predict(x, 9, 3), 0f);
      }
    }
  }

  private static Object config(Layer l) {
    return switch (l) {
      case BatchNormalization b -> b.getConfig();
      case LayerNormalization n -> n.getConfig();
      case Normalization n -> n.getConfig();
      case Rescaling r -> r.getConfig();
      case Dense d -> d.getConfig();
      default -> l.toString();
    };
  }

  @Test
  void legacyWeightNamesGiveTheOrder() {
    assertEquals("gamma", NormalizationWeights.stem("/model_weights/batch_normalization/batch_normalization/gamma:0"));
    assertEquals("moving_variance", NormalizationWeights.stem("batch_normalization_1/moving_variance:0"));
    assertEquals("moving_mean", NormalizationWeights.stem("bn_mlp/batch_normalization/moving_mean"));
    assertEquals("moving_variance", NormalizationWeights.stem("batchnormalization_1_running_std"));
    assertEquals("moving_mean", NormalizationWeights.stem("batchnormalization_1_running_mean"));
    assertEquals("mean", NormalizationWeights.stem("normalization/mean"));
    assertEquals("count", NormalizationWeights.stem("normalization/count"));
    assertEquals("0", NormalizationWeights.stem("layers/batch_normalization/vars/0"));
  }

  @Test
  void badConfigsAreRejectedWithTheirKey() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BatchNormalization.fromConfig(java.util.Map.of("name", "bn", "renorm", true)));
    assertTrue(e.getMessage().contains("BatchNormalization 'bn': renorm must be false") && e.getMessage().contains("renorm=true"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> BatchNormalization.builder().axis(1).build().build(-1, 4, 3));
    assertTrue(e.getMessage().contains("only the last axis") && e.getMessage().contains("axis=1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Rescaling.fromConfig(java.util.Map.of("scale", List.of(1, 2))));
    assertTrue(e.getMessage().contains("Rescaling: scale must be a number"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Normalization.fromConfig(java.util.Map.of("axis", 0)));
    assertTrue(e.getMessage().contains("axis must be -1 or None") && e.getMessage().contains("axis=0"), e.getMessage());
  }

  static float[] random(SplittableRandom rng, int n, double scale) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) ((rng.nextDouble() * 2 - 1) * scale);
    }
    return a;
  }
}
