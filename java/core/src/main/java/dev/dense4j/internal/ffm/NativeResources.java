// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.ffm;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;

/**
 * Finds the natives packed in jars: libdense4j in dense4j-core's, OpenBLAS in bytedeco's. Looked
 * up through the class loader rather than {@code Class.getResource}, which in a named module
 * searches only that module: on the module path OpenBLAS sits in another module (its folders,
 * such as {@code org/bytedeco/openblas/linux-x86_64}, are not package names, so no module
 * encapsulates them), and on the class path both ways find the same file.
 */
final class NativeResources {

  private NativeResources() {}

  /** The resource at {@code absoluteName} (leading '/'), or null when no jar has it. */
  static URL find(String absoluteName) {
    String name = absoluteName.startsWith("/") ? absoluteName.substring(1) : absoluteName;
    ClassLoader loader = NativeResources.class.getClassLoader();
    URL url = loader == null ? ClassLoader.getSystemResource(name) : loader.getResource(name);
    return url != null ? url : NativeResources.class.getResource("/" + name);
  }

  /** An open stream of the resource at {@code absoluteName}. */
  static InputStream open(String absoluteName) throws IOException {
    URL url = find(absoluteName);
    if (url == null) {
      throw new IOException("Native resource not on the class path: " + absoluteName);
    }
    return url.openStream();
  }
}
