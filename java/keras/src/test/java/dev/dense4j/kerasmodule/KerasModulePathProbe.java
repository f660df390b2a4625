// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.kerasmodule;

import dev.dense4j.keras.KerasModels;
import dev.dense4j.layers.Dense;
import dev.dense4j.models.Sequential;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Run by {@link KerasModuleDescriptorIT} with dense4j-keras, dense4j-core and their dependencies
 * on the module path: a model saved as {@code .keras}, loaded back and run.
 */
public final class KerasModulePathProbe {

  private KerasModulePathProbe() {}

  public static void main(String[] args) throws Exception {
    Path file = Files.createTempFile("module-probe", ".keras");
    try (Sequential model = new Sequential("probe")) {
      model.add(Dense.builder(2).activation("relu").kernelInitializer("ones").build()).build(-1, 3);
      KerasModels.save(model, file);
      try (Sequential loaded = KerasModels.load(file)) {
        float[] y = loaded.predict(new float[] {1, 2, 3}, 1, 3);
        System.out.println("module=" + KerasModels.class.getModule().getName() + " y=" + Arrays.toString(y));
      }
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
