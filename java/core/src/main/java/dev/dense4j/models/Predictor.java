// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.models;

import dev.dense4j.backend.BlasThreading;
import dev.dense4j.backend.Precision;
import dev.dense4j.internal.engine.Checks;
import dev.dense4j.internal.engine.Plan;
import dev.dense4j.tensor.Tensor;
import java.util.Arrays;
import java.util.Objects;

/**
 * Inference over an immutable snapshot of a {@link Sequential}, for servers:
 * {@code output = model(input)} from any number of platform or virtual threads at once.
 *
 * <ul>
 *   <li><b>Snapshot</b>: the weights are copied into the predictor's own native memory when it is
 *       built; later {@code setWeights}, training or {@code close()} of the model do not affect it.
 *   <li><b>No allocation per call</b> on {@link #predict(float[], int, float[])} and
 *       {@link #predict(Tensor, Tensor)} in steady state (native backend, built-in activations):
 *       each call borrows working memory from a lock-free pool that grows only with the peak
 *       number of concurrent calls and the batch size (up to {@link Builder#sliceSize}; larger
 *       batches run slice by slice).
 *   <li><b>Close</b>: {@link #close()} refuses new calls at once and frees the native memory when
 *       the last call in flight returns; a call on a closed predictor throws
 *       {@link IllegalStateException}.
 *   <li><b>BLAS threads</b>: at most {@link Builder#blasThreads} per call where the BLAS has a
 *       per-thread count; see {@link BlasThreading} for the process-wide case.
 * </ul>
 *
 * <p>Shapes: a sample has the model's input shape without the batch dimension
 * ({@link #inputShape()}); arrays hold {@code batch} samples row-major, {@link #inputWidth()}
 * values each in, {@link #outputWidth()} values each out.
 *
 * {@snippet :
 * try (Predictor p = Predictor.of(model)) {   // model built for (-1, 784)
 *   float[] out = new float[32 * p.outputWidth()];
 *   p.predict(pixels, 32, out);               // from any thread; allocates nothing
 * }
 * }
 */
public final class Predictor implements AutoCloseable {

  /** Samples per slice unless {@link Builder#sliceSize} says otherwise. */
  public static final int DEFAULT_SLICE_SIZE = 256;

  private final String name;
  private final String owner;
  private final Plan plan;
  private final int blasThreads;
  private final CallGate gate;
  private final Precision precision;

  Predictor(String name, Plan plan, int blasThreads, Precision precision) {
    this.precision = precision;
    this.name = name;
    this.owner = "Predictor '" + name + "'";
    this.plan = plan;
    this.blasThreads = blasThreads;
    this.gate = new CallGate(plan::free);
  }

  /** A predictor with the default slice size and one BLAS thread per call. */
  public static Predictor of(Sequential model) {
    return builder(model).build();
  }

  /** A builder for a predictor over a snapshot of {@code model}, which must be built. */
  public static Builder builder(Sequential model) {
    return new Builder(Objects.requireNonNull(model, "model"));
  }

  /** The name of the model this predictor was made from. */
  public String name() {
    return name;
  }

  /** The shape of one input sample (the model's input shape without the batch). */
  public int[] inputShape() {
    return plan.inputShape();
  }

  /** The shape of one output sample. */
  public int[] outputShape() {
    return plan.outputShape();
  }

  /** Values per input sample. */
  public int inputWidth() {
    return plan.inputWidth();
  }

  /** Values per output sample. */
  public int outputWidth() {
    return plan.outputWidth();
  }

  /** The most samples one slice of a call computes at once. */
  public int sliceSize() {
    return plan.sliceSize();
  }

  /** The arithmetic of the Dense layers (see {@link Builder#precision}). */
  public Precision precision() {
    return precision;
  }

