// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dense4j.backend.Backend;
import dev.dense4j.initializers.GlorotUniform;
import dev.dense4j.layers.Dense;
import dev.dense4j.layers.Variable;
import dev.dense4j.losses.SparseCategoricalCrossentropy;
import dev.dense4j.metrics.Metrics;
import dev.dense4j.models.Sequential;
import dev.dense4j.optimizers.Adam;
import dev.dense4j.optimizers.ExponentialDecay;
import dev.dense4j.optimizers.Optimizer;
import dev.dense4j.optimizers.RMSprop;
import dev.dense4j.optimizers.SGD;
import dev.dense4j.tensor.Tensor;
import dev.dense4j.testing.KerasModelFiles;
import dev.dense4j.testing.TestBackends;
import io.jhdf.HdfFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code compile_config} and {@code optimizer/vars} in {@code .keras} files (Keras 3's layout, as
 * real Keras 3.11 files hold it): save → load → continue training gives, bit for bit, the weights
 * of training straight through.
 */
class KerasTrainingStateTest {

  @TempDir
  Path dir;

  static Stream<Arguments> optimizers() {
    List<Named<Supplier<Optimizer>>> o = List.of(
        Named.of("Adam(amsgrad)", () -> Adam.builder().learningRate(0.01).amsgrad(true).build()),
        Named.of("SGD(momentum, nesterov, ExponentialDecay)", () -> SGD.builder()
            .learningRate(new ExponentialDecay(0.1, 3, 0.5)).momentum(0.9).nesterov(true).build()),
        Named.of("RMSprop(centered, momentum)", () -> RMSprop.builder().learningRate(0.01).centered(true).momentum(0.5)
            .build()));
    return o.stream().map(Arguments::of);
  }

  private static Sequential model(Backend backend, Optimizer optimizer) {
    Sequential m = new Sequential("resume", backend);
    m.add(Dense.builder(12).name("hidden").activation("relu").kernelInitializer(new GlorotUniform(1L)).backend(backend)
        .build());
    m.add(Dense.builder(3).name("out").activation("softmax").kernelInitializer(new GlorotUniform(2L)).backend(backend)
        .build());
    m.build(-1, 5);
    m.compile(optimizer, new SparseCategoricalCrossentropy(), Metrics.get("accuracy"));
    return m;
  }

