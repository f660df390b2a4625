// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.engine;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import dev.dense4j.tensor.Tensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A model compiled for inference: its layers as stages, run slice by slice over a batch,
 * ping-ponging between the two buffers of a pooled {@link Workspace}. The one inference engine:
 * {@code Predictor}, {@code Sequential.predict}, the CLI and the server all run a plan.
 *
 * <p>Thread-safe: any number of calls may run at once; each borrows its own workspace. Callers
 * check their arguments first (the plan trusts them) and call {@link #free()} once no call is in
 * flight.
 */
public final class Plan {

  private final Stage[] stages;
  private final int[] inputShape;
  private final int[] outputShape;
  private final int inputWidth;
  private final int outputWidth;
  private final int sliceSize;
  private final WorkspacePool pool;
  private final Arena weights; // the copied weights of a snapshot, or null

  Plan(Stage[] stages, int[] inputShape, int[] outputShape, int sliceSize, Arena weights) {
    this.weights = weights;
    this.stages = stages;
    this.inputShape = inputShape.clone();
    this.outputShape = outputShape.clone();
    this.inputWidth = Math.toIntExact(Tensor.elementCount(inputShape));
    this.outputWidth = Math.toIntExact(Tensor.elementCount(outputShape));
    int width = Math.max(inputWidth, outputWidth);
    for (Stage s : stages) {
      width = Math.max(width, Math.max(s.inWidth(), s.outWidth()));
    }
    this.sliceSize = Math.max(1, Math.min(sliceSize, Integer.MAX_VALUE / Math.max(1, width)));
    this.pool = new WorkspacePool(width, this.sliceSize);
  }

  /** The shape of one input sample. */
  public int[] inputShape() {
    return inputShape.clone();
  }

  /** The shape of one output sample. */
  public int[] outputShape() {
    return outputShape.clone();
  }

  public int inputWidth() {
    return inputWidth;
  }

  public int outputWidth() {
    return outputWidth;
  }

  /** The most samples one slice computes at once. */
  public int sliceSize() {
    return sliceSize;
  }

  public int stageCount() {
    return stages.length;
  }

  /** Bytes of the Dense weights the plan holds (packed kernels, row-major copies, biases). */
  public long weightBytes() {
    long bytes = 0;
    for (Stage s : stages) {
      if (s instanceof DenseStage d) {
        bytes += d.weightBytes();
      }
    }
    return bytes;
  }

  /** True when a stage calls the BLAS. */
  public boolean usesBlas() {
    for (Stage s : stages) {
      if (s.usesBlas()) {
        return true;
      }
    }
    return false;
  }

  /** True when {@code t} is {@code batch} input samples; allocates nothing. */
  public boolean matchesInput(Tensor t, int batch) {
    return matches(t, batch, inputShape);
  }

  /** True when {@code t} is {@code batch} output samples; allocates nothing. */
  public boolean matchesOutput(Tensor t, int batch) {
    return matches(t, batch, outputShape);
  }

  private static boolean matches(Tensor t, int batch, int[] sample) {
    if (t.rank() != sample.length + 1 || t.dim(0) != batch) {
      return false;
    }
    for (int i = 0; i < sample.length; i++) {
      if (t.dim(i + 1) != sample[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Runs the first {@code batch} samples of {@code input} into the first {@code batch} samples of
   * {@code output}. NOTE: not written as the segment form over {@code MemorySegment.ofArray} views:
   * those views escape through the slice loop and cost 144 B per call (PredictorAllocationTest).
   */
  public void run(float[] input, int batch, float[] output) {
    if (batch == 0) {
      return;
    }
    Workspace ws = pool.acquire();
    try {
      for (int done = 0; done < batch; ) {
        int n = Math.min(sliceSize, batch - done);
        ws.ensure(n);
        MemorySegment.copy(input, done * inputWidth, ws.a(), JAVA_FLOAT, 0, n * inputWidth);
        MemorySegment result = runStages(n, ws);
        MemorySegment.copy(result, JAVA_FLOAT, 0, output, done * outputWidth, n * outputWidth);
        done += n;
      }
    } finally {
      pool.release(ws);
    }
  }

  /** As {@link #run(float[], int, float[])}, between segments. */
  public void run(MemorySegment input, int batch, MemorySegment output) {
    if (batch == 0) {
      return;
    }
    Workspace ws = pool.acquire();
    try {
      long inBytes = (long) inputWidth * Float.BYTES;
      long outBytes = (long) outputWidth * Float.BYTES;
      for (int done = 0; done < batch; ) {
        int n = Math.min(sliceSize, batch - done);
        ws.ensure(n);
        MemorySegment.copy(input, done * inBytes, ws.a(), 0, n * inBytes);
        MemorySegment result = runStages(n, ws);
        MemorySegment.copy(result, 0, output, done * outBytes, n * outBytes);
        done += n;
      }
    } finally {
      pool.release(ws);
    }
  }

  // the stages in order, ping-ponging between the workspace's two buffers; returns the last output
  private MemorySegment runStages(int samples, Workspace ws) {
    MemorySegment x = ws.a();
    MemorySegment y = ws.b();
    for (Stage stage : stages) {
      stage.run(samples, x, y, ws);
      MemorySegment t = x;
      x = y;
      y = t;
    }
    return x;
  }

  /** The number of workspaces made: the peak number of concurrent calls. */
  public int workspaceCount() {
    return pool.size();
  }

  /** Frees the workspaces and a snapshot's weights; only once no call is in flight. */
  public void free() {
    try {
      pool.free();
    } finally {
      if (weights != null) {
        weights.close();
      }
    }
  }
}
