// SPDX-License-Identifier: Apache-2.0
//
// The JVM side of the conformance suite, run as a source program on the jars the launcher builds:
//   java -cp CLASSPATH conformance/driver/ConformanceDriver.java write DIR
//       writes one .keras per case (each activation, initializer, regularizer, constraint, the layer
//       types, a trained model) into DIR with DIR/manifest.json: inputs, dense4j's outputs,
//       dense4j's layer losses and its constrained weights, for Keras to compare with
//   java -cp CLASSPATH conformance/driver/ConformanceDriver.java predict MANIFEST OUT
//       loads every Keras-written file MANIFEST lists, predicts its inputs, saves it again as
//       FILE.resaved.keras, and writes the outputs (or the error) per case to OUT
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dense4j.activations.Activation;
import dev.dense4j.activations.Activations;
import dev.dense4j.constraints.Constraint;
import dev.dense4j.constraints.Constraints;
import dev.dense4j.constraints.MaxNorm;
import dev.dense4j.constraints.MinMaxNorm;
import dev.dense4j.constraints.UnitNorm;
import dev.dense4j.initializers.Constant;
import dev.dense4j.initializers.GlorotUniform;
import dev.dense4j.initializers.Initializer;
import dev.dense4j.initializers.Initializers;
import dev.dense4j.initializers.Orthogonal;
import dev.dense4j.initializers.RandomNormal;
import dev.dense4j.initializers.RandomUniform;
import dev.dense4j.initializers.TruncatedNormal;
import dev.dense4j.initializers.VarianceScaling;
import dev.dense4j.keras.KerasModels;
import dev.dense4j.layers.ActivationLayer;
import dev.dense4j.layers.Dense;
import dev.dense4j.layers.Dropout;
import dev.dense4j.layers.ELU;
import dev.dense4j.layers.Flatten;
import dev.dense4j.layers.LeakyReLU;
import dev.dense4j.layers.ReLU;
import dev.dense4j.layers.Softmax;
import dev.dense4j.models.FitOptions;
import dev.dense4j.models.Sequential;
import dev.dense4j.models.Verbosity;
import dev.dense4j.optimizers.Adam;
import dev.dense4j.regularizers.L1L2;
import dev.dense4j.regularizers.OrthogonalRegularizer;
import dev.dense4j.regularizers.Regularizer;
import dev.dense4j.regularizers.Regularizers;
import dev.dense4j.losses.CategoricalCrossentropy;
import dev.dense4j.losses.MeanSquaredError;
import dev.dense4j.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Supplier;

public final class ConformanceDriver {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ROWS = 5;
  private static final int IN = 4;

  private final Path dir;
  private final ArrayNode cases = JSON.createArrayNode();

  private ConformanceDriver(Path dir) {
    this.dir = dir;
  }

