// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.models;

/** What {@code fit} prints (Keras' {@code verbose}). */
public enum Verbosity {
  /** A progress bar when standard output is a terminal; nothing otherwise. */
  AUTO,
  /** Nothing (Keras' {@code verbose=0}). */
  SILENT,
  /** A progress line per epoch with bar, ETA, loss and metrics (Keras' {@code verbose=1}); redrawn in place on a terminal, printed once per epoch elsewhere. */
  PROGRESS_BAR,
  /** One line per epoch, no bar (Keras' {@code verbose=2}). */
  ONE_LINE_PER_EPOCH
}
