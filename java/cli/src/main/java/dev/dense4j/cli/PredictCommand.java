// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dense4j.models.Sequential;
import dev.dense4j.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code dense4j predict MODEL [--input FILE|-] [--weights WEIGHTS.h5]}: reads input rows, a JSON
 * array of rows ({@code [[0.1, 0.2], …]}; nested rows for inputs of rank > 2) or CSV (one row per
 * line, an optional header line), runs the model, and prints a JSON array of output rows.
 */
final class PredictCommand {

  private static final ObjectMapper JSON = new ObjectMapper();

  private PredictCommand() {}

  static int run(String[] args, InputStream stdin, PrintStream out) {
    ModelArgs a = ModelArgs.parse(args, "--input", "--weights");
    a.expectPositional(1, "MODEL");
    String input = a.options.getOrDefault("--input", "-");
    try (Sequential model = a.load()) {
      int[] in = model.inputShape();
      int width = Math.toIntExact(Tensor.elementCount(Arrays.copyOfRange(in, 1, in.length)));
      List<float[]> rows = parseRows(read(input, stdin), width);
      int[] shape = in.clone();
      shape[0] = rows.size();
      float[] x = new float[Math.multiplyExact(rows.size(), width)];
      for (int i = 0; i < rows.size(); i++) {
        System.arraycopy(rows.get(i), 0, x, i * width, width);
      }
      for (int i = 1; i < shape.length; i++) {
        if (shape[i] < 0) {
          throw new IllegalArgumentException("the model's input shape " + InspectCommand.shape(in)
              + " has unknown dimensions; predict needs them known");
        }
      }
      float[] y = model.predict(x, shape);
      int[] outShape = model.computeOutputShape(shape);
      out.println(format(y, outShape));
    }
    return 0;
  }

  private static String read(String input, InputStream stdin) {
    try {
      byte[] b = input.equals("-") ? stdin.readAllBytes() : Files.readAllBytes(Path.of(input));
      return new String(b, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read input " + input + ": " + e.getMessage(), e);
    }
  }

  /** Rows of {@code width} values from a JSON array of rows or from CSV. */
  static List<float[]> parseRows(String text, int width) {
    String t = text.strip();
    List<float[]> rows = new ArrayList<>();
    if (t.startsWith("[")) {
      JsonNode root;
      try {
        root = JSON.readTree(t);
      } catch (IOException e) {
        throw new IllegalArgumentException("input is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
      }
      if (!root.isArray()) {
        throw new IllegalArgumentException("input must be a JSON array of rows");
      }
      List<JsonNode> all = new ArrayList<>();
      if (!root.isEmpty() && root.get(0).isNumber()) {
        all.add(root); // a single row
      } else {
        root.forEach(all::add);
      }
      for (JsonNode row : all) {
        List<Float> values = new ArrayList<>();
        flatten(row, values);
        rows.add(row(values, width, rows.size()));
      }
    } else {
      String[] lines = t.split("\\R");
      for (int i = 0; i < lines.length; i++) {
        String line = lines[i].strip();
        if (line.isEmpty() || (i == 0 && !line.isEmpty() && !Character.isDigit(line.charAt(0))
            && "+-.".indexOf(line.charAt(0)) < 0)) {
          continue; // blank line or header
        }
        List<Float> values = new ArrayList<>();
        for (String cell : line.split(",")) {
          try {
            values.add(Float.parseFloat(cell.strip()));
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("CSV line " + (i + 1) + ": not a number: '" + cell.strip() + "'");
          }
        }
        rows.add(row(values, width, rows.size()));
      }
    }
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("no input rows");
    }
    return rows;
  }

  private static void flatten(JsonNode n, List<Float> out) {
    if (n.isNumber()) {
      out.add(n.floatValue());
    } else if (n.isArray()) {
      n.forEach(c -> flatten(c, out));
    } else {
      throw new IllegalArgumentException("input rows must hold numbers; received " + n);
    }
  }

  private static float[] row(List<Float> values, int width, int index) {
    if (values.size() != width) {
      throw new IllegalArgumentException("input row " + index + " has " + values.size() + " values; the model takes "
          + width);
    }
    float[] r = new float[width];
    for (int i = 0; i < width; i++) {
      r[i] = values.get(i);
    }
    return r;
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
