// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.spark;

import dev.dense4j.backend.BlasThreading;
import dev.dense4j.keras.KerasModels;
import dev.dense4j.models.Predictor;
import dev.dense4j.models.Sequential;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The predictors of one JVM (a Spark executor, or the driver in local mode): one {@link Predictor}
 * per model content (SHA-256) and BLAS-thread cap, built on first use and shared by every task
 * thread of the JVM, closed when the JVM ends.
 *
 * <p>Thread-safety: {@link #get} may be called from any number of task threads at once; a model
 * is built exactly once (the other callers wait for it). A failed build is not cached, so a later
 * task tries again and reports the same error.
 */
public final class ExecutorPredictors {

  private static final Map<String, Predictor> CACHE = new ConcurrentHashMap<>();
  private static final AtomicLong BUILDS = new AtomicLong();

  static {
    Thread hook = new Thread(ExecutorPredictors::closeAll, "dense4j-spark-predictors-close");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  private ExecutorPredictors() {}

  /**
   * The predictor for a model, built from {@code bytes} (asked for only on the first call in this
   * JVM, so a broadcast is read once) with at most {@code blasThreads} BLAS threads.
   */
  static Predictor get(String sha256, Supplier<ModelBytes> bytes, int blasThreads) {
    return CACHE.computeIfAbsent(sha256 + "/" + blasThreads, key -> build(bytes.get(), blasThreads));
  }

  /** How many predictors this JVM has built since it started: one per model and BLAS-thread cap. */
  public static long buildCount() {
    return BUILDS.get();
  }

  /** How many predictors this JVM holds now. */
  public static int size() {
    return CACHE.size();
  }

  private static Predictor build(ModelBytes model, int blasThreads) {
    if (BlasThreading.scope() == BlasThreading.Scope.PROCESS && BlasThreading.processWide() > blasThreads) {
      // NOTE: a pthreads OpenBLAS has one thread count for the process; Spark's parallelism comes from
      // its task threads, so the executor takes the cap the transformer was given (see setBlasThreads).
      BlasThreading.setProcessWide(blasThreads);
    }
    Path file = null;
    try {
      file = Files.createTempFile("dense4j-model-", ".bin");
      Files.write(file, model.unsafeBytes());
      try (Sequential m = KerasModels.load(file)) {
        Predictor p = Predictor.builder(m).blasThreads(blasThreads).build();
        BUILDS.incrementAndGet();
        return p;
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("dense4j-spark: cannot load " + model + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("dense4j-spark: cannot stage " + model + " in " + System.getProperty("java.io.tmpdir")
          + ": " + e.getMessage(), e);
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException ignored) {
          // a temporary file left behind is harmless; the model is already in memory
        }
      }
    }
  }

  /** Closes every predictor (each frees its memory once its calls in flight return). */
  static void closeAll() {
    CACHE.values().forEach(Predictor::close);
    CACHE.clear();
  }
}
