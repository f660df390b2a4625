// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli.input;

/** Input rows that cannot be fed to the model; the message names the sample and what is wrong. */
public final class InputException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  InputException(String message) {
    super(message);
  }
}
