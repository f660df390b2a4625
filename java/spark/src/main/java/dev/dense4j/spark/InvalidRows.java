// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.spark;

import java.util.Locale;

/**
 * What happens to a row whose features cannot be scored (null, the wrong number of values, a null
 * element, NaN or ±Infinity unless allowed), as Spark's own transformers name it.
 */
enum InvalidRows {
  /** Fail the task with a message naming the row's position and what was expected. */
  ERROR,
  /** Leave the row out of the output. */
  SKIP,
  /** Keep the row, with a null output. */
  KEEP;

  static final String[] NAMES = {"error", "skip", "keep"};

  static InvalidRows of(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
