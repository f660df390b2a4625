// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli.input;

import java.nio.charset.StandardCharsets;

/**
 * Reads input samples for a model, whatever the format: the one parser behind {@code predict}
 * (files and stdin) and {@code serve} (request bodies, through {@link JsonInputs}). The format is
 * told from the content: NumPy {@code .npy} by its magic bytes, JSON by a leading {@code [} or
 * {@code {}, CSV otherwise. Values follow one policy ({@link InputValues}).
 */
public final class Inputs {

  private Inputs() {}

  /** Samples of {@code sampleShape} from {@code data}; at least one, at most {@code maxRows}. */
  public static Batch read(byte[] data, int[] sampleShape, int maxRows) {
    Batch b;
    if (NpyInputs.isNpy(data)) {
      b = NpyInputs.parse(data, sampleShape, maxRows);
    } else {
      String text = new String(data, StandardCharsets.UTF_8).strip();
      if (text.isEmpty()) {
        throw new InputException("the input is empty; expected JSON rows, {\"inputs\": [...]}, CSV lines or a .npy"
            + " file");
      }
      b = text.startsWith("[") || text.startsWith("{")
          ? JsonInputs.parse(text.getBytes(StandardCharsets.UTF_8), sampleShape, maxRows, JsonInputs.Form.ANY)
          : CsvInputs.parse(text, sampleShape, maxRows);
    }
    if (b.rows() == 0) {
      throw new InputException("the input holds no samples");
    }
    return b;
  }
}
