// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.keras;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dense4j.layers.Variable;
import dev.dense4j.losses.Loss;
import dev.dense4j.losses.Losses;
import dev.dense4j.metrics.Metric;
import dev.dense4j.metrics.Metrics;
import dev.dense4j.models.Sequential;
import dev.dense4j.optimizers.Optimizer;
import dev.dense4j.optimizers.Optimizers;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What a {@code .keras} file holds for training to resume, in Keras 3's layout:
 * <ul>
 *   <li>{@code config.json}'s {@code compile_config}: {@code optimizer} (serialized), {@code loss}
 *       (serialized), {@code loss_weights}, {@code metrics} (their names), {@code weighted_metrics},
 *       {@code run_eagerly}, {@code steps_per_execution}, {@code jit_compile};
 *   <li>{@code model.weights.h5}'s {@code optimizer/vars}: {@code 0} the iteration count (int32
 *       scalar), {@code 1} the learning rate (float32 scalar; only when it is a number rather than
 *       a schedule), then the slots in Keras' order ({@link Optimizer#slotVariables()}), covering
 *       every trainable variable of the model.
 * </ul>
 * Loading restores both (unless {@link LoadOptions#compile()} is false). As in Keras, a
 * {@code compile_config} that cannot be restored (a custom loss nobody registered, a multi-output
 * metric list) leaves the model uncompiled with a warning, and optimizer variables that do not
 * match the optimizer (another count or shape) are skipped with a warning: the model itself
 * always loads.
 */
final class TrainingState {

  private static final System.Logger LOG = System.getLogger(TrainingState.class.getName());
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private TrainingState() {}

  /** The {@code compile_config} of a model: empty when it is not compiled. */
  static ObjectNode compileConfig(Sequential model) {
    ObjectNode c = Json.MAPPER.createObjectNode();
    if (!model.isCompiled()) {
      return c;
    }
    c.set("optimizer", Json.MAPPER.valueToTree(Optimizers.serialize(model.optimizer())));
    c.set("loss", Json.MAPPER.valueToTree(Losses.serialize(model.loss())));
    c.putNull("loss_weights");
    ArrayNode metrics = c.putArray("metrics");
    for (Metric m : model.metrics()) {
      metrics.add(m.name());
    }
    c.putNull("weighted_metrics");
    c.put("run_eagerly", false);
    c.put("steps_per_execution", 1);
    c.put("jit_compile", "auto");
    return c;
  }

  /** Adds {@code optimizer/vars} for a compiled model (building the optimizer's slots for every trainable variable). */
  static void writeOptimizer(Sequential model, Hdf5Writer h5) {
    if (!model.isCompiled()) {
      return;
    }
    Optimizer opt = model.optimizer();
    opt.build(model.trainableVariables());
    String vars = "optimizer/vars";
    h5.group(vars).attributes.put("name", opt.name());
    if (opt.iterations() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("KerasModels.save: Keras stores iterations as int32; received iterations="
          + opt.iterations());
    }
    h5.intScalar(vars, "0", (int) opt.iterations());
    int i = 1;
    if (opt.learningRateSchedule().serialize() == null) {
      h5.dataset(vars, Integer.toString(i++), new int[0], new float[] {(float) opt.learningRate()});
    }
    for (Variable slot : opt.slotVariables()) {
      h5.dataset(vars, Integer.toString(i++), slot.value().shape(), slot.value().toArray());
    }
  }

  /** Compiles {@code model} from {@code compile_config} and restores the optimizer from {@code h5} (may be null). */
  static void restore(Sequential model, JsonNode compileConfig, Hdf5Reader h5, String label) {
    if (compileConfig == null || !compileConfig.isObject() || compileConfig.isEmpty()) {
      return;
    }
    try {
      Optimizer optimizer = optimizer(compileConfig.path("optimizer"));
      Loss loss = loss(compileConfig.path("loss"));
      List<Metric> metrics = metrics(compileConfig.path("metrics"));
      if (optimizer == null || loss == null) {
        LOG.log(System.Logger.Level.WARNING, label + ": compile_config without an optimizer and a loss; the model "
            + "is loaded uncompiled");
        return;
      }
      model.compile(optimizer, loss, metrics.toArray(new Metric[0]));
    } catch (IllegalArgumentException | IllegalStateException e) {
      LOG.log(System.Logger.Level.WARNING, label + ": compile_config could not be restored (" + e.getMessage()
          + "); the model is loaded uncompiled");
      return;
    }
    if (h5 != null) {
      restoreOptimizer(model, h5, label);
    }
  }

  private static Optimizer optimizer(JsonNode id) {
    if (id.isTextual()) {
      return Optimizers.get(id.asText());
    }
    return id.isObject() ? Optimizers.fromConfig(Json.MAPPER.convertValue(id, MAP)) : null;
  }

  private static Loss loss(JsonNode id) {
    if (id.isTextual()) {
      return Losses.get(id.asText());
    }
    return id.isObject() ? Losses.fromConfig(Json.MAPPER.convertValue(id, MAP)) : null;
  }

  private static List<Metric> metrics(JsonNode list) {
    List<Metric> out = new ArrayList<>();
    if (list.isMissingNode() || list.isNull()) {
      return out;
    }
    if (!list.isArray()) {
      throw new IllegalArgumentException("metrics must be a list; received " + list);
    }
    for (JsonNode m : list) {
      if (m.isTextual()) {
        out.add(Metrics.get(m.asText()));
      } else if (m.isObject()) {
        out.add(Metrics.fromConfig(Json.MAPPER.convertValue(m, MAP)));
      } else {
        throw new IllegalArgumentException("unsupported metrics entry " + m + " (one output only)");
      }
    }
    return out;
  }

  // iterations, [learning rate], slots: positional, as Keras' Optimizer.load_own_variables
  private static void restoreOptimizer(Sequential model, Hdf5Reader h5, String label) {
    Group vars = h5.group(h5.root(), "optimizer/vars");
    if (vars == null) {
      return;
    }
    Optimizer opt = model.optimizer();
    opt.build(model.trainableVariables());
    List<Variable> slots = opt.slotVariables();
    boolean hasRate = opt.learningRateSchedule().serialize() == null;
    int expected = 1 + (hasRate ? 1 : 0) + slots.size();
    int stored = h5.childNames(vars).size();
    if (stored != expected) {
      LOG.log(System.Logger.Level.WARNING, label + ": skipping the optimizer state of '" + opt.name() + "': the file "
          + "holds " + stored + " variables, the optimizer has " + expected);
      return;
    }
    List<float[]> values = new ArrayList<>();
    int first = hasRate ? 2 : 1;
    for (int i = 0; i < slots.size(); i++) {
      Node n = node(h5, vars, first + i);
      WeightArray w = h5.floats(n);
      if (!Arrays.equals(w.shape(), slots.get(i).value().shape())) {
        LOG.log(System.Logger.Level.WARNING, label + ": skipping the optimizer state of '" + opt.name() + "': "
            + w.path() + " has shape " + Arrays.toString(w.shape()) + ", the optimizer's " + slots.get(i).path() + " "
            + Arrays.toString(slots.get(i).value().shape()));
        return;
      }
      values.add(w.values());
    }
    long iterations = h5.scalarLong(node(h5, vars, 0));
    if (iterations < 0) {
      LOG.log(System.Logger.Level.WARNING, label + ": skipping the optimizer state of '" + opt.name() + "': "
          + "iterations=" + iterations);
      return;
    }
    for (int i = 0; i < slots.size(); i++) {
      slots.get(i).value().copyFrom(values.get(i));
    }
    opt.setIterations(iterations);
  }

  private static Node node(Hdf5Reader h5, Group vars, int i) {
    Node n = h5.child(vars, Integer.toString(i));
    if (n == null) {
      throw new KerasFormatException(h5.label(), vars.getPath(), "expected variables named 0.."
          + (h5.childNames(vars).size() - 1) + "; received " + h5.childNames(vars));
    }
    return n;
  }
}
