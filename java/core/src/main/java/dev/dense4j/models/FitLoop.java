// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.models;

import dev.dense4j.internal.TensorCopy;
import dev.dense4j.metrics.Metric;
import dev.dense4j.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Keras' {@code fit} and {@code evaluate} loops over mini-batches. The samples are gathered into
 * off-heap batch buffers allocated once per call; the epoch's {@code loss} is the mean of the
 * batch losses weighted by batch size (Keras' loss tracker), metrics are accumulated over the
 * epoch from the same forward passes as the updates.
 */
final class FitLoop {

  private FitLoop() {}

  /** Which samples train and which validate: {@code validation_data}, or the last fraction of x. */
  private record Split(int trainCount, Tensor vx, Tensor vy, int valStart, int valCount, float[] valWeights) {
    static Split of(Sequential model, Tensor x, Tensor y, FitOptions o, int n, float[] sampleWeight) {
      if (o.validationX != null) {
        checkData(model, "fit (validation_data)", o.validationX, o.validationY, null);
        return new Split(n, o.validationX, o.validationY, 0, o.validationX.dim(0), null);
      }
      if (o.validationSplit > 0) {
        int train = (int) Math.ceil(n * (1.0 - o.validationSplit)); // Keras: the last samples validate
        return new Split(train, x, y, train, n - train, o.classWeight != null ? null : sampleWeight);
      }
      return new Split(n, null, null, 0, 0, null);
    }
  }

  static History fit(Sequential model, Tensor x, Tensor y, FitOptions o) {
    int n = checkData(model, "fit", x, y, o.sampleWeight);
    float[] weights = sampleWeights(model, y, o, n);
    Split split = Split.of(model, x, y, o, n, weights);
    History history = new History();
    ProgressBar progress = new ProgressBar(o.out, o.verbosity, ProgressBar.stdoutIsTerminal(), System::nanoTime);
    int batch = Math.max(1, Math.min(o.batchSize, Math.max(split.trainCount(), split.valCount())));
    try (TrainingSession session = new TrainingSession(model, model.loss(), maxShape(x, batch));
        Batches train = new Batches(x, y, batch);
        Batches val = split.valCount() == 0 ? null : new Batches(split.vx(), split.vy(), batch)) {
      model.resetStopTraining();
      for (Callback c : o.callbacks) {
        c.onTrainBegin(model);
      }
      Map<String, Double> logs = Map.of();
      SplittableRandom rng = new SplittableRandom(o.seed);
      int[] order = new int[split.trainCount()];
      for (int epoch = o.initialEpoch; epoch < o.epochs && !model.stopTrainingRequested(); epoch++) {
        fillOrder(order, o.shuffle ? rng : null);
        logs = epoch(model, session, train, val, split, order, o, weights, progress, epoch);
        history.record(epoch, logs);
      }
      for (Callback c : o.callbacks) {
        c.onTrainEnd(model, logs);
      }
    }
    return history;
  }

  // one epoch: callbacks around the training pass and the validation pass
  private static Map<String, Double> epoch(Sequential model, TrainingSession session, Batches train, Batches val,
      Split split, int[] order, FitOptions o, float[] weights, ProgressBar progress, int epoch) {
    for (Callback c : o.callbacks) {
      c.onEpochBegin(model, epoch);
    }
    Map<String, Double> logs = trainEpoch(model, session, train, order, o, weights, progress, epoch);
    if (val != null) {
      evaluate(model, session, val, split.valStart(), split.valCount(), split.valWeights())
          .forEach((k, v) -> logs.put("val_" + k, v));
    }
    progress.endEpoch(logs);
    for (Callback c : o.callbacks) {
      c.onEpochEnd(model, epoch, logs);
    }
    return logs;
  }

  private static Map<String, Double> trainEpoch(Sequential model, TrainingSession session, Batches data,
      int[] order, FitOptions o, float[] weights, ProgressBar progress, int epoch) {
    List<Metric> metrics = model.metrics();
    metrics.forEach(Metric::reset);
    int batch = data.capacity;
    int steps = (order.length + batch - 1) / batch;
    progress.beginEpoch(epoch, o.epochs, steps);
    double lossSum = 0;
    long seen = 0;
    Map<String, Double> logs = new LinkedHashMap<>();
    for (int s = 0; s < steps; s++) {
      int from = s * batch;
      int count = Math.min(batch, order.length - from);
      data.gather(order, from, count, weights);
      double loss = session.step(data.x, data.y, data.weights, true);
      model.optimizer().apply(session.gradients(), session.variables());
      for (Metric m : metrics) {
        m.update(data.y, session.output(), data.weights);
      }
      lossSum += loss * count;
      seen += count;
      logs = logs(lossSum / seen, metrics);
      for (Callback c : o.callbacks) {
        c.onTrainBatchEnd(model, s, logs);
      }
      progress.update(s + 1, logs);
    }
    return steps == 0 ? logs(0, metrics) : logs;
  }

  private static Map<String, Double> logs(double loss, List<Metric> metrics) {
    Map<String, Double> logs = new LinkedHashMap<>();
    logs.put("loss", loss);
    for (Metric m : metrics) {
      logs.put(m.name(), m.result());
    }
    return logs;
  }

  /** Loss and metrics over samples {@code [start, start + count)} of {@code data}, in order. */
  static Map<String, Double> evaluate(Sequential model, TrainingSession session, Batches data, int start,
      int count, float[] sampleWeight) {
    List<Metric> metrics = model.metrics();
    metrics.forEach(Metric::reset);
    int[] order = new int[count];
    for (int i = 0; i < count; i++) {
      order[i] = start + i;
    }
    double lossSum = 0;
    for (int from = 0; from < count; from += data.capacity) {
      int c = Math.min(data.capacity, count - from);
      data.gather(order, from, c, sampleWeight);
      lossSum += session.step(data.x, data.y, data.weights, false) * c;
      for (Metric m : metrics) {
        m.update(data.y, session.output(), data.weights);
      }
    }
    return logs(count == 0 ? 0 : lossSum / count, metrics);
  }

  /** {@code evaluate} on its own: a session for batches of {@code batchSize}. */
  static Map<String, Double> evaluate(Sequential model, Tensor x, Tensor y, int batchSize, float[] sampleWeight) {
    int n = checkData(model, "evaluate", x, y, sampleWeight);
    int batch = Math.max(1, Math.min(batchSize, n));
    try (TrainingSession session = new TrainingSession(model, model.loss(), maxShape(x, batch));
        Batches data = new Batches(x, y, batch)) {
      return evaluate(model, session, data, 0, n, sampleWeight);
    }
  }

  // the training samples' weights: the array, the scalar for every sample, or the class weights
  private static float[] sampleWeights(Sequential model, Tensor y, FitOptions o, int n) {
    if (o.classWeight == null) {
      if (o.scalarSampleWeight != null) {
        float[] w = new float[n];
        java.util.Arrays.fill(w, o.scalarSampleWeight);
        return w;
      }
      return o.sampleWeight;
    }
    if (o.sampleWeight != null || o.scalarSampleWeight != null) {
      throw new IllegalArgumentException("Sequential '" + model.name() + "' fit: class_weight and sample_weight cannot "
          + "be used at the same time; received both");
    }
    int width = y.rank() == 1 ? 1 : y.rank() == 2 ? y.dim(1) : -1;
    if (width < 1) {
      throw new IllegalArgumentException("Sequential '" + model.name() + "' fit: class_weight needs labels of shape (n,) "
          + "or (n, classes); received y shape " + Arrays.toString(y.shape()));
    }
    float[] labels = y.toArray();
    float[] w = new float[n];
    for (int i = 0; i < n; i++) {
      int cls;
      if (width == 1) {
        cls = (int) Math.rint(labels[i]);
      } else {
        cls = 0;
        for (int j = 1; j < width; j++) {
          cls = labels[i * width + j] > labels[i * width + cls] ? j : cls;
        }
      }
      w[i] = o.classWeight.getOrDefault(cls, 1.0).floatValue();
    }
    return w;
  }

  private static int[] maxShape(Tensor x, int batch) {
    int[] s = x.shape();
    s[0] = batch;
    return s;
  }

  private static void fillOrder(int[] order, SplittableRandom rng) {
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    if (rng != null) {
      for (int i = order.length - 1; i > 0; i--) { // Fisher–Yates
        int j = rng.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
    }
  }

  /** The checks of {@link #checkData} for {@code trainOnBatch}. */
  static void checkBatch(Sequential model, Tensor x, Tensor y, float[] sampleWeight) {
    checkData(model, "trainOnBatch", x, y, sampleWeight);
  }

  private static int checkData(Sequential model, String what, Tensor x, Tensor y, float[] sampleWeight) {
    if (x.rank() < 2 || y.rank() < 1 || x.dim(0) != y.dim(0)) {
      throw new IllegalArgumentException("Sequential '" + model.name() + "' " + what + ": expected x of rank >= 2 and y with the same number of samples; "
          + "received x shape " + Arrays.toString(x.shape()) + ", y shape " + Arrays.toString(y.shape()));
    }
    if (sampleWeight != null && sampleWeight.length != x.dim(0)) {
      throw new IllegalArgumentException("Sequential '" + model.name() + "' " + what + ": expected one sample weight per sample (" + x.dim(0)
          + "); received sample_weight.length=" + sampleWeight.length);
    }
    return x.dim(0);
  }

  /** Off-heap buffers for one batch of samples gathered from {@code x} and {@code y}. */
  static final class Batches implements AutoCloseable {
    final int capacity;
    private final Tensor srcX;
    private final Tensor srcY;
    private final long xRow;
    private final long yRow;
    private final Tensor bx;
    private final Tensor by;
    Tensor x;
    Tensor y;
    float[] weights;

    Batches(Tensor x, Tensor y, int capacity) {
      this.capacity = capacity;
      this.srcX = x;
      this.srcY = y;
      this.xRow = x.dim(0) == 0 ? 0 : x.size() / x.dim(0);
      this.yRow = y.dim(0) == 0 ? 0 : y.size() / y.dim(0);
      this.bx = Tensor.zeros(capacity, Math.toIntExact(Math.max(1, xRow)));
      Tensor b = null;
      try {
        b = Tensor.zeros(capacity, Math.toIntExact(Math.max(1, yRow)));
      } finally {
        if (b == null) {
          bx.close();
        }
      }
      this.by = b;
    }

    void gather(int[] order, int from, int count, float[] sampleWeight) {
      for (int i = 0; i < count; i++) {
        long r = order[from + i];
        TensorCopy.copy(srcX, r * xRow, bx, i * xRow, xRow);
        TensorCopy.copy(srcY, r * yRow, by, i * yRow, yRow);
      }
      x = TensorCopy.view(bx, count * xRow, shapeOf(srcX, count));
      y = TensorCopy.view(by, count * yRow, shapeOf(srcY, count));
      weights = null;
      if (sampleWeight != null) {
        weights = new float[count];
        for (int i = 0; i < count; i++) {
          weights[i] = sampleWeight[order[from + i]];
        }
      }
    }

    private static int[] shapeOf(Tensor t, int rows) {
      int[] s = t.shape();
      s[0] = rows;
      return s;
    }

    @Override
    public void close() {
      try {
        bx.close();
      } finally {
        by.close();
      }
    }
  }
}