  private static Tensor[] batch(int step) {
    SplittableRandom rng = new SplittableRandom(100 + step);
    float[] x = new float[8 * 5];
    float[] y = new float[8];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rng.nextDouble(-1, 1);
    }
    for (int i = 0; i < y.length; i++) {
      y[i] = rng.nextInt(3);
    }
    return new Tensor[] {Tensor.of(x, 8, 5), Tensor.of(y, 8)};
  }

  private static void steps(Sequential m, int from, int to) {
    for (int s = from; s < to; s++) {
      Tensor[] b = batch(s);
      try (Tensor x = b[0]; Tensor y = b[1]) {
        m.trainOnBatch(x, y);
      }
    }
  }

  /** On the backend a loaded model runs on (the preferred one): the claim is per backend. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void saveLoadAndContinueEqualsTrainingStraightThrough(Supplier<Optimizer> optimizer) {
    Backend backend = Backend.preferred();
    if (TestBackends.nativeRequired()) {
      assertEquals(Backend.NATIVE, backend, "natives required");
    }
    Path file = dir.resolve("resume.keras");
    try (Sequential straight = model(backend, optimizer.get())) {
      steps(straight, 0, 4);
      KerasModels.save(straight, file);
      steps(straight, 4, 9);
      try (Sequential resumed = KerasModels.load(file)) {
        assertTrue(resumed.isCompiled());
        assertEquals(4, resumed.optimizer().iterations());
        assertEquals(straight.optimizer().getConfig(), resumed.optimizer().getConfig());
        assertEquals(backend, resumed.backend());
        steps(resumed, 4, 9);
        assertEquals(9, resumed.optimizer().iterations());
        List<float[]> a = straight.getWeights();
        List<float[]> b = resumed.getWeights();
        for (int i = 0; i < a.size(); i++) {
          assertArrayEquals(a.get(i), b.get(i), 0f, "weight " + i);
        }
        List<Variable> sa = straight.optimizer().slotVariables();
        List<Variable> sb = resumed.optimizer().slotVariables();
        assertEquals(sa.size(), sb.size());
        for (int i = 0; i < sa.size(); i++) {
          assertArrayEquals(sa.get(i).value().toArray(), sb.get(i).value().toArray(), 0f, sa.get(i).path());
        }
      }
    }
  }

  @Test
  void theFileHoldsKerasCompileConfigAndOptimizerVariables() throws Exception {
    Path file = dir.resolve("layout.keras");
    try (Sequential m = model(Backend.preferred(), Adam.builder().name("adam").learningRate(0.01).build())) {
      steps(m, 0, 3);
      KerasModels.save(m, file);
    }
    try (ZipFile zip = new ZipFile(file.toFile())) {
      JsonNode cc = Json.MAPPER.readTree(zip.getInputStream(zip.getEntry("config.json"))).get("compile_config");
      List<String> keys = new ArrayList<>();
      cc.fieldNames().forEachRemaining(keys::add);
      // the keys of Keras 3's Model.get_compile_config(), in its order
      assertEquals(List.of("optimizer", "loss", "loss_weights", "metrics", "weighted_metrics", "run_eagerly",
          "steps_per_execution", "jit_compile"), keys);
      assertEquals("Adam", cc.at("/optimizer/class_name").asText());
      assertEquals("keras.optimizers", cc.at("/optimizer/module").asText());
      assertEquals("SparseCategoricalCrossentropy", cc.at("/loss/class_name").asText());
      assertEquals("accuracy", cc.at("/metrics/0").asText());
      Path h5 = dir.resolve("w.h5");
      Files.write(h5, zip.getInputStream(zip.getEntry("model.weights.h5")).readAllBytes());
      try (HdfFile f = new HdfFile(h5)) {
        assertEquals("adam", f.getByPath("optimizer/vars").getAttribute("name").getData());
        assertEquals(3, ((Number) f.getDatasetByPath("optimizer/vars/0").getData()).intValue());
        assertEquals(0.01f, (float) f.getDatasetByPath("optimizer/vars/1").getData());
        // then momentum and velocity of each variable: hidden kernel, hidden bias, out kernel, out bias
        int[][] shapes = {{5, 12}, {5, 12}, {12}, {12}, {12, 3}, {12, 3}, {3}, {3}};
        for (int i = 0; i < shapes.length; i++) {
          assertArrayEquals(shapes[i], f.getDatasetByPath("optimizer/vars/" + (i + 2)).getDimensions(), "vars/" + (i + 2));
        }
        assertEquals(10, ((io.jhdf.api.Group) f.getByPath("optimizer/vars")).getChildren().size());
      }
    }
  }

  @Test
  void anUncompiledModelWritesAnEmptyCompileConfigAndCompileFalseSkipsIt() throws Exception {
    Path plain = dir.resolve("plain.keras");
    Path trained = dir.resolve("trained.keras");
    try (Sequential m = new Sequential("p")) {
      m.add(Dense.builder(2).build()).build(-1, 3);
      KerasModels.save(m, plain);
    }
    try (Sequential m = model(Backend.preferred(), new Adam())) {
      KerasModels.save(m, trained); // compiled, never trained: the slots are written as zeros
    }
    try (Sequential p = KerasModels.load(plain); Sequential t = KerasModels.load(trained);
        Sequential u = KerasModels.load(trained, LoadOptions.DEFAULT.withCompile(false))) {
      assertFalse(p.isCompiled());
      assertTrue(t.isCompiled());
      assertEquals(0, t.optimizer().iterations());
      assertEquals(8, t.optimizer().slotVariables().size());
      assertFalse(u.isCompiled());
    }
  }

  @Test
  void aRealKeras3FileRestoresItsAdamState() throws Exception {
    Path file = KerasModelFiles.file("Pankaj116-andc__NN/mnist_mlp.keras");
    try (Sequential m = KerasModels.load(file)) {
      assertTrue(m.isCompiled());
      Optimizer opt = m.optimizer();
      assertInstanceOf(Adam.class, opt);
      assertEquals(18750, opt.iterations());
      assertEquals(0.001, opt.learningRate(), 1e-9);
      assertInstanceOf(SparseCategoricalCrossentropy.class, m.loss());
      assertEquals("accuracy", m.metrics().getFirst().name());
      List<Variable> slots = opt.slotVariables();
      assertEquals(8, slots.size());
      // the slots are the file's optimizer/vars/2.. in order, read here with jHDF directly
      Path h5 = dir.resolve("mnist.weights.h5");
      try (ZipFile zip = new ZipFile(file.toFile())) {
        Files.write(h5, zip.getInputStream(zip.getEntry("model.weights.h5")).readAllBytes());
      }
      try (HdfFile f = new HdfFile(h5)) {
        for (int i = 0; i < slots.size(); i++) {
          Object data = f.getDatasetByPath("optimizer/vars/" + (i + 2)).getData();
          float[] flat = flatten(data);
          assertArrayEquals(flat, slots.get(i).value().toArray(), 0f, "slot " + i + " " + slots.get(i).path());
        }
      }
    }
  }

  private static float[] flatten(Object data) {
    if (data instanceof float[] f) {
      return f;
    }
    float[][] m = (float[][]) data;
    float[] out = new float[m.length * m[0].length];
    for (int i = 0; i < m.length; i++) {
      System.arraycopy(m[i], 0, out, i * m[0].length, m[0].length);
    }
    return out;
  }
}
