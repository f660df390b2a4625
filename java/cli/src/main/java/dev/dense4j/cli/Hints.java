// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli;

/**
 * The command line's advice on top of the library's messages, where the library's advice is for
 * Java code and the command line offers another way (or none).
 */
final class Hints {

  private Hints() {}

  static String of(String message) {
    String m = message == null ? "failed" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    if (m.contains("a weights-only file (no model_config)")) {
      return m.replace("load it together with its JSON config", "pass its JSON config as MODEL and this file as"
          + " --weights");
    }
    if (m.contains("pass it as a custom activation when loading")) {
      return m.replace("pass it as a custom activation when loading",
          "the dense4j command knows only the built-in activations; a model with a custom one loads from Java,"
              + " with LoadOptions' custom activations");
    }
    return m;
  }
}
