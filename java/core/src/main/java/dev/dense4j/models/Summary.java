// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.models;

import dev.dense4j.layers.Layer;
import dev.dense4j.layers.TrainableLayer;
import dev.dense4j.layers.Variable;
import dev.dense4j.optimizers.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Keras' {@code model.summary()} table for a {@link Sequential}. */
final class Summary {

  private static final int[] WIDTHS = {33, 24, 15};

  private Summary() {}

  static String of(Sequential model) {
    StringBuilder sb = new StringBuilder();
    sb.append("Model: \"").append(model.name()).append("\"\n");
    sb.append(rule('┏', '━', '┳', '┓'));
    sb.append(row('┃', "Layer (type)", "Output Shape", "Param #"));
    sb.append(rule('┡', '━', '╇', '┩'));
    int[] shape = model.isBuilt() ? model.inputShape() : null;
    long[] counts = new long[2]; // trainable, non-trainable
    List<Layer> layers = model.layers();
    for (int i = 0; i < layers.size(); i++) {
      Layer l = layers.get(i);
      long params = params(l, counts);
      String out = "?";
      if (shape != null) {
        shape = l.computeOutputShape(shape);
        out = shapeText(shape);
      }
      sb.append(row('│', l.name() + " (" + l.getClass().getSimpleName() + ")", out, String.format(Locale.ROOT, "%,d", params)));
      sb.append(i < layers.size() - 1 ? rule('├', '─', '┼', '┤') : rule('└', '─', '┴', '┘'));
    }
    if (layers.isEmpty()) {
      sb.append(rule('└', '─', '┴', '┘'));
    }
    sb.append(total(" Total params: ", counts[0] + counts[1]));
    sb.append(total(" Trainable params: ", counts[0]));
    sb.append(total(" Non-trainable params: ", counts[1]));
    return sb.append(optimizerParams(model.optimizerOrNull())).toString();
  }

  // the layer's parameter count, also added to counts[0] (trainable) or counts[1] (frozen)
  private static long params(Layer l, long[] counts) {
    if (!(l instanceof TrainableLayer t)) {
      return 0;
    }
    long params = 0;
    for (Variable v : t.variables()) {
      params += v.value().size();
    }
    long trainable = 0;
    for (Variable v : t.trainableVariables()) {
      trainable += v.value().size();
    }
    counts[0] += trainable;
    counts[1] += params - trainable;
    return params;
  }

  private static String optimizerParams(Optimizer opt) {
    if (opt == null || opt.slotVariables().isEmpty()) {
      return "";
    }
    long slots = 2; // Keras counts the iteration counter and the learning rate
    for (Variable v : opt.slotVariables()) {
      slots += v.value().size();
    }
    return total(" Optimizer params: ", slots);
  }

  private static String shapeText(int[] shape) {
    List<String> parts = new ArrayList<>();
    for (int d : shape) {
      parts.add(d < 0 ? "None" : Integer.toString(d));
    }
    return "(" + String.join(", ", parts) + ")";
  }

  private static String total(String label, long params) {
    return label + String.format(Locale.ROOT, "%,d (%s)%n", params, bytes(params * Float.BYTES));
  }

  static String bytes(long b) {
    String[] units = {"B", "KB", "MB", "GB", "TB"};
    double v = b;
    int u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.2f %s", v, units[u]);
  }

  private static String rule(char left, char fill, char mid, char right) {
    StringBuilder sb = new StringBuilder().append(left);
    for (int i = 0; i < WIDTHS.length; i++) {
      sb.append(String.valueOf(fill).repeat(WIDTHS[i])).append(i < WIDTHS.length - 1 ? mid : right);
    }
    return sb.append('\n').toString();
  }

  private static String row(char bar, String name, String shape, String params) {
    return bar + " " + pad(name, WIDTHS[0] - 2, false) + " " + bar + " " + pad(shape, WIDTHS[1] - 2, false)
        + " " + bar + " " + pad(params, WIDTHS[2] - 2, true) + " " + bar + "\n";
  }

  private static String pad(String s, int width, boolean right) {
    if (s.length() > width) {
      return s.substring(0, width - 1) + "…";
    }
    String fill = " ".repeat(width - s.length());
    return right ? fill + s : s + fill;
  }
}
