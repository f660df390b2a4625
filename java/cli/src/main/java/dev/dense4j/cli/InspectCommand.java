// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli;

import dev.dense4j.keras.KerasModelInfo;
import dev.dense4j.keras.ModelSource;
import java.io.PrintStream;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code dense4j inspect MODEL [--weights WEIGHTS.h5]}: the file's format and Keras version, then
 * one line per layer (name, class, output shape, activation, parameters) and the total.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = "Print a model file's format, Keras version, layers, shapes, activations and parameters.")
final class InspectCommand extends CliCommand {

  @Mixin
  ModelFiles files = new ModelFiles();

  InspectCommand(Io io) {
    super(io);
  }

  @Override
  protected int run(Settings effective) {
    KerasModelInfo info = files.inspect();
    PrintStream out = io.out();
    ModelSource s = info.source();
    out.println("file:    " + info.file());
    out.println("format:  " + s.format() + (s.kerasVersion() != null ? ", Keras " + s.kerasVersion() : "")
        + (s.backend() != null ? ", backend " + s.backend() : ""));
    out.println("model:   " + info.name() + " (" + info.modelClass() + "), input " + shape(info.inputShape())
        + " -> output " + shape(info.outputShape()));
    out.printf(Locale.ROOT, "%-3s %-20s %-12s %-18s %-40s %12s%n", "#", "layer", "class", "output shape",
        "activation", "parameters");
    int i = 0;
    for (KerasModelInfo.LayerInfo l : info.layers()) {
      out.printf(Locale.ROOT, "%-3d %-20s %-12s %-18s %-40s %,12d%n", i++, l.name(), l.className(),
          shape(l.outputShape()), l.activation() == null ? "-" : l.activation(), l.parameters());
    }
    out.printf(Locale.ROOT, "total parameters: %,d%n", info.parameters());
    return 0;
  }

  /** Keras' notation: {@code (None, 784)}. */
  static String shape(int[] s) {
    StringBuilder b = new StringBuilder("(");
    for (int i = 0; i < s.length; i++) {
      b.append(i == 0 ? "" : ", ").append(s[i] < 0 ? "None" : Integer.toString(s[i]));
    }
    return b.append(s.length == 1 ? ",)" : ")").toString();
  }
}