  /**
   * Bytes of Dense weights this predictor holds: the packed kernels, the biases and, for
   * {@link Precision#FLOAT32}, the row-major copy the BLAS reads for large batches. With
   * {@code k × n} kernels the packed part is about {@code 4kn} (fp32), {@code 2kn} (bf16) and
   * {@code kn + 8n} (int8) bytes, each padded to whole 32-column panels.
   */
  public long weightBytes() {
    return plan.weightBytes();
  }

  /** The configured cap on BLAS threads per call (see {@link Builder#blasThreads}). */
  public int blasThreads() {
    return blasThreads;
  }

  /**
   * Runs the model on the first {@code batch} samples of {@code input} into the first
   * {@code batch} samples of {@code output}; allocates nothing. The arrays may be longer.
   *
   * @param input at least {@code batch × inputWidth()} values, row-major
   * @param batch the number of samples, ≥ 0
   * @param output at least {@code batch × outputWidth()} values
   */
  public void predict(float[] input, int batch, float[] output) {
    checkArrays(input, batch, output);
    if (!gate.tryEnter()) {
      throw closed();
    }
    try {
      runArrays(input, batch, output);
    } finally {
      gate.exit();
    }
  }

  /** Runs the model on {@code batch} samples into a new array of {@code batch × outputWidth()} values. */
  public float[] predict(float[] input, int batch) {
    int outputWidth = plan.outputWidth();
    if (batch < 0 || (long) batch * outputWidth > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(owner() + ": batch must be in [0, " + Integer.MAX_VALUE / Math.max(1, outputWidth)
          + "]; received batch=" + batch);
    }
    float[] out = new float[batch * outputWidth];
    predict(input, batch, out);
    return out;
  }

  /**
   * Runs the model on {@code input} of shape {@code (batch, inputShape()…)} into {@code output} of
   * shape {@code (batch, outputShape()…)}; allocates nothing.
   */
  public void predict(Tensor input, Tensor output) {
    int batch = checkTensors(input, output);
    if (!gate.tryEnter()) {
      throw closed();
    }
    try {
      runTensors(input, batch, output);
    } finally {
      gate.exit();
    }
  }

  /** Runs the model on {@code input} into a new tensor, which the caller closes. */
  public Tensor predict(Tensor input) {
    Objects.requireNonNull(input, "input");
    int[] outputShape = plan.outputShape();
    int[] shape = new int[outputShape.length + 1];
    shape[0] = input.rank() > 0 ? input.dim(0) : 0;
    System.arraycopy(outputShape, 0, shape, 1, outputShape.length);
    Tensor out = Tensor.zeros(shape);
    try {
      predict(input, out);
      return out;
    } catch (RuntimeException | Error e) {
      out.close();
      throw e;
    }
  }

  /** Runs the arrays' samples; the caller has checked them and entered the gate. */
  void runArrays(float[] input, int batch, float[] output) {
    plan.run(input, batch, output);
  }

  /** Runs the tensors' samples; the caller has checked them and entered the gate. */
  void runTensors(Tensor input, int batch, Tensor output) {
    plan.run(input.segment(), batch, output.segment());
  }

  void checkArrays(float[] input, int batch, float[] output) {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(output, "output");
    Checks.disjoint(owner(), input, output);
    int inputWidth = plan.inputWidth();
    int outputWidth = plan.outputWidth();
    if (batch < 0) {
      throw new IllegalArgumentException(owner() + ": batch must be >= 0; received batch=" + batch);
    }
    if (input.length < (long) batch * inputWidth) {
      throw new IllegalArgumentException(owner() + ": expected input.length >= batch × " + inputWidth + " = "
          + (long) batch * inputWidth + "; received input.length=" + input.length + ", batch=" + batch);
    }
    if (output.length < (long) batch * outputWidth) {
      throw new IllegalArgumentException(owner() + ": expected output.length >= batch × " + outputWidth + " = "
          + (long) batch * outputWidth + "; received output.length=" + output.length + ", batch=" + batch);
    }
  }

