// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dense4j.backend.Precision;
import dev.dense4j.initializers.GlorotUniform;
import dev.dense4j.keras.KerasModels;
import dev.dense4j.layers.Dense;
import dev.dense4j.losses.SparseCategoricalCrossentropy;
import dev.dense4j.metrics.Metrics;
import dev.dense4j.models.FitOptions;
import dev.dense4j.models.Predictor;
import dev.dense4j.models.Sequential;
import dev.dense4j.models.Verbosity;
import dev.dense4j.optimizers.Adam;
import dev.dense4j.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Whole real models in bf16 and int8 against their fp32 predictor: the digits MLP that
 * {@code dense4j train} trains (64→64→10, on its held-out fifth) and the Keras 3 MNIST MLP of
 * {@code ../shared/keras-models} (784→128→10, on the digits upscaled to 28×28). Prints the max
 * abs error of the probabilities and the top-1 agreement, the numbers the README states.
 */
class PrecisionEndToEndTest {

  static final String MNIST = "Pankaj116-andc__NN/mnist_mlp.keras";

  @Test
  void digitsMlpInEachPrecision() {
    Train.Digits all = Train.load();
    int n = all.labels().length;
    int test = n / 5;
    int train = n - test;
    try (Tensor x = Tensor.of(java.util.Arrays.copyOf(all.x(), train * 64), train, 64);
        Tensor y = Tensor.of(java.util.Arrays.copyOf(all.labels(), train), train);
        Sequential model = new Sequential("digits_mlp")) {
      model.add(Dense.builder(64).activation("relu").kernelInitializer(new GlorotUniform(42L)).build());
      model.add(Dense.builder(10).activation("softmax").kernelInitializer(new GlorotUniform(43L)).build());
      model.build(-1, 64);
      model.compile(Adam.builder().learningRate(0.01).build(), new SparseCategoricalCrossentropy(),
          Metrics.get("accuracy"));
      model.fit(x, y, new FitOptions().epochs(30).batchSize(32).seed(42).verbosity(Verbosity.SILENT));
      float[] xt = java.util.Arrays.copyOfRange(all.x(), train * 64, n * 64);
      float[] labels = java.util.Arrays.copyOfRange(all.labels(), train, n);
      compare("digits MLP 64-64-10 (held-out " + test + ")", model, xt, test, labels, 0.98, 0.97);
    }
  }

  @Test
  void kerasMnistMlpInEachPrecision() {
    Path file = shared(MNIST);
    Train.Digits all = Train.load();
    int count = 500;
    float[] x = new float[count * 784];
    for (int s = 0; s < count; s++) {
      for (int r = 0; r < 24; r++) { // each 8x8 pixel becomes a 3x3 block, centred in 28x28
        for (int c = 0; c < 24; c++) {
          x[s * 784 + (r + 2) * 28 + c + 2] = all.x()[s * 64 + (r / 3) * 8 + c / 3];
        }
      }
    }
    try (Sequential model = KerasModels.load(file)) {
      compare("Keras MNIST MLP 784-128-10 (" + count + " upscaled digits)", model, x, count, null, 0.98, 0.97);
    }
  }

  // each precision against fp32: max abs error of the outputs, top-1 agreement (and accuracy with labels)
  private static void compare(String what, Sequential model, float[] x, int batch, float[] labels,
      double bf16Agreement, double int8Agreement) {
    float[] ref;
    try (Predictor p = Predictor.of(model)) {
      ref = p.predict(x, batch);
    }
    int classes = ref.length / batch;
    for (Precision precision : new Precision[] {Precision.BFLOAT16, Precision.INT8}) {
      try (Predictor p = Predictor.builder(model).precision(precision).build()) {
        float[] got = p.predict(x, batch);
        double maxErr = 0;
        int agree = 0;
        int correct = 0;
        int correctRef = 0;
        for (int i = 0; i < batch; i++) {
          int a = argmax(got, i * classes, classes);
          int b = argmax(ref, i * classes, classes);
          agree += a == b ? 1 : 0;
          if (labels != null) {
            correct += a == (int) labels[i] ? 1 : 0;
            correctRef += b == (int) labels[i] ? 1 : 0;
          }
          for (int j = 0; j < classes; j++) {
            maxErr = Math.max(maxErr, Math.abs(got[i * classes + j] - ref[i * classes + j]));
          }
        }
        double agreement = (double) agree / batch;
        System.out.printf(Locale.ROOT, "%s, %s vs FLOAT32: max abs error %.2e, top-1 agreement %.2f%%%s%n", what,
            precision, maxErr, 100 * agreement, labels == null ? ""
                : String.format(Locale.ROOT, ", accuracy %.2f%% (fp32 %.2f%%)", 100.0 * correct / batch,
                    100.0 * correctRef / batch));
        double need = precision == Precision.BFLOAT16 ? bf16Agreement : int8Agreement;
        assertTrue(agreement >= need, what + " " + precision + ": top-1 agreement " + agreement + " < " + need);
        assertTrue(maxErr < 0.1, what + " " + precision + ": max abs error " + maxErr);
      }
    }
  }

  private static int argmax(float[] v, int off, int n) {
    int best = 0;
    for (int j = 1; j < n; j++) {
      if (v[off + j] > v[off + best]) {
        best = j;
      }
    }
    return best;
  }

  private static Path shared(String rel) {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("shared/keras-models"))) {
      dir = dir.getParent();
    }
    Path file = dir == null ? null : dir.resolve("shared/keras-models").resolve(rel);
    if (file == null || !Files.exists(file)) {
      if ("true".equals(System.getenv("CI"))) {
        fail("../shared/keras-models/" + rel + " is required when CI=true");
      }
      assumeTrue(false, "../shared/keras-models/" + rel + " is not here");
    }
    return file;
  }
}