  public static void main(String[] args) throws IOException {
    if (args.length == 2 && args[0].equals("write")) {
      Path dir = Files.createDirectories(Path.of(args[1]));
      ConformanceDriver d = new ConformanceDriver(dir);
      d.writeAll();
      JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("manifest.json").toFile(),
          JSON.createObjectNode().set("cases", d.cases));
      System.out.println("driver: wrote " + d.cases.size() + " dense4j models to " + dir);
    } else if (args.length == 3 && args[0].equals("predict")) {
      predictAll(Path.of(args[1]), Path.of(args[2]));
    } else {
      System.err.println("usage: ConformanceDriver write DIR | predict MANIFEST OUT");
      System.exit(2);
    }
  }

  // ---- dense4j -> Keras

  private void writeAll() {
    for (String name : Activations.names()) {
      if (name.equals("threshold")) {
        continue; // needs its two arguments, which a config's activation name cannot carry (nor in Keras)
      }
      dense("activation", name, () -> Dense.builder(6).name("dense").activation(name)
          .kernelInitializer(new GlorotUniform(11L)).biasInitializer(new RandomNormal(0, 0.5, 12L)).build());
    }
    // parameterised built-ins: written as the activation layer Keras writes for Dense(activation=LeakyReLU(...))
    Map<String, Activation> withParameters = new TreeMap<>(Map.of("leaky_relu(0.1)", Activations.leakyRelu(0.1f),
        "relu(max_value=6)", Activations.relu(0, 6, 0), "relu(0.2, None, 0.3)",
        Activations.relu(0.2f, Float.POSITIVE_INFINITY, 0.3f), "elu(0.5)", Activations.elu(0.5f)));
    withParameters.forEach((item, a) -> dense("activation", item, () -> Dense.builder(6).name("dense").activation(a)
        .kernelInitializer(new GlorotUniform(13L)).biasInitializer(new RandomNormal(0, 0.5, 14L)).build()));
    Map<String, Initializer> inits = new TreeMap<>();
    for (String name : Initializers.names()) {
      try {
        Initializer i = Initializers.get(name);
        inits.putIfAbsent(i.className(), i);
      } catch (IllegalArgumentException unsupported) {
        // names dense4j knows only to reject (STFT, the abstract base)
      }
    }
    inits.put("Constant(0.25)", new Constant(0.25));
    inits.put("RandomNormal(0.1, 0.3, seed)", new RandomNormal(0.1, 0.3, 7L));
    inits.put("RandomUniform(-0.2, 0.3, seed)", new RandomUniform(-0.2, 0.3, 7L));
    inits.put("TruncatedNormal(0, 0.2, seed)", new TruncatedNormal(0, 0.2, 7L));
    inits.put("VarianceScaling(2, fan_out, uniform, seed)", new VarianceScaling(2.0, "fan_out", "uniform", 7L));
    inits.put("Orthogonal(1.5, seed)", new Orthogonal(1.5, 7L));
    // Identity and Orthogonal fill matrices only: the bias keeps a vector initializer
    inits.forEach((item, init) -> dense("initializer", item, () -> Dense.builder(IN).name("dense")
        .kernelInitializer(init).biasInitializer(matrixOnly(init.className()) ? new RandomNormal(0, 0.5, 8L) : init)
        .build()));
    Map<String, Regularizer> regs = new TreeMap<>();
    for (String name : Regularizers.names()) {
      Regularizer r = Regularizers.get(name);
      regs.putIfAbsent(r.className(), r);
    }
    regs.put("L1L2(0.01, 0.02)", new L1L2(0.01, 0.02));
    regs.put("OrthogonalRegularizer(0.05, columns)", new OrthogonalRegularizer(0.05, "columns"));
    regs.forEach((item, r) -> dense("regularizer", item, () -> Dense.builder(IN).name("dense").activation("tanh")
        .kernelInitializer(new GlorotUniform(21L)).biasInitializer(new RandomNormal(0, 0.5, 22L))
        .kernelRegularizer(r).biasRegularizer(matrixOnly(r.className()) ? null : r).activityRegularizer(r).build()));
    Map<String, Constraint> cons = new TreeMap<>();
    for (String name : Constraints.names()) {
      Constraint c = Constraints.get(name);
      cons.putIfAbsent(c.className(), c);
    }
    cons.put("MaxNorm(0.4, axis 0)", new MaxNorm(0.4, 0));
    cons.put("MinMaxNorm(0.5, 0.9, 0.7, axis 0)", new MinMaxNorm(0.5, 0.9, 0.7, 0));
    cons.put("UnitNorm(axis 1)", new UnitNorm(1));
    cons.forEach((item, c) -> dense("constraint", item, () -> Dense.builder(3).name("dense")
        .kernelInitializer(new RandomNormal(0, 1.0, 31L)).biasInitializer(new RandomNormal(-0.5, 1.0, 32L))
        .kernelConstraint(c).biasConstraint(item.equals("UnitNorm(axis 1)") ? null : c).build()));
    layerTypes();
    trained();
    resumed();
  }

  private static boolean matrixOnly(String className) {
    return className.equals("Identity") || className.equals("Orthogonal") || className.equals("OrthogonalRegularizer");
  }

  /** A one-layer model: its output from {@code Dense.call}, its losses, its weights once constrained. */
  private void dense(String feature, String item, Supplier<Dense> make) {
    ObjectNode c = newCase(feature, item);
    try (Sequential m = new Sequential("conformance")) {
      Dense d = make.get();
      m.add(d).build(-1, IN);
      float[] x = input(item.hashCode(), ROWS * IN);
      Path file = dir.resolve(c.get("file").asText());
      KerasModels.save(m, file);
      put(c, "input", x, ROWS, IN);
      float[] y = d.call(x, ROWS, IN);
      put(c, "output", y, ROWS, d.outputWidth());
      ArrayNode losses = c.putArray("losses");
      d.losses().forEach(losses::add);
      d.applyConstraints();
      ArrayNode constrained = c.putArray("constrained");
      for (float[] w : d.getWeights()) {
        ArrayNode a = constrained.addArray();
        for (float v : w) {
          a.add(v);
        }
      }
    } catch (RuntimeException e) {
      c.put("error", e.toString());
    }
  }

  /** Every layer type the writer knows, on a rank-3 input, and ReLU with all three parameters. */
  private void layerTypes() {
    ObjectNode c = newCase("layers", "Dense, ReLU, LeakyReLU, ELU, Softmax, Activation, Dropout, Flatten");
    try (Sequential m = new Sequential("layer_types")) {
      m.add(Dense.builder(5).name("d0").kernelInitializer(new GlorotUniform(41L))
              .biasInitializer(new RandomNormal(0, 0.5, 42L)).build())
          .add(new ReLU("relu_p", 1.5f, 0.1f, 0.2f))
          .add(new LeakyReLU("leaky", 0.2f))
          .add(new ELU("elu", 0.7f))
          .add(new ActivationLayer("act", Activations.get("selu")))
          .add(new Dropout("drop", 0.3f, new int[] {-1, 1, 5}, 17L))
          .add(new Flatten("flat"))
          .add(Dense.builder(4).name("d1").kernelInitializer(new GlorotUniform(43L)).build())
          .add(new Softmax("probs"));
      m.build(-1, 3, IN);
      writeSequential(c, m, 3);
    } catch (RuntimeException e) {
      c.put("error", e.toString());
    }
  }

  /** A model trained a few epochs with Adam: its weights, compile_config and optimizer state. */
  private void trained() {
    ObjectNode c = newCase("trained", "Sequential fit (Adam, categorical crossentropy, L2)");
    try (Sequential m = new Sequential("trained_mlp")) {
      m.add(Dense.builder(8).name("hidden").activation("relu").kernelInitializer(new GlorotUniform(51L))
              .kernelRegularizer(new L1L2(0, 1e-3)).build())
          .add(Dense.builder(3).name("probs").activation("softmax").kernelInitializer(new GlorotUniform(52L)).build());
      m.build(-1, IN);
      m.compile(new Adam(0.01), new CategoricalCrossentropy());
      int n = 64;
      float[] x = input(53, n * IN);
      float[] y = new float[n * 3];
      for (int i = 0; i < n; i++) {
        y[i * 3 + (x[i * IN] > 0 ? (x[i * IN + 1] > 0 ? 0 : 1) : 2)] = 1;
      }
      try (Tensor tx = Tensor.of(x, n, IN); Tensor ty = Tensor.of(y, n, 3)) {
        m.fit(tx, ty, new FitOptions().epochs(5).batchSize(16).seed(54).verbosity(Verbosity.SILENT));
      }
      writeSequential(c, m, 1);
    } catch (RuntimeException e) {
      c.put("error", e.toString());
    }
  }

  /**
   * Training state: a model trained 4 steps with Adam and saved; Keras loads it and takes the next
   * 3 steps (train_on_batch on the batches listed here), which must give dense4j's weights after
   * the same 3 steps.
   */
  private void resumed() {
    ObjectNode c = newCase("resumed", "Adam state: Keras resumes a dense4j file (train_on_batch x3)");
    try (Sequential m = new Sequential("resumed_mlp")) {
      m.add(Dense.builder(6).name("hidden").activation("tanh").kernelInitializer(new GlorotUniform(61L)).build())
          .add(Dense.builder(2).name("out").kernelInitializer(new GlorotUniform(62L)).build());
      m.build(-1, IN);
      m.compile(Adam.builder().learningRate(0.02).build(), new MeanSquaredError());
      int n = 8;
      ArrayNode batches = c.putArray("batches");
      for (int step = 0; step < 7; step++) {
        float[] x = input(70 + step, n * IN);
        float[] y = input(80 + step, n * 2);
        if (step == 4) {
          writeSequential(c, m, 1);
          c.put("iterations", m.optimizer().iterations());
        }
        if (step >= 4) {
          ObjectNode b = batches.addObject();
          put(b, "x", x, n, IN);
          put(b, "y", y, n, 2);
        }
        try (Tensor tx = Tensor.of(x, n, IN); Tensor ty = Tensor.of(y, n, 2)) {
          m.trainOnBatch(tx, ty);
        }
      }
      ArrayNode after = c.putArray("weights_after");
      for (float[] w : m.getWeights()) {
        ArrayNode a = after.addArray();
        for (float v : w) {
          a.add(v);
        }
      }
    } catch (RuntimeException e) {
      c.put("error", e.toString());
    }
  }

  private void writeSequential(ObjectNode c, Sequential m, int innerRows) {
    KerasModels.save(m, dir.resolve(c.get("file").asText()));
    int width = innerRows * IN;
    float[] x = input(c.get("id").asText().hashCode(), ROWS * width);
    int[] shape = innerRows == 1 ? new int[] {ROWS, IN} : new int[] {ROWS, innerRows, IN};
    float[] y = m.predict(x, shape);
    put(c, "input", x, shape);
    int[] out = m.computeOutputShape(shape);
    put(c, "output", y, out);
  }

  private ObjectNode newCase(String feature, String item) {
    String id = feature + "/" + item;
    ObjectNode c = cases.addObject().put("id", id).put("feature", feature).put("item", item);
    c.put("file", String.format("%03d-%s.keras", cases.size(), item.replaceAll("[^A-Za-z0-9_]+", "_")));
    return c;
  }

  // ---- Keras -> dense4j

  private static void predictAll(Path manifest, Path out) throws IOException {
    JsonNode root = JSON.readTree(manifest.toFile());
    ObjectNode results = JSON.createObjectNode();
    for (JsonNode c : root.get("cases")) {
      ObjectNode r = results.putObject(c.get("id").asText());
      Path file = manifest.resolveSibling(c.get("file").asText());
      try (Sequential m = KerasModels.load(file)) {
        int[] shape = ints(c.get("input").get("shape"));
        float[] y = m.predict(floats(c.get("input").get("data")), shape);
        put(r, "output", y, m.computeOutputShape(shape));
        if (file.toString().endsWith(".keras") || file.toString().endsWith(".h5")) {
          Path resaved = file.resolveSibling(file.getFileName() + ".resaved.keras");
          KerasModels.save(m, resaved);
          r.put("resaved", resaved.getFileName().toString());
        }
      } catch (RuntimeException e) {
        r.put("error", e.toString());
      }
    }
    JSON.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), results);
    System.out.println("driver: predicted " + results.size() + " Keras-written models");
  }

  // ---- helpers

  /** Seeded inputs in [-3, 3): large enough to reach every activation's saturated region. */
  private static float[] input(long seed, int n) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (r.nextDouble() * 6 - 3);
    }
    return x;
  }

  private static void put(ObjectNode c, String key, float[] data, int... shape) {
    ObjectNode t = c.putObject(key);
    ArrayNode s = t.putArray("shape");
    for (int d : shape) {
      s.add(d);
    }
    ArrayNode a = t.putArray("data");
    for (float v : data) {
      a.add(v);
    }
  }

  private static int[] ints(JsonNode a) {
    int[] r = new int[a.size()];
    for (int i = 0; i < r.length; i++) {
      r[i] = a.get(i).asInt();
    }
    return r;
  }

  private static float[] floats(JsonNode a) {
    float[] r = new float[a.size()];
    for (int i = 0; i < r.length; i++) {
      r[i] = (float) a.get(i).asDouble();
    }
    return r;
  }
}
