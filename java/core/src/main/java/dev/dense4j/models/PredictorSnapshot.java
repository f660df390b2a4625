// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.models;

import dev.dense4j.backend.BlasThreading;
import dev.dense4j.backend.Precision;
import dev.dense4j.internal.engine.Plan;
import dev.dense4j.internal.engine.PlanCompiler;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

/** Compiles a built {@link Sequential} into a {@link Predictor} over a copy of its weights. */
final class PredictorSnapshot {

  private static final System.Logger LOG = System.getLogger("dev.dense4j");
  private static final AtomicBoolean WARNED = new AtomicBoolean();

  private PredictorSnapshot() {}

  static Predictor take(Sequential model, int sliceSize, int blasThreads, boolean capChosen, Precision precision) {
    int[] sample = sampleShape(model);
    Plan plan = PlanCompiler.snapshot("Predictor", model.layers(), sample, model.kernels(), sliceSize, blasThreads,
        precision);
    if (plan.usesBlas() && capChosen) { // the default cap never warns: only a cap the caller chose is theirs to act on
      warnIfProcessWideAbove(blasThreads);
    }
    return new Predictor(model.name(), plan, blasThreads, precision);
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
