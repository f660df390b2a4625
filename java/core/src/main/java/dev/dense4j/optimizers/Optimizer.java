// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.optimizers;

import dev.dense4j.backend.Backend;
import dev.dense4j.internal.Backends;
import dev.dense4j.internal.Kernels;
import dev.dense4j.internal.OptimizerBinding;
import dev.dense4j.internal.Shapes;
import dev.dense4j.internal.WeightOps;
import dev.dense4j.layers.Variable;
import dev.dense4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Keras 3's base optimizer (spec §6.1). One {@link #apply} call is one step:
 * <ol>
 *   <li>gradient clipping: {@code clipnorm} per tensor, {@code global_clipnorm} over all of them,
 *       or {@code clipvalue} element-wise (at most one of the three);
 *   <li>decoupled weight decay {@code w ← w − w·weight_decay·lr}, before the update;
 *   <li>the optimizer's update rule, as one fused kernel pass per variable (off-heap weights and
 *       slots; native on the native backend);
 *   <li>constraints, right after all updates, on every variable of the call;
 *   <li>{@code iterations ← iterations + 1}.
 * </ol>
 * The learning rate is the schedule's value at the current (pre-increment) iteration, rounded to
 * float32. Slots are created on the first {@code apply} that sees a variable and are kept per
 * weight tensor, so state carries over between {@code fit} calls; after that a step allocates
 * nothing. Not thread-safe; {@link #close} frees the slots.
 *
 * <p>Backend: the one the builder chose with {@link Builder#backend}, else the backend of the
 * model it is compiled into ({@code Sequential.compile} hands it down), else, for an optimizer
 * used on its own, {@link Backend#preferred()}, resolved on the first {@link #apply}.
 */
public abstract class Optimizer implements AutoCloseable {

  private static final ConcurrentHashMap<String, AtomicInteger> NAMES = new ConcurrentHashMap<>();

  private final String name;
  private final LearningRateSchedule learningRate;
  private final Double weightDecay;
  private final Double clipnorm;
  private final Double clipvalue;
  private final Double globalClipnorm;
  private List<Pattern> decayExclusions;
  private final Map<Tensor, Boolean> decayExcludedVariables = new IdentityHashMap<>();
  private final boolean backendChosen; // by the builder; an owner's backend does not replace it
  private Kernels kernels; // null until the first apply or a binding
  private WeightOps weightOps;
  private final Step step = new Step();
  private float[] scales = new float[0];
  private final Map<Tensor, Tensor[]> slots = new IdentityHashMap<>();
  private final List<Variable> built = new ArrayList<>();
  private long iterations;
  private boolean closed;

  Optimizer(Builder<?> b, double defaultLearningRate, String defaultName) {
    this.learningRate = b.learningRate != null ? b.learningRate : LearningRateSchedule.constant(defaultLearningRate);
    this.weightDecay = b.weightDecay;
    this.clipnorm = b.clipnorm;
    this.clipvalue = b.clipvalue;
    this.globalClipnorm = b.globalClipnorm;
    int set = (clipnorm != null ? 1 : 0) + (clipvalue != null ? 1 : 0) + (globalClipnorm != null ? 1 : 0);
    if (set > 1) {
      throw new IllegalArgumentException(className() + ": only one of clipnorm, clipvalue and global_clipnorm can be set; "
          + "received clipnorm=" + clipnorm + ", clipvalue=" + clipvalue + ", global_clipnorm=" + globalClipnorm);
    }
    this.decayExclusions = b.decayExclusions.stream().map(Pattern::compile).toList();
    this.backendChosen = b.backend != null;
    if (backendChosen) {
      useBackend(b.backend);
    }
    if (b.name != null) {
      this.name = b.name;
    } else {
      int n = NAMES.computeIfAbsent(defaultName, k -> new AtomicInteger()).getAndIncrement();
      this.name = n == 0 ? defaultName : defaultName + "_" + n;
    }
  }

  static {
    OptimizerBinding.install((optimizer, backend) -> {
      if (!optimizer.backendChosen) {
        optimizer.useBackend(backend);
      }
    });
  }

  private void useBackend(Backend backend) {
    this.kernels = Backends.kernels(backend);
    this.weightOps = new WeightOps(kernels);
  }

  /** The kernels of this optimizer's backend, resolved once. */
  final Kernels kernels() {
    if (kernels == null) {
      useBackend(Backend.preferred()); // used on its own: no owner handed a backend down
    }
    return kernels;
  }

  /** The Keras class name, e.g. {@code "Adam"}. */
  public abstract String className();

  /** Per-variable slot names, in the order of the slot array {@link #update} receives. */
  abstract String[] slotNames();

  /** Which of {@link #slotNames()} this configuration creates. */
  abstract boolean[] slotsUsed();

  /** Keras' file order of the slots (spec §6.8): groups of slot indices, each over all variables. */
  abstract int[][] slotOrder();

  /** One variable's update; {@code slots[i]} is null for an unused slot. */
  abstract void update(Step step, Tensor w, Tensor[] slots, Tensor g);

  /** Adds the optimizer's own config keys in Keras' order. */
  abstract void addConfig(Map<String, Object> config);

  /** The scalars of one variable's update; one instance per optimizer, refilled per variable. */
  static final class Step {
    private double learningRate;
    private long t;
    private float decay;
    private float gradScale;
    private float clipValue;

    Step set(double learningRate, long t, float decay, float gradScale, float clipValue) {
      this.learningRate = learningRate;
      this.t = t;
      this.decay = decay;
      this.gradScale = gradScale;
      this.clipValue = clipValue;
      return this;
    }

    double learningRate() {
      return learningRate;
    }

    long t() {
      return t;
    }

    float decay() {
      return decay;
    }

    float gradScale() {
      return gradScale;
    }

    float clipValue() {
      return clipValue;
    }
  }

  /**
   * Applies one step to {@code variables} with the matching {@code gradients} (same order and
   * shapes). A null gradient means the variable has none (it did not take part in the loss): as in
   * Keras, it is skipped (no decay, no update, no constraint), unless every gradient is null.
   */
  public final void apply(List<Tensor> gradients, List<Variable> variables) {
    ensureOpen();
    if (gradients.size() != variables.size()) {
      throw new IllegalArgumentException(className() + ": expected one gradient per variable (" + variables.size()
          + "); received " + gradients.size() + " gradients");
    }
    boolean any = variables.isEmpty();
    for (int i = 0; i < variables.size(); i++) {
      Variable v = variables.get(i);
      Tensor g = gradients.get(i);
      if (g != null && !Shapes.same(g, v.value())) {
        throw new IllegalArgumentException(className() + ": gradient of " + v.path() + " must have shape "
            + Arrays.toString(v.value().shape()) + "; received shape " + Arrays.toString(g.shape()));
      }
      any |= g != null;
    }
    if (!any) {
      throw new IllegalArgumentException(className() + ": no gradients provided for any variable; received "
          + variables.size() + " null gradients for " + variables.stream().map(Variable::path).toList());
    }
    build(variables);
    kernels();
    double lr = (float) learningRate.at(iterations);
    gradientScales(gradients);
    float clip = clipvalue != null && clipvalue > 0 ? clipvalue.floatValue() : Float.POSITIVE_INFINITY;
    for (int i = 0; i < variables.size(); i++) {
      Variable v = variables.get(i);
      if (gradients.get(i) == null) {
        continue;
      }
      float decay = weightDecay != null && !excluded(v) ? (float) (weightDecay * lr) : 0f;
      update(step.set(lr, iterations + 1, decay, scales[i], clip), v.value(), slots.get(v.value()), gradients.get(i));
    }
    for (int i = 0; i < variables.size(); i++) {
      Variable v = variables.get(i);
      if (v.constraint() != null && gradients.get(i) != null) {
        weightOps.apply(v.constraint(), v.value());
      }
    }
    iterations++;
  }

  /**
   * Keras' {@code optimizer.build(var_list)}: creates the (zero) slots of every variable not seen
   * before, in order, so that {@link #slotVariables()} lists them all; {@link #apply} does this by
   * itself. Savers call it so that a file holds the slots of every trainable variable.
   */
  public final void build(List<Variable> variables) {
    ensureOpen();
    for (int i = 0; i < variables.size(); i++) { // indexed: apply's steps allocate nothing
      Variable v = variables.get(i);
      if (!slots.containsKey(v.value())) {
        slots.put(v.value(), createSlots(v));
      }
    }
  }

  // clipnorm: g·c / max(‖g‖, c) per tensor; global_clipnorm: g·c·min(1/G, 1/c), NaN when G is not finite
  private void gradientScales(List<Tensor> gradients) {
    if (scales.length < gradients.size()) {
      scales = new float[gradients.size()];
    }
    Arrays.fill(scales, 1f);
    if (clipnorm != null && clipnorm > 0) {
      for (int i = 0; i < gradients.size(); i++) {
        if (gradients.get(i) == null) {
          continue;
        }
        double norm = Math.sqrt(sumSquares(gradients.get(i)));
        scales[i] = (float) (clipnorm / Math.max(norm, clipnorm));
      }
    } else if (globalClipnorm != null && globalClipnorm > 0) {
      double total = 0;
      for (int i = 0; i < gradients.size(); i++) {
        total += gradients.get(i) == null ? 0 : sumSquares(gradients.get(i));
      }
      double norm = Math.sqrt(total);
      double c = globalClipnorm;
      Arrays.fill(scales, Double.isFinite(norm) ? (float) (c * Math.min(1 / norm, 1 / c)) : Float.NaN);
    }
  }

  private double sumSquares(Tensor g) {
    return g.size() == 0 ? 0 : kernels.sumSquares(g.size(), g.segment());
  }

  /**
   * Keras' {@code exclude_from_weight_decay(var_list, var_names)}: from now on no weight decay for
   * the variables of {@code varList} (by identity: the same weight tensor) nor for variables whose
   * path contains a match of one of the regexes {@code varNames}. Replaces earlier exclusions,
   * including the builder's. As in Keras, only before the optimizer is built (its first
   * {@link #apply} or {@link #build}).
   *
   * @param varList variables to exclude, or null
   * @param varNames regular expressions, or null
   * @throws IllegalStateException once the optimizer is built
   */
  public final void excludeFromWeightDecay(List<Variable> varList, List<String> varNames) {
    ensureOpen();
    if (!built.isEmpty()) {
      throw new IllegalStateException(className() + " '" + name + "': exclude_from_weight_decay() can only be "
          + "configured before the optimizer is built; received it after " + built.size() + " variables were built");
    }
    decayExcludedVariables.clear();
    if (varList != null) {
      varList.forEach(v -> decayExcludedVariables.put(v.value(), Boolean.TRUE));
    }
    decayExclusions = varNames == null ? List.of() : varNames.stream().map(Pattern::compile).toList();
  }

  private boolean excluded(Variable v) {
    if (decayExcludedVariables.containsKey(v.value())) {
      return true;
    }
    for (int i = 0; i < decayExclusions.size(); i++) {
      if (decayExclusions.get(i).matcher(v.path()).find()) {
        return true;
      }
    }
    return false;
  }

  private Tensor[] createSlots(Variable v) {
    boolean[] used = slotsUsed();
    Tensor[] s = new Tensor[used.length];
    for (int i = 0; i < used.length; i++) {
      if (used[i]) {
        s[i] = Tensor.zeros(v.value().shape());
      }
    }
    built.add(v);
    return s;
  }

  /** The number of {@link #apply} calls so far (Keras' {@code iterations}). */
  public final long iterations() {
    return iterations;
  }

  /**
   * Sets Keras' {@code iterations}, e.g. when restoring a saved optimizer together with its
   * {@link #slotVariables()}: the next step is step {@code iterations + 1} (Adam's bias
   * correction, the schedule's step).
   */
  public final void setIterations(long iterations) {
    ensureOpen();
    if (iterations < 0) {
      throw new IllegalArgumentException(className() + ": iterations must be >= 0; received iterations=" + iterations);
    }
    this.iterations = iterations;
  }

  /** The learning rate of the next step, rounded to float32. */
  public final double learningRate() {
    return (float) learningRate.at(iterations);
  }

  public final LearningRateSchedule learningRateSchedule() {
    return learningRate;
  }

  public final String name() {
    return name;
  }

  /**
   * The slots in Keras' file order (spec §6.8), each named
   * {@code <variable path with '/' → '_'>_<slot>}; empty before the first {@link #apply}.
   */
  public final List<Variable> slotVariables() {
    List<Variable> out = new ArrayList<>();
    String[] names = slotNames();
    for (int[] group : slotOrder()) {
      for (Variable v : built) {
        Tensor[] s = slots.get(v.value());
        for (int i : group) {
          if (s[i] != null) {
            out.add(new Variable(name + "/" + v.path().replace('/', '_') + "_" + names[i], s[i], null));
          }
        }
      }
    }
    return out;
  }

  /** Keras' {@code get_config()}: the base keys (spec §6.9), then the optimizer's own. */
  public final Map<String, Object> getConfig() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("name", name);
    Map<String, Object> schedule = learningRate.serialize();
    c.put("learning_rate", schedule != null ? schedule : learningRate());
    c.put("weight_decay", weightDecay);
    c.put("clipnorm", clipnorm);
    c.put("global_clipnorm", globalClipnorm);
    c.put("clipvalue", clipvalue);
    c.put("use_ema", false);
    c.put("ema_momentum", 0.99);
    c.put("ema_overwrite_frequency", null);
    c.put("loss_scale_factor", null);
    c.put("gradient_accumulation_steps", null);
    addConfig(c);
    return c;
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException(className() + " '" + name + "' is closed");
    }
  }

  /** Frees the slots; the optimizer cannot be used afterwards. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      for (Tensor[] s : slots.values()) {
        for (Tensor t : s) {
          if (t != null) {
            t.close();
          }
        }
      }
      slots.clear();
    }
  }

  @Override
  public String toString() {
    return className() + getConfig();
  }

  static void requireUnit(String owner, String arg, double v) {
    if (!(v >= 0 && v <= 1)) {
      throw new IllegalArgumentException(owner + ": " + arg + " must be in [0, 1]; received " + arg + "=" + v);
    }
  }

  static void requireNonNegative(String owner, String arg, double v) {
    if (!Double.isFinite(v) || v < 0) {
      throw new IllegalArgumentException(owner + ": " + arg + " must be finite and >= 0; received " + arg + "=" + v);
    }
  }

  /** The arguments every Keras optimizer takes (spec §6.1); subclasses add their own. */
  public abstract static class Builder<B extends Builder<B>> {
    private final String owner;
    private LearningRateSchedule learningRate;
    private Double weightDecay;
    private Double clipnorm;
    private Double clipvalue;
    private Double globalClipnorm;
    private String name;
    private Backend backend;
    private final List<String> decayExclusions = new ArrayList<>();

    Builder(String owner) {
      this.owner = owner;
    }

    abstract B self();

    /** A constant learning rate. */
    public B learningRate(double learningRate) {
      this.learningRate = LearningRateSchedule.constant(learningRate);
      return self();
    }

    /** A schedule, e.g. {@link ExponentialDecay} or a lambda of the step. */
    public B learningRate(LearningRateSchedule schedule) {
      this.learningRate = Objects.requireNonNull(schedule, "schedule");
      return self();
    }

    /** Decoupled weight decay {@code w ← w − w·weight_decay·lr} before each update. */
    public B weightDecay(double weightDecay) {
      requireNonNegative(owner, "weight_decay", weightDecay);
      this.weightDecay = weightDecay;
      return self();
    }

    /** No weight decay for variables whose path contains a match of one of these regexes. */
    public B excludeFromWeightDecay(String... varNames) {
      decayExclusions.addAll(List.of(varNames));
      return self();
    }

    /** Clips each gradient to this L2 norm (0 disables). */
    public B clipnorm(double clipnorm) {
      requireNonNegative(owner, "clipnorm", clipnorm);
      this.clipnorm = clipnorm;
      return self();
    }

    /** Clips every gradient element to {@code [-clipvalue, clipvalue]} (0 disables). */
    public B clipvalue(double clipvalue) {
      requireNonNegative(owner, "clipvalue", clipvalue);
      this.clipvalue = clipvalue;
      return self();
    }

    /** Scales all gradients together so that their joint L2 norm is at most this (0 disables). */
    public B globalClipnorm(double globalClipnorm) {
      requireNonNegative(owner, "global_clipnorm", globalClipnorm);
      this.globalClipnorm = globalClipnorm;
      return self();
    }

    public B name(String name) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException(owner + ": name must be non-blank; received name=" + name);
      }
      this.name = name;
      return self();
    }

    /**
     * Where the updates run, whatever model the optimizer is compiled into; by default the
     * model's backend (or {@link Backend#preferred()} for an optimizer used on its own).
     */
    public B backend(Backend backend) {
      this.backend = Objects.requireNonNull(backend, "backend");
      return self();
    }
  }
}
