// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.models;

import dev.dense4j.backend.Backend;
import dev.dense4j.internal.Backends;
import dev.dense4j.internal.Kernels;
import dev.dense4j.internal.OptimizerBinding;
import dev.dense4j.internal.engine.Plan;
import dev.dense4j.internal.engine.PlanCompiler;
import dev.dense4j.layers.Dense;
import dev.dense4j.layers.Layer;
import dev.dense4j.layers.TrainableLayer;
import dev.dense4j.layers.Variable;
import dev.dense4j.losses.Loss;
import dev.dense4j.losses.Losses;
import dev.dense4j.losses.Reduction;
import dev.dense4j.metrics.Metric;
import dev.dense4j.metrics.Metrics;
import dev.dense4j.optimizers.Optimizer;
import dev.dense4j.optimizers.Optimizers;
import dev.dense4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keras' {@code Sequential}: layers called in order, each on the previous output.
 *
 * <p>Training, as in Keras: {@link #compile} with an optimizer, a loss and metrics, then
 * {@link #fit} on tensors whose first dimension is the sample; {@link #evaluate} reports the loss
 * (with regularization penalties) and metrics; {@link #summary()} describes the layers.
 *
 * {@snippet :
 * model.compile(new Adam(), new SparseCategoricalCrossentropy(), Metrics.get("accuracy"));
 * History h = model.fit(x, y, new FitOptions().epochs(20).batchSize(32).seed(42).validationSplit(0.1));
 * }
 *
 * <p>Threading: after {@link #build}, {@link #predict} may run from many threads at once, but not
 * while {@link #fit} updates the weights. The model owns its layers and its compiled optimizer and
 * closes them in {@link #close()}.
 */
public final class Sequential implements AutoCloseable {

  private static final AtomicInteger NAMES = new AtomicInteger();

  private final String name;
  private final Backend requestedBackend; // null: the layers' common backend, else the preferred one
  private final List<Layer> layers = new ArrayList<>();
  private final Map<List<Integer>, Plan> plans = new ConcurrentHashMap<>(); // predict's, by sample shape
  private int[] inputShape;
  private Backend backend;
  private Kernels kernels;
  private Optimizer optimizer;
  private Loss loss;
  private List<Metric> metrics = List.of();
  private volatile boolean stopTraining;
  private TrainingSession batchSession; // trainOnBatch's buffers, kept between calls
  private int[] batchSessionShape;

  public Sequential() {
    this(null);
  }

  /** A model named {@code name}, or {@code sequential}, {@code sequential_1}, … when null. */
  public Sequential(String name) {
    this(name, null);
  }

  /**
   * A model that runs on {@code backend}; every Dense layer added must run there too. With a null
   * backend the model takes its Dense layers' common backend at {@link #build}, or the preferred one.
   */
  public Sequential(String name, Backend backend) {
    int n = name == null ? NAMES.getAndIncrement() : -1;
    this.name = name != null ? name : n == 0 ? "sequential" : "sequential_" + n;
    this.requestedBackend = backend;
  }

  public String name() {
    return name;
  }

  /** Appends a layer; names must be unique inside the model. */
  public Sequential add(Layer layer) {
    Objects.requireNonNull(layer, "layer");
    for (Layer l : layers) {
      if (l.name().equals(layer.name())) {
        throw new IllegalArgumentException("Sequential '" + name + "': layer names must be unique; received a second '"
            + layer.name() + "'");
      }
    }
    if (inputShape != null) {
      throw new IllegalStateException("Sequential '" + name + "' is built; add layers before build()");
    }
    layers.add(layer);
    return this;
  }

  /** The layers, in call order (no InputLayer). */
  public List<Layer> layers() {
    return List.copyOf(layers);
  }

  /**
   * Builds every layer for inputs of {@code inputShape} (batch first, -1 for any); already built
   * layers must accept the shape they receive.
   */
  public Sequential build(int... inputShape) {
    if (inputShape.length < 2) {
      throw new IllegalArgumentException("Sequential '" + name + "': expected an input shape of rank >= 2 (batch first); received "
          + Arrays.toString(inputShape));
    }
    if (layers.isEmpty()) {
      throw new IllegalStateException("Sequential '" + name + "' has no layers");
    }
    Backend chosen = resolveBackend();
    int[] shape = inputShape.clone();
    for (Layer l : layers) {
      if (!l.isBuilt()) {
        l.build(shape);
      }
      shape = l.computeOutputShape(shape);
    }
    this.backend = chosen;
    this.kernels = Backends.kernels(chosen);
    this.inputShape = inputShape.clone();
    return this;
  }

  // one backend per model: the requested one, or the Dense layers' common one, or the preferred one
  private Backend resolveBackend() {
    Backend chosen = requestedBackend;
    for (Layer l : layers) {
      if (l instanceof Dense d) {
        if (chosen == null) {
          chosen = d.backend();
        } else if (d.backend() != chosen) {
          throw new IllegalArgumentException("Sequential '" + name + "': every Dense layer must run on the model's backend "
              + chosen + "; received " + d + " on " + d.backend());
        }
      }
    }
    return chosen != null ? chosen : Backend.preferred();
  }

  /** The backend every layer of the model runs on; known once the model is built. */
  public Backend backend() {
    ensureBuilt();
    return backend;
  }

  /** The built model's kernels, resolved once at build. */
  Kernels kernels() {
    ensureBuilt();
    return kernels;
  }

  public boolean isBuilt() {
    return inputShape != null;
  }

  /** The input shape given to {@link #build}, batch first (-1 for any). */
  public int[] inputShape() {
    ensureBuilt();
    return inputShape.clone();
  }

  public int[] computeOutputShape(int... inputShape) {
    int[] shape = inputShape.clone();
    for (Layer l : layers) {
      shape = l.computeOutputShape(shape);
    }
    return shape;
  }

  /**
   * Runs the model on {@code input} (row-major, of {@code shape}, batch first) into a new array,
   * through the same compiled plan as a {@link Predictor} (but reading the layers' current
   * weights, so it sees training and {@code setWeights}).
   */
  public float[] predict(float[] input, int... shape) {
    Objects.requireNonNull(input, "input");
    int batch = checkPredictShape(shape);
    Plan plan = plan(Arrays.copyOfRange(shape, 1, shape.length));
    if (input.length != (long) batch * plan.inputWidth()) {
      throw new IllegalArgumentException("Sequential '" + name + "': expected input.length " + (long) batch * plan.inputWidth()
          + " for shape " + Arrays.toString(shape) + "; received input.length=" + input.length);
    }
    float[] out = new float[Math.toIntExact((long) batch * plan.outputWidth())];
    plan.run(input, batch, out);
    return out;
  }

  /** Runs the model on {@code input} into a new tensor, which the caller closes. */
  public Tensor predict(Tensor input) {
    Objects.requireNonNull(input, "input");
    int[] shape = input.shape();
    int batch = checkPredictShape(shape);
    Plan plan = plan(Arrays.copyOfRange(shape, 1, shape.length));
    int[] outShape = new int[plan.outputShape().length + 1];
    outShape[0] = batch;
    System.arraycopy(plan.outputShape(), 0, outShape, 1, outShape.length - 1);
    Tensor out = Tensor.zeros(outShape);
    try {
      plan.run(input.segment(), batch, out.segment());
      return out;
    } catch (RuntimeException | Error e) {
      out.close();
      throw e;
    }
  }

  // the batch of a predict call's shape, after checking its rank and dimensions
  private int checkPredictShape(int[] shape) {
    Objects.requireNonNull(shape, "shape");
    ensureBuilt();
    if (shape.length != inputShape.length) {
      throw new IllegalArgumentException("Sequential '" + name + "': expected an input of rank " + inputShape.length
          + " like " + Arrays.toString(inputShape) + "; received shape " + Arrays.toString(shape));
    }
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] < 0 || (i > 0 && inputShape[i] >= 0 && shape[i] != inputShape[i])) {
        throw new IllegalArgumentException("Sequential '" + name + "': expected input shape " + Arrays.toString(inputShape)
            + " (-1 for any); received shape " + Arrays.toString(shape));
      }
    }
    return shape[0];
  }

  // predict's plan for samples of this shape, compiled once and kept until close
  private Plan plan(int[] sampleShape) {
    List<Integer> key = Arrays.stream(sampleShape).boxed().toList();
    Plan plan = plans.get(key);
    if (plan != null) {
      return plan;
    }
    synchronized (plans) {
      return plans.computeIfAbsent(key, k -> PlanCompiler.live("Sequential '" + name + "'", layers, sampleShape,
          kernels, Predictor.DEFAULT_SLICE_SIZE, Integer.MAX_VALUE));
    }
  }

  private void ensureBuilt() {
    if (inputShape == null) {
      throw new IllegalStateException("Sequential '" + name + "' is not built; call build(inputShape) first");
    }
  }

  // ---- training ----

  /**
   * Configures training: the optimizer (owned by the model from now on), the loss (not with
   * reduction {@code none}) and metrics reported by {@link #fit} and {@link #evaluate}.
   */
  public Sequential compile(Optimizer optimizer, Loss loss, Metric... metrics) {
    Objects.requireNonNull(optimizer, "optimizer");
    Objects.requireNonNull(loss, "loss");
    if (loss.reduction() == Reduction.NONE) {
      throw new IllegalArgumentException("Sequential '" + name + "': a training loss needs a reduction; "
          + "received reduction=none");
    }
    closeBatchSession();
    OptimizerBinding.bind(optimizer, isBuilt() ? backend : resolveBackend()); // the optimizer runs where the model runs
    this.optimizer = optimizer;
    this.loss = loss;
    this.metrics = List.of(metrics);
    return this;
  }

  /** {@link #compile} with Keras identifiers, e.g. {@code compile("adam", "mse", "accuracy")}. */
  public Sequential compile(String optimizer, String loss, String... metrics) {
    Metric[] m = new Metric[metrics.length];
    for (int i = 0; i < m.length; i++) {
      m[i] = Metrics.get(metrics[i]);
    }
    return compile(Optimizers.get(optimizer), Losses.get(loss), m);
  }

  /**
   * Trains on {@code x} (samples first) against {@code y}; builds the model for
   * {@code (None, x.shape[1:])} if needed. Returns the per-epoch logs.
   */
  public History fit(Tensor x, Tensor y, FitOptions options) {
    ensureCompiled("fit");
    buildFor(x);
    return FitLoop.fit(this, x, y, options);
  }

  /**
   * Keras' {@code train_on_batch}: one optimizer step on one batch, as a step of {@link #fit}
   * (without metrics or callbacks). Returns the batch loss with regularization penalties. The
   * buffers are kept for the next call and reallocated only for a larger batch.
   */
  public double trainOnBatch(Tensor x, Tensor y) {
    return trainOnBatch(x, y, null);
  }

  /** {@link #trainOnBatch(Tensor, Tensor)} with one weight per sample (or null). */
  public double trainOnBatch(Tensor x, Tensor y, float[] sampleWeight) {
    ensureCompiled("trainOnBatch");
    buildFor(x);
    if (batchSession == null || !fitsBatchSession(x)) {
      closeBatchSession();
      int[] shape = x.shape();
      batchSession = new TrainingSession(this, loss, shape);
      batchSessionShape = shape;
    }
    FitLoop.checkBatch(this, x, y, sampleWeight);
    double value = batchSession.step(x, y, sampleWeight, true);
    optimizer.apply(batchSession.gradients(), batchSession.variables());
    return value;
  }

  // the kept session takes x when x has at most its batch and the same sample shape; allocates nothing
  private boolean fitsBatchSession(Tensor x) {
    if (x.rank() != batchSessionShape.length || x.dim(0) > batchSessionShape[0]) {
      return false;
    }
    for (int i = 1; i < batchSessionShape.length; i++) {
      if (x.dim(i) != batchSessionShape[i]) {
        return false;
      }
    }
    return true;
  }

  private void closeBatchSession() {
    if (batchSession != null) {
      batchSession.close();
      batchSession = null;
    }
  }

  /** Loss (with regularization penalties) and metrics over {@code x}, {@code y}, in batches of 32. */
  public Map<String, Double> evaluate(Tensor x, Tensor y) {
    return evaluate(x, y, 32, null);
  }

  /** {@link #evaluate(Tensor, Tensor)} with a batch size and optional sample weights. */
  public Map<String, Double> evaluate(Tensor x, Tensor y, int batchSize, float[] sampleWeight) {
    ensureCompiled("evaluate");
    if (batchSize <= 0) {
      throw new IllegalArgumentException("Sequential '" + name + "' evaluate: batch_size must be > 0; received batch_size="
          + batchSize);
    }
    buildFor(x);
    return FitLoop.evaluate(this, x, y, batchSize, sampleWeight);
  }

  private void buildFor(Tensor x) {
    if (inputShape == null) {
      int[] s = x.shape();
      s[0] = -1;
      build(s);
    }
  }

  private void ensureCompiled(String what) {
    if (optimizer == null) {
      throw new IllegalStateException("Sequential '" + name + "' must be compiled before " + what
          + "; call compile(optimizer, loss, metrics...)");
    }
  }

  /** Asks {@link #fit} to stop after the current epoch (Keras' {@code model.stop_training = True}). */
  public void stopTraining() {
    stopTraining = true;
  }

  boolean stopTrainingRequested() {
    return stopTraining;
  }

  void resetStopTraining() {
    stopTraining = false;
  }

  /** True once {@link #compile} has run. */
  public boolean isCompiled() {
    return optimizer != null;
  }

  /** The compiled optimizer; throws before {@link #compile}. */
  public Optimizer optimizer() {
    ensureCompiled("optimizer()");
    return optimizer;
  }

  Optimizer optimizerOrNull() {
    return optimizer;
  }

  /** The compiled loss; throws before {@link #compile}. */
  public Loss loss() {
    ensureCompiled("loss()");
    return loss;
  }

  /** The compiled metrics (empty before {@link #compile}). */
  public List<Metric> metrics() {
    return metrics;
  }

  /** Keras' summary table: layers, output shapes, parameter counts. */
  public String summary() {
    return Summary.of(this);
  }

  /** Every weight of every layer, in layer order (kernel, bias for Dense). */
  public List<Variable> variables() {
    List<Variable> all = new ArrayList<>();
    for (Layer l : layers) {
      if (l instanceof TrainableLayer t) {
        all.addAll(t.variables());
      }
    }
    return all;
  }

  /**
   * Keras' {@code model.trainable_variables}: the weights of the trainable layers, in layer order —
   * what the optimizer updates, and the order of its slots in a saved file.
   */
  public List<Variable> trainableVariables() {
    List<Variable> all = new ArrayList<>();
    for (Layer l : layers) {
      if (l instanceof TrainableLayer t) {
        all.addAll(t.trainableVariables()); // BatchNormalization: gamma and beta, not its moving statistics
      }
    }
    return all;
  }

  /** Copies of {@link #variables()}' values. */
  public List<float[]> getWeights() {
    return variables().stream().map(v -> v.value().toArray()).toList();
  }

  /** Sets every weight, in the order of {@link #getWeights()}; constraints are not applied. */
  public void setWeights(List<float[]> weights) {
    List<Variable> vars = variables();
    if (weights.size() != vars.size()) {
      throw new IllegalArgumentException("Sequential '" + name + "': expected " + vars.size()
          + " weight arrays; received " + weights.size());
    }
    for (int i = 0; i < vars.size(); i++) {
      if (weights.get(i).length != vars.get(i).value().size()) {
        throw new IllegalArgumentException("Sequential '" + name + "': " + vars.get(i).path() + " needs "
            + vars.get(i).value().size() + " values; received " + weights.get(i).length);
      }
    }
    for (int i = 0; i < vars.size(); i++) {
      vars.get(i).value().copyFrom(weights.get(i));
    }
  }

  /** Closes the compiled optimizer and every layer; layers stay closed even if one of them throws. */
  @Override
  public void close() {
    RuntimeException first = null;
    closeBatchSession();
    synchronized (plans) {
      plans.values().forEach(Plan::free);
      plans.clear();
    }
    if (optimizer != null) {
      optimizer.close();
    }
    Set<Layer> seen = new HashSet<>();
    for (Layer l : layers) {
      if (seen.add(l)) {
        try {
          l.close();
        } catch (RuntimeException e) {
          if (first == null) {
            first = e;
          } else {
            first.addSuppressed(e);
          }
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
