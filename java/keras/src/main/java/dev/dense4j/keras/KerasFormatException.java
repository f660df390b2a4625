// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.keras;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A Keras model file that cannot be read: malformed, truncated, hostile, or using something this
 * library does not support. The message names the file and, when known, the path inside it (zip
 * member, HDF5 object or JSON key): {@code model.keras!model.weights.h5: layers/dense/vars/0: …}.
 */
public final class KerasFormatException extends UncheckedIOException {

  private static final long serialVersionUID = 1L;

  private final String file;
  private final String innerPath;

  /**
   * @param file the file as the user named it
   * @param innerPath the member/object inside it, or null
   * @param problem what is wrong
   */
  public KerasFormatException(String file, String innerPath, String problem) {
    this(file, innerPath, problem, null);
  }

  public KerasFormatException(String file, String innerPath, String problem, Throwable cause) {
    super(message(file, innerPath, problem),
        cause instanceof IOException io ? io : new IOException(message(file, innerPath, problem), cause));
    this.file = file;
    this.innerPath = innerPath;
  }

  private static String message(String file, String innerPath, String problem) {
    return file + (innerPath == null || innerPath.isEmpty() ? "" : ": " + innerPath) + ": " + problem;
  }

  /** The file as the user named it. */
  public String file() {
    return file;
  }

  /** The member or object inside the file, or null when the problem is the file as a whole. */
  public String innerPath() {
    return innerPath;
  }
}
