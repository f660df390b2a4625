// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.modulepath;

import dev.dense4j.layers.Dense;
import java.util.Arrays;

/**
 * Run by {@link ModuleDescriptorIT} in a JVM that has dense4j-core on the module path and this
 * class on the class path: one Dense call through the public API, and what the module exports.
 */
public final class ModulePathProbe {

  private ModulePathProbe() {}

  public static void main(String[] args) {
    Module core = Dense.class.getModule();
    try (Dense dense = Dense.builder(2).activation("relu").kernelInitializer("ones").build()) {
      dense.build(-1, 3);
      float[] y = dense.call(new float[] {1, 2, 3}, 1, 3);
      System.out.println("module=" + core.getName() + " named=" + core.isNamed()
          + " backend=" + dense.backendName() + " y=" + Arrays.toString(y)
          + " exportsInternal=" + core.isExported("dev.dense4j.internal.engine"));
    }
  }
}
