// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli;

import dev.dense4j.backend.Backend;
import dev.dense4j.initializers.GlorotUniform;
import dev.dense4j.keras.KerasModels;
import dev.dense4j.layers.Dense;
import dev.dense4j.layers.Dropout;
import dev.dense4j.losses.SparseCategoricalCrossentropy;
import dev.dense4j.metrics.Metrics;
import dev.dense4j.models.FitOptions;
import dev.dense4j.models.ModelSaver;
import dev.dense4j.models.Sequential;
import dev.dense4j.models.Verbosity;
import dev.dense4j.models.WeightsFile;
import dev.dense4j.optimizers.Adam;
import dev.dense4j.tensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code dense4j train}: a 64→64 relu→10 softmax MLP learns the UCI optical digits (1,797 8×8
 * images, bundled with their source and licence in {@code digits/README.md}) with Adam and a
 * fixed seed, reports the accuracy on a held-out fifth of the data, and saves the model: a Keras 3
 * {@code .keras} archive, or dense4j's weights-only {@code .d4jw} file. {@code --hidden N} sets
 * the hidden width, {@code --dropout RATE} puts a Dropout layer (seeded by {@code --seed}) after
 * the hidden layer.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = {"Train a 64-64-10 MLP (hidden width and dropout configurable) on the bundled UCI optical digits, "
        + "report the held-out accuracy and save the model (.keras, or .d4jw for weights only)."})
final class Train extends CliCommand {

  @Option(names = "--epochs", paramLabel = "N", defaultValue = "40", converter = Converters.Positive.class,
      description = "Passes over the training data (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--batch-size", paramLabel = "N", defaultValue = "32", converter = Converters.Positive.class,
      description = "Samples per step (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
      description = "Seeds the split, the initial weights, the shuffling and the dropout masks (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--learning-rate", paramLabel = "X", defaultValue = "0.003",
      description = "Adam's learning rate (default: ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(names = "--hidden", paramLabel = "N", defaultValue = "64", converter = Converters.Positive.class,
      description = "Units of the hidden relu layer (default: ${DEFAULT-VALUE}).")
  int hidden;

  @Option(names = "--dropout", paramLabel = "RATE", defaultValue = "0",
      description = "Dropout after the hidden layer, the fraction of its outputs dropped in training, in [0, 1); "
          + "0 (the default) adds no Dropout layer.")
  double dropout;

  @Option(names = "--out", paramLabel = "FILE", defaultValue = "digits-mlp.keras",
      description = "Where to save: FILE.keras (Keras 3) or FILE.d4jw (weights only); default: ${DEFAULT-VALUE}.")
  Path outFile;

  @Option(names = "--quiet", description = "Print only the result lines.")
  boolean quiet;

  @Option(names = "--batch-norm", description = "Train Normalization (adapted to the training pixels) → Dense(64, relu)"
      + " → BatchNormalization → Dropout(0.2) → Dense(32, relu) → BatchNormalization → Dense(10, softmax) instead.")
  boolean batchNorm;

  static final String DATA = "/dev/dense4j/cli/digits/digits.csv.gz";
  static final int PIXELS = 64;
  static final int CLASSES = 10;

  Train(Io io) {
    super(io);
  }

  /** Digits as (x scaled to [0, 1], labels), in file order. */
  record Digits(float[] x, float[] labels) {
    int count() {
      return labels.length;
    }
  }

