// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli;

import dev.dense4j.keras.KerasModels;
import dev.dense4j.models.Sequential;
import java.io.PrintStream;
import java.nio.file.Path;

/** {@code dense4j convert MODEL OUT.keras [--weights WEIGHTS.h5]}: any readable model to a Keras 3 {@code .keras}. */
final class ConvertCommand {

  private ConvertCommand() {}

  static int run(String[] args, PrintStream out) {
    ModelArgs a = ModelArgs.parse(args, "--weights");
    a.expectPositional(2, "MODEL OUT.keras");
    Path target = Path.of(a.positional.get(1));
    if (!target.getFileName().toString().endsWith(".keras")) {
      throw new IllegalArgumentException("OUT must end in .keras (Keras 3 refuses other names); received " + target);
    }
    try (Sequential model = a.load()) {
      KerasModels.save(model, target);
    }
    out.println("wrote " + target);
    return 0;
  }
}
