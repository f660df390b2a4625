// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.models;

import dev.dense4j.backend.BlasThreading;
import dev.dense4j.layers.ActivationLayerBase;
import dev.dense4j.layers.Dense;
import dev.dense4j.layers.Dropout;
import dev.dense4j.layers.Flatten;
import dev.dense4j.layers.Layer;
import dev.dense4j.tensor.Tensor;
import java.lang.System.Logger.Level;
import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** Turns a built {@link Sequential} into the frozen stages of a {@link Predictor}. */
final class PredictorSnapshot {

  private static final System.Logger LOG = System.getLogger("dev.dense4j");
  private static final AtomicBoolean WARNED = new AtomicBoolean();

  private PredictorSnapshot() {}

  static Predictor take(Sequential model, int sliceSize, int blasThreads, boolean capChosen) {
    int[] sample = sampleShape(model);
    Arena weights = Arena.ofShared();
    try {
      List<Stage> stages = new ArrayList<>();
      int[] shape = sample;
      boolean usesBlas = false;
      for (Layer layer : model.layers()) {
        int[] next = withoutBatch(layer.computeOutputShape(withBatch(shape)));
        switch (layer) {
          case Dense dense -> {
            DenseStage stage = new DenseStage(dense, shape, weights, blasThreads);
            usesBlas |= stage.usesNative();
            stages.add(stage);
          }
          case ActivationLayerBase activation -> stages.add(new ActivationStage(activation, shape));
          case Dropout _ -> { } // the identity at inference
          case Flatten _ -> { } // row-major data is already flat
          default -> stages.add(new LayerStage(layer, shape, width(layer, shape), width(layer, next)));
        }
        shape = next;
      }
      if (usesBlas && capChosen) { // the default cap never warns: only a cap the caller chose is theirs to act on
        warnIfProcessWideAbove(blasThreads);
      }
      Stage[] frozen = stages.toArray(new Stage[0]);
      return new Predictor(model.name(), frozen, sample, shape, clampSlice(sliceSize, frozen, sample, shape), blasThreads, weights);
    } catch (RuntimeException | Error e) {
      weights.close();
      throw e;
    }
  }

  private static int[] sampleShape(Sequential model) {
    int[] batchShape = model.inputShape(); // throws when the model is not built
    int[] sample = Arrays.copyOfRange(batchShape, 1, batchShape.length);
    for (int d : sample) {
      if (d <= 0) {
        throw new IllegalArgumentException("Predictor: the model's input shape must be known but for the batch; "
            + "received input shape " + Arrays.toString(batchShape) + " of Sequential '" + model.name() + "'");
      }
    }
    return sample;
  }

  private static int[] withBatch(int[] sample) {
    int[] s = new int[sample.length + 1];
    s[0] = 1;
    System.arraycopy(sample, 0, s, 1, sample.length);
    return s;
  }

  private static int[] withoutBatch(int[] shape) {
    return Arrays.copyOfRange(shape, 1, shape.length);
  }

  private static int width(Layer layer, int[] sample) {
    long n = Tensor.elementCount(sample);
    if (n <= 0 || n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("Predictor: layer '" + layer.name() + "' has a sample shape of "
          + n + " values; expected 1 to " + Integer.MAX_VALUE + ", received shape " + Arrays.toString(sample));
    }
    return (int) n;
  }

  // a slice of samples must fit int indexing in every buffer
  private static int clampSlice(int sliceSize, Stage[] stages, int[] in, int[] out) {
    int widest = (int) Math.max(Tensor.elementCount(in), Tensor.elementCount(out));
    for (Stage s : stages) {
      widest = Math.max(widest, Math.max(Math.max(s.inWidth(), s.outWidth()), s.spareWidth()));
    }
    return Math.max(1, Math.min(sliceSize, Integer.MAX_VALUE / widest));
  }

  private static void warnIfProcessWideAbove(int cap) {
    if (BlasThreading.scope() != BlasThreading.Scope.PROCESS) {
      return;
    }
    int processWide = BlasThreading.processWide();
    if (processWide > cap && WARNED.compareAndSet(false, true)) {
      LOG.log(Level.WARNING, "dense4j Predictor: this OpenBLAS (pthreads) has one process-wide thread count, {0}, "
          + "above the predictor''s cap of {1}; dense4j does not change it behind the application''s back. "
          + "Call BlasThreading.setProcessWide({1}) at start-up or set OPENBLAS_NUM_THREADS={1}.", processWide, cap);
    }
  }
}