  @Override
  protected int run(Settings effective) {
    if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
      throw new ParameterException(spec.commandLine(), "--learning-rate must be a finite number > 0; received "
          + "--learning-rate=" + learningRate);
    }
    if (!(dropout >= 0 && dropout < 1)) {
      throw new ParameterException(spec.commandLine(), "--dropout must be in [0, 1); received --dropout=" + dropout);
    }
    saverFor(outFile); // fail before training on an unsupported file name
    PrintStream out = io.out();
    Train o = this;
    Digits all = load();
    int n = all.count();
    int[] order = permutation(n, new SplittableRandom(o.seed));
    int test = n / 5;
    int train = n - test;
    Backend backend = Backend.preferred();
    long t0 = System.nanoTime();
    try (Tensor xTrain = rows(all.x(), order, 0, train, PIXELS);
        Tensor yTrain = rows(all.labels(), order, 0, train, 1);
        Tensor xTest = rows(all.x(), order, train, test, PIXELS);
        Tensor yTest = rows(all.labels(), order, train, test, 1);
        Sequential model = new Sequential("digits_mlp")) {
      if (o.batchNorm) {
        BatchNormModel.add(model, o.seed);
        model.build(-1, PIXELS);
        BatchNormModel.adapt(model, xTrain);
      } else {
        model.add(Dense.builder(o.hidden).name("hidden").activation("relu")
            .kernelInitializer(new GlorotUniform(o.seed)).build());
        if (o.dropout > 0) {
          model.add(new Dropout("dropout", (float) o.dropout, null, o.seed + 2));
        }
        model.add(Dense.builder(CLASSES).name("classes").activation("softmax")
            .kernelInitializer(new GlorotUniform(o.seed + 1)).build());
        model.build(-1, PIXELS);
      }
      model.compile(Adam.builder().learningRate(o.learningRate).build(), new SparseCategoricalCrossentropy(),
          Metrics.get("accuracy"));
      if (!o.quiet) {
        out.printf(Locale.ROOT, "UCI optical digits (Alpaydin & Kaynak 1998, CC BY 4.0): %d samples, %d for training, "
            + "%d held out (seed %d); backend %s%n",
            n, train, test, o.seed, backend.name().toLowerCase(Locale.ROOT));
        out.print(model.summary());
      }
      model.fit(xTrain, yTrain, new FitOptions().epochs(o.epochs).batchSize(o.batchSize).seed(o.seed)
          .validationData(xTest, yTest).verbosity(o.quiet ? Verbosity.SILENT : Verbosity.AUTO).progressOutput(out));
      double seconds = (System.nanoTime() - t0) / 1e9;
      Map<String, Double> eval = model.evaluate(xTest, yTest);
      double accuracy = eval.get("accuracy");
      out.printf(Locale.ROOT, "held-out accuracy: %.2f%% (%d/%d), loss %.4f; trained %d epochs in %.1f s%n",
          100 * accuracy, Math.round(accuracy * test), test, eval.get("loss"), o.epochs, seconds);
      saverFor(o.outFile).save(model, o.outFile);
      out.println("saved the model to " + o.outFile);
    }
    return 0;
  }

  /** The saver for an output file: a Keras 3 {@code .keras} archive or a {@code .d4jw} weights file. */
  static ModelSaver saverFor(Path out) {
    String name = out.getFileName().toString();
    if (name.endsWith(".keras")) {
      return KerasModels::save;
    }
    if (name.endsWith(".d4jw")) {
      return WeightsFile.saver();
    }
    throw new IllegalArgumentException("--out must name a .keras or .d4jw file; received --out=" + out);
  }

  static Digits load() {
    InputStream raw = Train.class.getResourceAsStream(DATA);
    if (raw == null) {
      throw new UncheckedIOException(new IOException("data set not on the class path: " + DATA));
    }
    float[] x = new float[1797 * PIXELS];
    float[] y = new float[1797];
    int count = 0;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.US_ASCII))) {
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split(",");
        if (f.length != PIXELS + 1 || count == y.length) {
          throw new UncheckedIOException(new IOException(DATA + ": line " + (count + 1) + " is not 65 values"));
        }
        for (int j = 0; j < PIXELS; j++) {
          x[count * PIXELS + j] = Integer.parseInt(f[j].trim()) / 16f;
        }
        y[count++] = Integer.parseInt(f[PIXELS].trim());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(DATA + ": cannot read", e);
    }
    if (count != y.length) {
      throw new UncheckedIOException(new IOException(DATA + ": expected 1797 samples; found " + count));
    }
    return new Digits(x, y);
  }

  private static int[] permutation(int n, SplittableRandom rng) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  private static Tensor rows(float[] src, int[] order, int from, int count, int width) {
    float[] out = new float[count * width];
    for (int i = 0; i < count; i++) {
      System.arraycopy(src, order[from + i] * width, out, i * width, width);
    }
    return width == 1 ? Tensor.of(out, count) : Tensor.of(out, count, width);
  }

}
