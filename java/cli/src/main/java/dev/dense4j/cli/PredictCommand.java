// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli;

import dev.dense4j.cli.input.Batch;
import dev.dense4j.cli.input.Inputs;
import dev.dense4j.cli.input.Shapes;
import dev.dense4j.models.Sequential;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code dense4j predict MODEL [--input FILE|-]}: reads input samples (JSON rows, the server's
 * {@code {"inputs": …}} body, CSV or a NumPy {@code .npy} file; see {@link Inputs}), runs the
 * model, and prints a JSON array of output rows.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = {"Run a model on input samples and print a JSON array of output rows.",
      "Input: a JSON array of samples, {\"inputs\": [...]} as serve takes it, CSV (one sample per line, an"
          + " optional header) or a NumPy .npy file; values must be finite float32 numbers."})
final class PredictCommand extends CliCommand {

  @Mixin
  ModelFiles files = new ModelFiles();

  @Option(names = "--input", paramLabel = "FILE|-", defaultValue = "-",
      description = "Where the samples are; - (the default) reads stdin.")
  String input;

  @Parameters(index = "1..*", hidden = true)
  List<String> extra;

  PredictCommand(Io io) {
    super(io);
  }

  @Override
  protected int run(Settings effective) {
    if (extra != null && !extra.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "predict takes one MODEL; received also " + extra
          + (extra.size() == 1 ? "; to read samples from a file, pass --input " + extra.get(0) : ""));
    }
    try (Sequential model = files.load()) {
      int[] in = model.inputShape();
      int[] sample = Arrays.copyOfRange(in, 1, in.length);
      Shapes.width(sample); // a clear error for unknown or huge sample shapes, before any input is read
      Batch batch = Inputs.read(read(), sample, Integer.MAX_VALUE);
      int[] shape = in.clone();
      shape[0] = batch.rows();
      float[] x = batch.values().length == batch.rows() * Shapes.width(sample) ? batch.values()
          : Arrays.copyOf(batch.values(), batch.rows() * Shapes.width(sample));
      float[] y = model.predict(x, shape);
      io.out().println(format(y, model.computeOutputShape(shape)));
    }
    return 0;
  }

  private byte[] read() {
    try {
      return input.equals("-") ? io.in().readAllBytes() : Files.readAllBytes(Path.of(input));
    } catch (NoSuchFileException e) {
      throw new ParameterException(spec.commandLine(), "--input " + input + ": no such file");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read --input " + input + ": " + e, e);
    }
  }

  /** A JSON array of rows, each nested by the output shape without its batch dimension. */
  static String format(float[] y, int[] shape) {
    StringBuilder b = new StringBuilder();
    append(b, y, shape, 0, 0);
    return b.toString();
  }

  private static int append(StringBuilder b, float[] y, int[] shape, int axis, int at) {
    if (axis == shape.length) {
      float v = y[at];
      b.append(Float.isFinite(v) ? Float.toString(v) : "null");
      return at + 1;
    }
    b.append('[');
    for (int i = 0; i < shape[axis]; i++) {
      if (i > 0) {
        b.append(axis == 0 ? ",\n " : ", ");
      }
      at = append(b, y, shape, axis + 1, at);
    }
    b.append(']');
    return at;
  }
}
