// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli;

import dev.dense4j.keras.KerasModels;
import dev.dense4j.models.Sequential;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code dense4j convert MODEL OUT.keras [--weights WEIGHTS.h5]}: any readable model to a Keras 3 {@code .keras}. */
@Command(name = "convert", mixinStandardHelpOptions = true,
    description = "Write any readable model as a Keras 3 .keras file.")
final class ConvertCommand extends CliCommand {

  @Mixin
  ModelFiles files = new ModelFiles();

  @Parameters(index = "1", paramLabel = "OUT.keras", description = "The file to write; must end in .keras.")
  Path target;

  ConvertCommand(Io io) {
    super(io);
  }

  @Override
  protected int run(Settings effective) {
    if (!target.getFileName().toString().endsWith(".keras")) {
      throw new IllegalArgumentException("OUT must end in .keras (Keras 3 refuses other names); received " + target);
    }
    try (Sequential model = files.load()) {
      KerasModels.save(model, target);
    }
    io.out().println("wrote " + target);
    return 0;
  }
}
