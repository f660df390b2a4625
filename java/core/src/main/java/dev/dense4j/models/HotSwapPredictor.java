// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.models;

import dev.dense4j.tensor.Tensor;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Predictor} that can be replaced while calls are running, e.g. after retraining or when
 * the model file changes.
 *
 * <p>Each call runs entirely on one predictor: the one current when it started, or, if a swap
 * closed that one in between, its successor; so no call fails or mixes two models because of a
 * swap. {@link #swap} publishes the new predictor and then closes the old one, whose native memory
 * is freed when its last call returns. Calls allocate nothing, as with {@link Predictor}, and
 * never wait: once this holder is closed, or its current predictor was closed by another holder
 * (not through {@link #swap}), a call throws {@link IllegalStateException}.
 *
 * {@snippet :
 * HotSwapPredictor live = new HotSwapPredictor(Predictor.of(model));
 * // request threads:  live.predict(in, batch, out);
 * // on a new model:   live.swap(Predictor.of(retrained));
 * }
 */
public final class HotSwapPredictor implements AutoCloseable {

  private final AtomicReference<Predictor> current;
  private final int[] inputShape;
  private final int[] outputShape;
  private final AtomicLong swaps = new AtomicLong();
  private volatile boolean closed;

  /** Serves {@code initial}, which this holder now owns and closes. */
  public HotSwapPredictor(Predictor initial) {
    Objects.requireNonNull(initial, "initial");
    if (initial.isClosed()) {
      throw new IllegalArgumentException("HotSwapPredictor: expected an open predictor; received " + initial);
    }
    this.current = new AtomicReference<>(initial);
    this.inputShape = initial.inputShape();
    this.outputShape = initial.outputShape();
  }

  /** The predictor serving new calls now. */
  public Predictor current() {
    return current.get();
  }

  /** How many times {@link #swap} has replaced the predictor. */
  public long swapCount() {
    return swaps.get();
  }

  public int inputWidth() {
    return current.get().inputWidth();
  }

  public int outputWidth() {
    return current.get().outputWidth();
  }

  /** See {@link Predictor#predict(float[], int, float[])}. */
  public void predict(float[] input, int batch, float[] output) {
    Predictor p = enter();
    try {
      p.checkArrays(input, batch, output);
      p.runArrays(input, batch, output);
    } finally {
      p.exit();
    }
  }

  /** See {@link Predictor#predict(float[], int)}. */
  public float[] predict(float[] input, int batch) {
    Predictor p = enter();
    try {
      if (batch < 0 || (long) batch * p.outputWidth() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("HotSwapPredictor: batch must be in [0, "
            + Integer.MAX_VALUE / p.outputWidth() + "]; received batch=" + batch);
      }
      float[] out = new float[batch * p.outputWidth()];
      p.checkArrays(input, batch, out);
      p.runArrays(input, batch, out);
      return out;
    } finally {
      p.exit();
    }
  }

  /** See {@link Predictor#predict(Tensor, Tensor)}. */
  public void predict(Tensor input, Tensor output) {
    Predictor p = enter();
    try {
      int batch = p.checkTensors(input, output);
      p.runTensors(input, batch, output);
    } finally {
      p.exit();
    }
  }

  // the current predictor, entered. A failed entry is retried only when a swap replaced the
  // predictor after it was read (swap publishes the successor before closing the old one), so the
  // loop never waits: a predictor closed by anything but a swap fails the call at once.
  private Predictor enter() {
    while (true) {
      Predictor p = current.get();
      if (p.tryEnter()) {
        return p;
      }
      if (closed) {
        throw new IllegalStateException("HotSwapPredictor is closed");
      }
      if (current.get() == p) {
        throw new IllegalStateException("HotSwapPredictor: its current predictor was closed by another holder;"
            + " swap in an open one; received " + p);
      }
    }
  }

  /**
   * Serves {@code next} from now on and closes the previous predictor (its memory is freed when its
   * last call returns). {@code next} must take and give samples of the same shapes.
   *
   * @throws IllegalArgumentException when the shapes differ; the current predictor stays
   */
  public void swap(Predictor next) {
    Objects.requireNonNull(next, "next");
    if (!Arrays.equals(inputShape, next.inputShape()) || !Arrays.equals(outputShape, next.outputShape())) {
      throw new IllegalArgumentException("HotSwapPredictor: the new model must keep the sample shapes "
          + Arrays.toString(inputShape) + " -> " + Arrays.toString(outputShape) + "; received "
          + Arrays.toString(next.inputShape()) + " -> " + Arrays.toString(next.outputShape()));
    }
    if (next.isClosed()) {
      throw new IllegalArgumentException("HotSwapPredictor: expected an open predictor; received " + next);
    }
    synchronized (this) {
      if (closed) {
        next.close();
        throw new IllegalStateException("HotSwapPredictor is closed");
      }
      Predictor old = current.getAndSet(next);
      swaps.incrementAndGet();
      if (old != next) {
        old.close();
      }
    }
  }

  public boolean isClosed() {
    return closed;
  }

  /** Refuses new calls and closes the current predictor (freed when its last call returns). */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      current.get().close();
    }
  }
}
