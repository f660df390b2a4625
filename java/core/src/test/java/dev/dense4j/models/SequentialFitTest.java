// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dense4j.activations.Activation;
import dev.dense4j.backend.Backend;
import dev.dense4j.layers.Dense;
import dev.dense4j.losses.MeanSquaredError;
import dev.dense4j.losses.Reduction;
import dev.dense4j.losses.SparseCategoricalCrossentropy;
import dev.dense4j.metrics.Metrics;
import dev.dense4j.optimizers.Adam;
import dev.dense4j.optimizers.SGD;
import dev.dense4j.tensor.Tensor;
import dev.dense4j.testing.TestBackends;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** compile / fit / evaluate / predict of {@link Sequential}. */
class SequentialFitTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void learnsALinearlySeparableProblem(Backend backend) {
    TestBackends.assumeAvailable(backend);
    Tensor[] d = TrainingData.classification(400, 3);
    try (Sequential m = TrainingData.mlp(backend, 1); Tensor x = d[0]; Tensor y = d[1]) {
      m.compile(Adam.builder().learningRate(0.02).backend(backend).build(), new SparseCategoricalCrossentropy(),
          Metrics.get("accuracy"));
      History h = m.fit(x, y, new FitOptions().epochs(15).batchSize(32).seed(2).validationSplit(0.25)
          .verbosity(Verbosity.SILENT));
      assertEquals(List.of("loss", "accuracy", "val_loss", "val_accuracy"), List.copyOf(h.history().keySet()));
      assertEquals(15, h.epochs().size());
      List<Double> loss = h.get("loss");
      assertTrue(loss.getLast() < 0.5 * loss.getFirst(), "loss fell: " + loss);
      assertTrue(h.get("val_accuracy").getLast() > 0.9, "val_accuracy " + h.get("val_accuracy"));
      Map<String, Double> eval = m.evaluate(x, y);
      assertTrue(eval.get("accuracy") > 0.9, "evaluate: " + eval);
      // predict agrees with the argmax the accuracy metric used
      float[] p = m.predict(x.toArray(), x.shape());
      assertEquals(400 * 3, p.length);
    }
  }

  @Test
  void trainOnBatchIsOneStepOfFit() {
    Tensor[] d = TrainingData.classification(32, 12);
    try (Sequential a = TrainingData.mlp(Backend.REFERENCE, 7); Sequential b = TrainingData.mlp(Backend.REFERENCE, 7);
        Tensor x = d[0]; Tensor y = d[1]) {
      a.compile(Adam.builder().backend(Backend.REFERENCE).build(), new SparseCategoricalCrossentropy());
      b.compile(Adam.builder().backend(Backend.REFERENCE).build(), new SparseCategoricalCrossentropy());
      double loss = 0;
      for (int i = 0; i < 2; i++) {
        loss = a.trainOnBatch(x, y);
      }
      History h = b.fit(x, y, new FitOptions().epochs(2).batchSize(32).shuffle(false).verbosity(Verbosity.SILENT));
      assertEquals(h.get("loss").get(1), loss, 1e-12);
      for (int i = 0; i < 4; i++) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(b.getWeights().get(i), a.getWeights().get(i));
      }
      assertEquals(2, a.optimizer().iterations());
    }
  }

  @Test
  void validationSplitHoldsOutTheLastSamples() {
    Tensor[] d = TrainingData.classification(40, 4);
    try (Sequential m = TrainingData.mlp(Backend.REFERENCE, 9); Tensor x = d[0]; Tensor y = d[1]) {
      m.compile(SGD.builder().learningRate(0).backend(Backend.REFERENCE).build(), new SparseCategoricalCrossentropy());
      History h = m.fit(x, y, new FitOptions().epochs(1).validationSplit(0.25).verbosity(Verbosity.SILENT));
      // with a zero learning rate the weights stay put: val_loss is the loss of samples 30..39
      try (Tensor vx = Tensor.of(java.util.Arrays.copyOfRange(x.toArray(), 30 * 8, 40 * 8), 10, 8);
          Tensor vy = Tensor.of(java.util.Arrays.copyOfRange(y.toArray(), 30, 40), 10)) {
        assertEquals(m.evaluate(vx, vy).get("loss"), h.get("val_loss").getFirst(), 1e-6);
      }
    }
  }

  @Test
  void epochLossIsTheBatchSizeWeightedMeanWithPenalties() {
    // one layer, zero learning rate: the epoch loss is the loss over all samples, batches of 3 + 2
    try (Sequential m = new Sequential();
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5}, 5, 1);
        Tensor y = Tensor.of(new float[] {0, 0, 0, 0, 0}, 5, 1)) {
      m.add(Dense.builder(1).kernelInitializer("ones").kernelRegularizer(new dev.dense4j.testing.L2Penalty(0.5))
          .backend(Backend.REFERENCE).build());
      m.compile(SGD.builder().learningRate(0).backend(Backend.REFERENCE).build(), new MeanSquaredError());
      History h = m.fit(x, y, new FitOptions().epochs(1).batchSize(3).shuffle(false).verbosity(Verbosity.SILENT));
      double expected = (1 + 4 + 9 + 16 + 25) / 5.0 + 0.5; // mean of squares + penalty 0.5·1²
      assertEquals(expected, h.get("loss").getFirst(), 1e-6);
      assertEquals(expected, m.evaluate(x, y).get("loss"), 1e-6);
    }
  }

  @Test
  void earlyStoppingStopsAndRestoresTheBestWeights() {
    Tensor[] d = TrainingData.classification(100, 5);
    try (Sequential m = TrainingData.mlp(Backend.REFERENCE, 3); Tensor x = d[0]; Tensor y = d[1]) {
      // a learning rate so large that the training loss gets worse: stop after `patience` bad epochs
      m.compile(SGD.builder().learningRate(50).backend(Backend.REFERENCE).build(), new SparseCategoricalCrossentropy());
      EarlyStopping stop = new EarlyStopping().monitor("loss").patience(2).restoreBestWeights(true);
      java.util.concurrent.atomic.AtomicReference<List<float[]>> best = new java.util.concurrent.atomic.AtomicReference<>();
      History h = m.fit(x, y, new FitOptions().epochs(30).seed(1).verbosity(Verbosity.SILENT).callbacks(stop,
          new Callback() {
            @Override
            public void onEpochEnd(Sequential model, int epoch, Map<String, Double> logs) {
              if (epoch == stop.bestEpoch()) {
                best.set(model.getWeights());
              }
            }
          }));
      assertTrue(h.epochs().size() < 30, "stopped early: " + h.get("loss"));
      assertEquals(h.epochs().getLast(), stop.stoppedEpoch());
      List<Double> loss = h.get("loss");
      int argmin = loss.indexOf(loss.stream().min(Double::compare).orElseThrow());
      assertEquals(argmin, stop.bestEpoch());
      for (int i = 0; i < best.get().size(); i++) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(best.get().get(i), m.getWeights().get(i), "weights restored");
      }
    }
  }

  @Test
  void progressOutputIsKerasLikeWhenAskedAndQuietOtherwise() {
    Tensor[] d = TrainingData.classification(64, 6);
    try (Sequential m = TrainingData.mlp(Backend.REFERENCE, 2); Tensor x = d[0]; Tensor y = d[1]) {
      m.compile(new Adam(), new SparseCategoricalCrossentropy(), Metrics.get("accuracy"));
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
      m.fit(x, y, new FitOptions().epochs(2).verbosity(Verbosity.PROGRESS_BAR).progressOutput(out));
      String text = buf.toString(StandardCharsets.UTF_8);
      assertTrue(text.matches("(?s)Epoch 1/2\n2/2 ━{20} \\d+s \\d+[mu]?s/step - accuracy: \\d\\.\\d{4} - loss: \\d\\.\\d{4}\n"
          + "Epoch 2/2\n2/2 .*"), text);
      buf.reset();
      m.fit(x, y, new FitOptions().epochs(1).verbosity(Verbosity.ONE_LINE_PER_EPOCH).progressOutput(out));
      assertTrue(buf.toString(StandardCharsets.UTF_8).matches("Epoch 1/1\n2/2 - \\d+s - \\d+[mu]?s/step - accuracy: .*\n"),
          buf.toString(StandardCharsets.UTF_8));
      buf.reset();
      m.fit(x, y, new FitOptions().epochs(1).verbosity(Verbosity.SILENT).progressOutput(out));
      m.fit(x, y, new FitOptions().epochs(1).progressOutput(out)); // AUTO: tests do not run on a terminal
      assertEquals("", buf.toString(StandardCharsets.UTF_8));
    }
  }

  @Test
  void summaryListsLayersShapesAndParameters() {
    try (Sequential m = TrainingData.mlp(Backend.REFERENCE, 1)) {
      String s = m.summary();
      assertTrue(s.startsWith("Model: \"" + m.name() + "\"\n┏"), s);
      assertTrue(s.contains("(Dense)") && s.contains("│ (None, 16)") && s.contains("│           144 │"), s);
      assertTrue(s.contains(" Total params: 195 (780.00 B)\n Trainable params: 195 (780.00 B)\n"
          + " Non-trainable params: 0 (0.00 B)\n"), s);
    }
  }

  @Test
  void misuseIsReportedClearly() {
    Tensor[] d = TrainingData.classification(10, 1);
    try (Sequential m = TrainingData.mlp(Backend.REFERENCE, 1); Tensor x = d[0]; Tensor y = d[1];
        Tensor wrong = Tensor.zeros(9)) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.fit(x, y, new FitOptions()));
      assertEquals("Sequential '" + m.name() + "' must be compiled before fit; call compile(optimizer, loss, metrics...)",
          e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> m.compile(new SGD(),
          new MeanSquaredError(Reduction.NONE, "mse")));
      m.compile("sgd", "sparse_categorical_crossentropy", "accuracy");
      IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> m.fit(x, wrong, new FitOptions()));
      assertEquals("Sequential '" + m.name() + "' fit: expected x of rank >= 2 and y with the same number of samples; "
          + "received x shape [10, 8], y shape [9]", bad.getMessage());
      assertEquals("fit: batch_size must be > 0; received batch_size=0",
          assertThrows(IllegalArgumentException.class, () -> new FitOptions().batchSize(0)).getMessage());
      assertEquals("fit: validation_split must be in [0, 1); received validation_split=1.0",
          assertThrows(IllegalArgumentException.class, () -> new FitOptions().validationSplit(1)).getMessage());
    }
  }

  @Test
  void customActivationsCannotBeTrained() {
    Activation custom = new Activation() {
      @Override
      public String name() {
        return "my_act";
      }

      @Override
      public void apply(float[] values, int offset, int rows, int cols) {}
    };
    try (Sequential m = new Sequential(); Tensor x = Tensor.zeros(2, 3); Tensor y = Tensor.zeros(2, 2)) {
      m.add(Dense.builder(2).activation(custom).backend(Backend.REFERENCE).build());
      m.compile(new SGD(), new MeanSquaredError());
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> m.fit(x, y, new FitOptions().verbosity(Verbosity.SILENT)));
      assertTrue(e.getMessage().endsWith("training needs a built-in activation on Dense; put a custom one (with its "
          + "derivative) in an activation layer after a linear Dense; received activation=my_act"), e.getMessage());
    }
  }
}
