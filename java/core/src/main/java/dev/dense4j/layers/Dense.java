// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.layers;

import dev.dense4j.activations.Activation;
import dev.dense4j.activations.Activations;
import dev.dense4j.backend.Backend;
import dev.dense4j.constraints.Constraint;
import dev.dense4j.constraints.Constraints;
import dev.dense4j.initializers.Initializer;
import dev.dense4j.initializers.Initializers;
import dev.dense4j.internal.Backends;
import dev.dense4j.internal.Kernels;
import dev.dense4j.internal.WeightOps;
import dev.dense4j.internal.engine.Checks;
import dev.dense4j.internal.engine.DenseOp;
import dev.dense4j.internal.engine.WorkspacePool;
import dev.dense4j.regularizers.Regularizer;
import dev.dense4j.regularizers.Regularizers;
import dev.dense4j.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keras' densely-connected layer: {@code output = activation(dot(input, kernel) + bias)}.
 *
 * <p>The kernel has shape {@code (input_dim, units)}, row-major, as Keras stores it; the bias has
 * shape {@code (units,)}. An input of shape {@code (b, d0, …, input_dim)} is contracted over its
 * last axis only and gives {@code (b, d0, …, units)} (Keras 3 does not flatten higher ranks).
 *
 * <p>Threading: once built, {@code call} may run from many threads at once; it reads the weights
 * and writes only its output. {@link #setWeights} and {@link #close} must not race with calls.
 * Memory: the layer owns its weight tensors and frees them on {@link #close()}.
 *
 * {@snippet :
 * try (Dense dense = Dense.builder(128).activation("relu").build()) {
 *   dense.build(784);
 *   float[] y = dense.call(x, 32, 784);   // y has 32 × 128 values
 * }
 * }
 */
public final class Dense implements TrainableLayer {

  private final String name;
  private final int units;
  private final Activation activation;
  private final boolean useBias;
  private final Initializer kernelInitializer;
  private final Initializer biasInitializer;
  private final Regularizer kernelRegularizer;
  private final Regularizer biasRegularizer;
  private final Regularizer activityRegularizer;
  private final Constraint kernelConstraint;
  private final Constraint biasConstraint;
  private final boolean trainable;
  private final boolean activityLossPerSample;
  private final Backend backend;
  private final Kernels kernels;
  private final WeightOps weightOps; // regularizers and constraints, on this layer's kernels
  private final String owner;
  private final DenseWeights weights;
  private final WorkspacePool workspaces = new WorkspacePool();
  private volatile DenseOp op; // the forward pass, made at build

  private volatile Double activityLoss; // of the latest call; null before the first one

  private Dense(Builder b) {
    this.name = b.name != null ? b.name : LayerNames.next("dense");
    this.units = b.units;
    this.activation = b.activation;
    this.useBias = b.useBias;
    this.kernelInitializer = b.kernelInitializer;
    this.biasInitializer = b.biasInitializer;
    this.kernelRegularizer = b.kernelRegularizer;
    this.biasRegularizer = b.biasRegularizer;
    this.activityRegularizer = b.activityRegularizer;
    this.kernelConstraint = b.kernelConstraint;
    this.biasConstraint = b.biasConstraint;
    this.trainable = b.trainable;
    this.activityLossPerSample = b.activityLossPerSample;
    this.backend = b.backend != null ? b.backend : Backend.preferred();
    this.kernels = Backends.kernels(backend);
    this.weightOps = new WeightOps(kernels);
    this.owner = "Dense '" + name + "'";
    this.weights = new DenseWeights(owner, units, useBias);
  }

  /** A builder with Keras' defaults for every argument but {@code units}. */
  public static Builder builder(int units) {
    return new Builder(units);
  }

  /**
   * Creates the weights for inputs whose last dimension is {@code inputShape[rank-1]}; the leading
   * entries (batch and others) may be -1 for "any", like Keras' {@code None}.
   */
  @Override
  public Dense build(int... inputShape) {
    Objects.requireNonNull(inputShape, "inputShape");
    if (inputShape.length == 0) {
      throw new IllegalArgumentException(owner + ": expected an input shape of rank >= 2 (or the input dimension alone); received shape "
          + Arrays.toString(inputShape));
    }
    weights.build(inputShape[inputShape.length - 1], kernelInitializer, biasInitializer);
    op = new DenseOp(kernels, weights.inputDim(), units, activation, Integer.MAX_VALUE);
    return this;
  }

  @Override
  public boolean isBuilt() {
    return weights.isBuilt();
  }

  /** The output shape for an input shape: the last entry replaced by the output width. */
  @Override
  public int[] computeOutputShape(int... inputShape) {
    int[] out = inputShape.clone();
    out[out.length - 1] = outputWidth();
    return out;
  }

  /** Values per output row: {@code units}, or {@code units/2} for {@code glu}. */
  public int outputWidth() {
    return activation.outputWidth(units);
  }

  /** Forward pass into a new tensor, which the caller closes. */
  @Override
  public Tensor call(Tensor input) {
    Tensor out = Tensor.zeros(computeOutputShape(checkInput(input.shape())));
    try {
      call(input, out);
      return out;
    } catch (RuntimeException | Error e) {
      out.close();
      throw e;
    }
  }

  /** Forward pass into {@code output}, whose shape must be {@link #computeOutputShape} of the input's. */
  public void call(Tensor input, Tensor output) {
    weights.ensureUsable();
    long m = rows(input, output);
    Checks.output(owner, input, output);
    op.call(workspaces, m, input, weights.kernel(), weights.bias(), output);
    recordActivityLoss(output);
  }

  // the rows of a tensor call, checked without copying either shape (the messages copy them)
  private long rows(Tensor input, Tensor output) {
    int rank = input.rank();
    if (rank < 2 || input.dim(-1) != weights.inputDim()) {
      DenseShapes.checkInput(owner, input.shape(), weights.inputDim()); // throws, naming the shape
    }
    boolean fits = output.rank() == rank && output.dim(-1) == outputWidth();
    long m = 1;
    for (int i = 0; i < rank - 1; i++) {
      fits &= output.dim(i) == input.dim(i);
      m *= input.dim(i); // cannot overflow: the tensor holds m * inputDim values
    }
    if (!fits) {
      throw new IllegalArgumentException(owner + ": expected output shape "
          + Arrays.toString(computeOutputShape(input.shape())) + "; received shape " + Arrays.toString(output.shape()));
    }
    if (m > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(owner + ": at most " + Integer.MAX_VALUE + " rows per call; received " + m);
    }
    return m;
  }

  /**
   * Forward pass over a row-major {@code float[]} of the given shape into a new array of
   * {@link #computeOutputShape(int...)} values.
   */
  public float[] call(float[] input, int... shape) {
    int[] inShape = checkInput(shape);
    DenseShapes.checkLength(owner, "input", input, Tensor.elementCount(inShape));
    long m = rows(inShape);
    float[] out = new float[Math.toIntExact(m * outputWidth())];
    op.call(workspaces, m, input, weights.kernel(), weights.bias(), out);
    recordActivityLoss(inShape, out);
    return out;
  }

  /**
   * Forward pass from {@code input} (of the given shape) into {@code output}, in place in both
   * arrays. Allocates nothing while the same two arrays come back call after call (their segment
   * views are kept, weakly, in the layer's pooled workspace); new arrays cost one small view each.
   */
  @Override
  public void call(float[] input, int[] shape, float[] output) {
    int[] inShape = checkInput(shape);
    DenseShapes.checkLength(owner, "input", input, Tensor.elementCount(inShape));
    long m = rows(inShape);
    DenseShapes.checkLength(owner, "output", output, m * outputWidth());
    Checks.disjoint(owner, input, output);
    op.call(workspaces, m, input, weights.kernel(), weights.bias(), output);
    recordActivityLoss(inShape, output);
  }

  // the rows of a call: every dimension but the last; a GEMM takes at most Integer.MAX_VALUE of them
  private long rows(int[] inShape) {
    long m = DenseShapes.rows(inShape);
    if (m > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(owner + ": at most " + Integer.MAX_VALUE + " rows per call; received " + m);
    }
    return m;
  }

  private int[] checkInput(int[] shape) {
    Objects.requireNonNull(shape, "shape");
    if (!weights.isBuilt()) {
      buildOnFirstCall(shape);
    }
    weights.ensureUsable();
    DenseShapes.checkInput(owner, shape, weights.inputDim());
    return shape;
  }

  // Keras builds a layer on its first call, for the input's last dimension; one thread builds
  private synchronized void buildOnFirstCall(int[] shape) {
    if (!weights.isBuilt() && shape.length >= 2 && shape[shape.length - 1] > 0) {
      build(shape);
    }
  }

  private void recordActivityLoss(int[] inShape, float[] y) {
    if (activityRegularizer != null) {
      recordActivityLoss(Tensor.wrap(y, computeOutputShape(inShape)));
    }
  }

  private void recordActivityLoss(Tensor y) {
    if (activityRegularizer != null) {
      activityLoss = DensePenalties.activityLoss(activityRegularizer, activityLossPerSample, y, weightOps);
    }
  }

  /**
   * Keras' {@code layer.losses}: the activity penalty of the latest call (when an activity
   * regularizer is set and the layer has been called), then the kernel penalty and the bias
   * penalty (for a trainable layer, for each weight that has a regularizer), computed now from the
   * current weights. Their sum is what training adds to the data loss.
   *
   * <p>Under concurrent calls the activity penalty is that of one of the latest calls.
   */
  public List<Double> losses() {
    Tensor kernel = weights.kernel();
    if (kernel != null) {
      kernel.ensureOpen();
    }
    return DensePenalties.losses(activityLoss, trainable, kernelRegularizer, kernel, biasRegularizer,
        weights.bias(), weightOps);
  }

  /**
   * Adds the gradients of the kernel and bias penalties of {@link #losses()} to {@code kernelGrad}
   * (shape of the kernel) and {@code biasGrad} (shape of the bias; may be null without
   * {@code use_bias}); nothing for a frozen layer.
   */
  public void addRegularizationGradients(Tensor kernelGrad, Tensor biasGrad) {
    weights.ensureBuilt();
    if (trainable) {
      DensePenalties.addWeightGradients(kernelRegularizer, weights.kernel(), kernelGrad, biasRegularizer,
          weights.bias(), biasGrad, weightOps);
    }
  }

  /**
   * Adds the gradient of the activity penalty of a call's {@code output} to {@code outputGrad},
   * divided by the batch size as {@link #losses()} divides the penalty; nothing without an
   * activity regularizer.
   */
  public void addActivityRegularizationGradient(Tensor output, Tensor outputGrad) {
    if (activityRegularizer != null) {
      DensePenalties.addActivityGradient(owner, activityRegularizer, activityLossPerSample, output, outputGrad,
          weightOps);
    }
  }

  /**
   * Projects the kernel and the bias with their constraints, in place, now. Training does this by
   * itself: the optimizer projects each variable it updated right after its step (spec §5.3), so
   * this call is for loops that update the weights some other way; it never happens at build,
   * {@link #setWeights} or loading.
   */
  public void applyConstraints() {
    weights.applyConstraints(kernelConstraint, biasConstraint, weightOps);
  }

  /**
   * Keras' {@code get_config()}: {@code name, trainable, dtype, [activity_regularizer], units,
   * activation, use_bias, kernel_initializer, bias_initializer, kernel_regularizer,
   * bias_regularizer, kernel_constraint, bias_constraint, quantization_config}, in that order, with
   * nested objects in Keras' serialized form. The activation is its name, or, for
   * {@code leaky_relu}, {@code relu} and {@code elu} with non-default parameters, the serialized
   * LeakyReLU, ReLU or ELU layer that Keras writes for {@code Dense(activation=LeakyReLU(…))}.
   *
   * @throws IllegalArgumentException for an activation whose parameters no Keras 3 config can
   *     express ({@code gelu(approximate=True)}, {@code celu(alpha)}, Keras 2's
   *     {@code hard_sigmoid}, …): never a config that would load with other parameters
   */
  public Map<String, Object> getConfig() {
    return DenseConfig.of(this);
  }

  /**
   * An unbuilt layer from a Keras config: Dense's own config dict (Keras 2 or 3) or its whole
   * serialized object. Initializers, regularizers and constraints may be names or serialized
   * objects; legacy input-shape keys are accepted and left to the model.
   *
   * @throws IllegalArgumentException for unknown keys, wrong value types, unknown names, a dtype
   *     other than float32, a quantization config or a LoRA rank
   */
  public static Dense fromConfig(Map<String, ?> config) {
    return DenseConfig.builder(config).build();
  }

  /** As {@link #fromConfig} but returns the builder, to choose a backend or the activity-loss rule first. */
  public static Builder builderFromConfig(Map<String, ?> config) {
    return DenseConfig.builder(config);
  }

  /** Copies of {@code [kernel, bias]} (bias omitted without {@code use_bias}), Keras' order. */
  public List<float[]> getWeights() {
    return weights.get();
  }

  /** Sets {@code [kernel, bias]} (bias omitted without {@code use_bias}); constraints are not applied. */
  public void setWeights(List<float[]> weights) {
    this.weights.set(weights);
  }

  /** The kernel tensor {@code (input_dim, units)}, owned by this layer. */
  public Tensor kernel() {
    weights.ensureBuilt();
    return weights.kernel();
  }

  /** The bias tensor {@code (units,)}, owned by this layer; null without {@code use_bias}. */
  public Tensor bias() {
    weights.ensureBuilt();
    return weights.bias();
  }

  @Override
  public String name() {
    return name;
  }

  public int units() {
    return units;
  }

  public int inputDim() {
    return weights.inputDim();
  }

  public Activation activation() {
    return activation;
  }

  public boolean useBias() {
    return useBias;
  }

  public Initializer kernelInitializer() {
    return kernelInitializer;
  }

  public Initializer biasInitializer() {
    return biasInitializer;
  }

  public Regularizer kernelRegularizer() {
    return kernelRegularizer;
  }

  public Regularizer biasRegularizer() {
    return biasRegularizer;
  }

  public Regularizer activityRegularizer() {
    return activityRegularizer;
  }

  public Constraint kernelConstraint() {
    return kernelConstraint;
  }

  public Constraint biasConstraint() {
    return biasConstraint;
  }

  public boolean trainable() {
    return trainable;
  }

  // ---- training: the backward pass lives in DenseTraining ----

  /** {@code [kernel, bias]} (bias omitted without {@code use_bias}) with their constraints. */
  @Override
  public List<Variable> variables() {
    if (!weights.isBuilt()) {
      return List.of();
    }
    Variable k = new Variable(name + "/kernel", weights.kernel(), kernelConstraint);
    return useBias ? List.of(k, new Variable(name + "/bias", weights.bias(), biasConstraint)) : List.of(k);
  }

  /**
   * A training session for inputs of up to {@code maxInputShape} (batch first, concrete): the
   * forward pass keeps the pre-activation and the output, the backward pass gives the input and
   * weight gradients (see {@link DenseTraining}). The caller closes it.
   */
  @Override
  public DenseTraining startTraining(int... maxInputShape) {
    weights.ensureUsable();
    return new DenseTraining(this, op, maxInputShape.clone());
  }

  /** The backend this layer runs on, chosen when it was made. */
  public Backend backend() {
    return backend;
  }

  WeightOps weightOps() {
    return weightOps;
  }

  boolean activityLossPerSample() {
    return activityLossPerSample;
  }

  /** The backend kernels' name: "native" or "reference". */
  public String backendName() {
    return kernels.name();
  }

  /** Frees the weights; later calls throw {@link IllegalStateException}. Not while calls are running. */
  @Override
  public void close() {
    try {
      weights.close();
    } finally {
      workspaces.free();
    }
  }

  @Override
  public String toString() {
    return owner + "(units=" + units + ", activation=" + activation.name() + ", use_bias=" + useBias
        + (isBuilt() ? ", input_dim=" + inputDim() : "") + ")";
  }

  /** Keras' {@code Dense(...)} arguments; every one but {@code units} has Keras' default. */
  public static final class Builder {
    private final int units;
    private String name;
    private Activation activation = Activations.get("linear");
    private boolean useBias = true;
    private Initializer kernelInitializer;
    private Initializer biasInitializer = Initializers.get("zeros");
    private Regularizer kernelRegularizer;
    private Regularizer biasRegularizer;
    private Regularizer activityRegularizer;
    private Constraint kernelConstraint;
    private Constraint biasConstraint;
    private boolean trainable = true;
    private boolean activityLossPerSample = true;
    private Backend backend;

    private Builder(int units) {
      if (units <= 0) {
        throw new IllegalArgumentException("Dense: units must be > 0; received units=" + units);
      }
      this.units = units;
    }

    /** The layer name; default {@code dense}, {@code dense_1}, … (one counter per JVM). */
    public Builder name(String name) {
      if (name == null || name.isBlank() || name.contains("/")) {
        throw new IllegalArgumentException("Dense: name must be non-blank and contain no '/'; received name=" + name);
      }
      this.name = name;
      return this;
    }

    /** A Keras activation name ({@code null} → {@code linear}). */
    public Builder activation(String activation) {
      this.activation = Activations.get(activation);
      return this;
    }

    public Builder activation(Activation activation) {
      this.activation = activation != null ? activation : Activations.get("linear");
      return this;
    }

    public Builder useBias(boolean useBias) {
      this.useBias = useBias;
      return this;
    }

    /** Default {@code glorot_uniform}. */
    public Builder kernelInitializer(String name) {
      return kernelInitializer(Initializers.get(name));
    }

    public Builder kernelInitializer(Initializer initializer) {
      this.kernelInitializer = Objects.requireNonNull(initializer, "kernelInitializer");
      return this;
    }

    /** Default {@code zeros}. */
    public Builder biasInitializer(String name) {
      return biasInitializer(Initializers.get(name));
    }

    public Builder biasInitializer(Initializer initializer) {
      this.biasInitializer = Objects.requireNonNull(initializer, "biasInitializer");
      return this;
    }

    /** A Keras regularizer name ({@code "l1"}, {@code "l2"}, {@code "l1l2"}, …); null for none. */
    public Builder kernelRegularizer(String name) {
      return kernelRegularizer(Regularizers.get(name));
    }

    public Builder kernelRegularizer(Regularizer regularizer) {
      this.kernelRegularizer = regularizer;
      return this;
    }

    /** A Keras regularizer name; null for none. */
    public Builder biasRegularizer(String name) {
      return biasRegularizer(Regularizers.get(name));
    }

    public Builder biasRegularizer(Regularizer regularizer) {
      this.biasRegularizer = regularizer;
      return this;
    }

    /** A Keras regularizer name for the penalty on the layer's output; null for none. */
    public Builder activityRegularizer(String name) {
      return activityRegularizer(Regularizers.get(name));
    }

    public Builder activityRegularizer(Regularizer regularizer) {
      this.activityRegularizer = regularizer;
      return this;
    }

    /** A Keras constraint name ({@code "max_norm"}, {@code "non_neg"}, …); null for none. */
    public Builder kernelConstraint(String name) {
      return kernelConstraint(Constraints.get(name));
    }

    public Builder kernelConstraint(Constraint constraint) {
      this.kernelConstraint = constraint;
      return this;
    }

    /** A Keras constraint name; null for none. */
    public Builder biasConstraint(String name) {
      return biasConstraint(Constraints.get(name));
    }

    public Builder biasConstraint(Constraint constraint) {
      this.biasConstraint = constraint;
      return this;
    }

    public Builder trainable(boolean trainable) {
      this.trainable = trainable;
      return this;
    }

    /**
     * Whether the activity penalty is divided by the batch size: true (the default) as in Keras ≥
     * 3.14 and Keras 2; false gives the undivided penalty of Keras 3.0–3.13.
     */
    public Builder activityLossPerSample(boolean perSample) {
      this.activityLossPerSample = perSample;
      return this;
    }

    /** Forces a backend; the default is {@link Backend#preferred()}. */
    public Builder backend(Backend backend) {
      this.backend = Objects.requireNonNull(backend, "backend");
      return this;
    }

    /**
     * An unbuilt layer: {@link Dense#build} creates the weights, or, as in Keras, the first call
     * does, for the last dimension of its input.
     *
     * @throws IllegalArgumentException when the activation cannot take {@code units} values (glu
     *     needs an even number)
     */
    public Dense build() {
      try {
        activation.outputWidth(units); // before any weight exists
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Dense: activation " + activation.name() + " cannot take units="
            + units + " (" + e.getMessage() + ")", e);
      }
      if (kernelInitializer == null) {
        kernelInitializer = Initializers.get("glorot_uniform"); // fresh seed per layer, as in Keras
      }
      return new Dense(this);
    }
  }
}
