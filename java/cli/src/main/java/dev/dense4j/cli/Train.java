// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli;

import dev.dense4j.backend.Backend;
import dev.dense4j.initializers.GlorotUniform;
import dev.dense4j.keras.KerasModels;
import dev.dense4j.layers.Dense;
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

/**
 * {@code dense4j train}: a 64→64 relu→10 softmax MLP learns the UCI optical digits (1,797 8×8
 * images, bundled with their source and licence in {@code digits/README.md}) with Adam and a
 * fixed seed, reports the accuracy on a held-out fifth of the data, and saves the model: a Keras 3
 * {@code .keras} archive, or dense4j's weights-only {@code .d4jw} file.
 */
final class Train {

  static final String DATA = "/dev/dense4j/cli/digits/digits.csv.gz";
  static final int PIXELS = 64;
  static final int CLASSES = 10;

  private Train() {}

  /** Digits as (x scaled to [0, 1], labels), in file order. */
  record Digits(float[] x, float[] labels) {
    int count() {
      return labels.length;
    }
  }

  static int run(String[] args, PrintStream out) {
    Options o = Options.parse(args);
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
      model.add(Dense.builder(64).name("hidden").activation("relu")
          .kernelInitializer(new GlorotUniform(o.seed)).build());
      model.add(Dense.builder(CLASSES).name("classes").activation("softmax")
          .kernelInitializer(new GlorotUniform(o.seed + 1)).build());
      model.build(-1, PIXELS);
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
      saverFor(o.out).save(model, o.out);
      out.println("saved the model to " + o.out);
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

  /** Command-line options of {@code train}. */
  record Options(int epochs, int batchSize, long seed, double learningRate, Path out, boolean quiet) {
    static Options parse(String[] args) {
      int epochs = 40;
      int batch = 32;
      long seed = 42;
      double lr = 0.003;
      Path out = Path.of("digits-mlp.keras");
      boolean quiet = false;
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "--epochs" -> epochs = positive(a, value(args, ++i, a));
          case "--batch-size" -> batch = positive(a, value(args, ++i, a));
          case "--seed" -> seed = Long.parseLong(value(args, ++i, a));
          case "--learning-rate" -> lr = Double.parseDouble(value(args, ++i, a));
          case "--out" -> out = Path.of(value(args, ++i, a));
          case "--quiet" -> quiet = true;
          default -> throw new IllegalArgumentException("unknown option " + a + "; known: --epochs N, --batch-size N, "
              + "--seed N, --learning-rate X, --out FILE.keras|FILE.d4jw, --quiet");
        }
      }
      saverFor(out); // fail before training on an unsupported file name
      return new Options(epochs, batch, seed, lr, out, quiet);
    }

    private static String value(String[] args, int i, String option) {
      if (i >= args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return args[i];
    }

    private static int positive(String option, String v) {
      int n = Integer.parseInt(v);
      if (n <= 0) {
        throw new IllegalArgumentException(option + " must be > 0; received " + option + "=" + v);
      }
      return n;
    }
  }
}