  int checkTensors(Tensor input, Tensor output) {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(output, "output");
    int batch = input.rank() > 0 ? input.dim(0) : -1;
    if (!plan.matchesInput(input, batch)) {
      throw new IllegalArgumentException(owner() + ": expected input shape (batch, " + dims(plan.inputShape())
          + "); received shape " + Arrays.toString(input.shape()));
    }
    if (!plan.matchesOutput(output, batch)) {
      throw new IllegalArgumentException(owner() + ": expected output shape (" + batch + ", " + dims(plan.outputShape())
          + "); received shape " + Arrays.toString(output.shape()));
    }
    Checks.output(owner(), input, output);
    return batch;
  }

  private static String dims(int[] shape) {
    String s = Arrays.toString(shape);
    return s.substring(1, s.length() - 1);
  }

  /** Enters a call; false once closed. For {@link HotSwapPredictor}. */
  boolean tryEnter() {
    return gate.tryEnter();
  }

  void exit() {
    gate.exit();
  }

  /** The number of working-memory sets made: the peak number of concurrent calls. */
  int scratchCount() {
    return plan.workspaceCount();
  }

  /** True once the native memory has been freed (after close and the last call). */
  boolean isReleased() {
    return gate.isReleased();
  }

  public boolean isClosed() {
    return gate.isClosed();
  }

  /** Refuses new calls; the native memory is freed when the last call in flight returns. Idempotent. */
  @Override
  public void close() {
    gate.close();
  }

  IllegalStateException closed() {
    return new IllegalStateException(owner() + " is closed");
  }

  private String owner() {
    return owner;
  }

  @Override
  public String toString() {
    return owner() + "(" + Arrays.toString(plan.inputShape()) + " -> " + Arrays.toString(plan.outputShape()) + ", "
        + plan.stageCount() + " stages, " + precision + ", slice " + plan.sliceSize() + ", blas threads " + blasThreads
        + (isClosed() ? ", closed" : "") + ")";
  }

  /** Options of a {@link Predictor}; {@link #build()} takes the snapshot. */
  public static final class Builder {
    private final Sequential model;
    private int sliceSize = DEFAULT_SLICE_SIZE;
    private int blasThreads = 1;
    private boolean blasThreadsChosen;
    private Precision precision = Precision.FLOAT32;

    private Builder(Sequential model) {
      this.model = model;
    }

    /**
     * The most samples computed at once (default {@value #DEFAULT_SLICE_SIZE}); larger batches run
     * slice by slice, which bounds each concurrent call's working memory to about
     * {@code sliceSize × widest layer × 8} bytes.
     */
    public Builder sliceSize(int samples) {
      if (samples < 1) {
        throw new IllegalArgumentException("Predictor: sliceSize must be >= 1; received sliceSize=" + samples);
      }
      this.sliceSize = samples;
      return this;
    }

    /**
     * The cap on BLAS threads per call (default 1: a server's parallelism comes from its
     * requests). Applied to every BLAS call where the BLAS has a per-thread count; a process-wide
     * count (OpenBLAS on pthreads) is not changed behind the application's back; when a cap set
     * here is below that count, a warning says how to set it (see {@link BlasThreading}). The
     * default cap never warns.
     */
    public Builder blasThreads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("Predictor: blasThreads must be >= 1; received blasThreads=" + threads);
      }
      this.blasThreads = threads;
      this.blasThreadsChosen = true;
      return this;
    }

    /**
     * The arithmetic of the Dense layers (default {@link Precision#FLOAT32}), applied
     * post-training to the float model: each kernel is packed once, by {@link #build()}, in this
     * precision. {@link Precision#BFLOAT16} halves and {@link Precision#INT8} quarters the weight
     * bytes each call streams, at the error stated in {@link Precision}; the model itself is not
     * changed.
     */
    public Builder precision(Precision precision) {
      this.precision = Objects.requireNonNull(precision, "precision");
      return this;
    }

    /** Copies the model's weights into a new predictor, which the caller closes. */
    public Predictor build() {
      return PredictorSnapshot.take(model, sliceSize, blasThreads, blasThreadsChosen, precision);
    }
  }
}
