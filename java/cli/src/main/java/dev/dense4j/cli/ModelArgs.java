// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli;

import dev.dense4j.keras.KerasModelInfo;
import dev.dense4j.keras.KerasModels;
import dev.dense4j.keras.LoadOptions;
import dev.dense4j.models.Sequential;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The arguments the model commands share: positional arguments, {@code --name value} options
 * from a fixed set, and the model file (with {@code --weights} for a JSON config + weights pair).
 */
final class ModelArgs {

  final List<String> positional = new ArrayList<>();
  final Map<String, String> options = new HashMap<>();

  private ModelArgs() {}

  /** Parses {@code args}; options must be among {@code known} and take one value. */
  static ModelArgs parse(String[] args, String... known) {
    ModelArgs a = new ModelArgs();
    List<String> allowed = Arrays.asList(known);
    for (int i = 0; i < args.length; i++) {
      String s = args[i];
      if (s.startsWith("--")) {
        if (!allowed.contains(s)) {
          throw new IllegalArgumentException("unknown option " + s + " (known: " + String.join(", ", known) + ")");
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(s + " needs a value");
        }
        a.options.put(s, args[++i]);
      } else {
        a.positional.add(s);
      }
    }
    return a;
  }

  /** The {@code index}-th positional argument as an existing file. */
  Path file(int index, String what) {
    if (positional.size() <= index) {
      throw new IllegalArgumentException("missing " + what);
    }
    Path p = Path.of(positional.get(index));
    if (!Files.isRegularFile(p)) {
      throw new IllegalArgumentException(what + " " + p + " is not a file");
    }
    return p;
  }

  void expectPositional(int n, String usage) {
    if (positional.size() != n) {
      throw new IllegalArgumentException("expected " + usage + "; received " + positional);
    }
  }

  /** Loads the model named by the first positional argument (and {@code --weights}). */
  Sequential load() {
    Path model = file(0, "MODEL");
    String weights = options.get("--weights");
    return weights == null ? KerasModels.load(model)
        : KerasModels.load(model, Path.of(weights), LoadOptions.DEFAULT);
  }

  KerasModelInfo inspect() {
    Path model = file(0, "MODEL");
    String weights = options.get("--weights");
    return weights == null ? KerasModels.inspect(model, LoadOptions.DEFAULT)
        : KerasModels.inspect(model, Path.of(weights), LoadOptions.DEFAULT);
  }
}
