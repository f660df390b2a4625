// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli.serve;

import dev.dense4j.cli.input.Batch;
import dev.dense4j.cli.input.InputException;
import dev.dense4j.cli.input.JsonInputs;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The predict endpoint's JSON: {@code {"inputs": [[…], …]}} in, {@code {"outputs": [[…], …]}} out.
 *
 * <p>Each input sample is an array of the model's input width, or arrays nested exactly by its
 * input shape (flattened row-major); ragged samples are refused with 400. Values must be finite
 * numbers within float32 range (the policy of {@link dev.dense4j.cli.input.Inputs}, shared with
 * {@code predict}: NaN, ±Infinity and overflowing numbers are refused with 400). Output samples are nested
 * by the model's output shape; a non-finite output value is written as {@code null}, since JSON has
 * no NaN.
 */
final class PredictJson {

  private PredictJson() {}

  /**
   * Parses a request body into samples of {@code sampleShape} (the shared input parser, body form
   * only); throws {@link BadRequest} with a message naming what is wrong.
   */
  static Batch parse(byte[] body, int[] sampleShape, int maxBatch) {
    try {
      return JsonInputs.parse(body, sampleShape, maxBatch, JsonInputs.Form.BODY);
    } catch (InputException e) {
      throw new BadRequest(e.getMessage());
    }
  }

  /**
   * As {@link #parse(byte[], int[], int)}, reading the body as it streams in (only the parser's
   * buffer and the samples' floats are held); closes {@code body}.
   */
  static Batch parse(InputStream body, int[] sampleShape, int maxBatch) {
    try {
      return JsonInputs.parse(body, sampleShape, maxBatch, JsonInputs.Form.BODY);
    } catch (InputException e) {
      throw new BadRequest(e.getMessage());
    }
  }

  /** {@code {"outputs": [...]}} for {@code rows} samples of {@code shape} from {@code y}. */
  static byte[] outputs(float[] y, int rows, int[] shape) {
    int per = 1;
    for (int d : shape) {
      per *= d;
    }
    StringBuilder b = new StringBuilder(32 + rows * per * 12);
    b.append("{\"outputs\":[");
    for (int r = 0; r < rows; r++) {
      if (r > 0) {
        b.append(',');
      }
      append(b, y, shape, 0, r * per);
    }
    b.append("]}");
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static int append(StringBuilder b, float[] y, int[] shape, int axis, int at) {
    if (axis == shape.length) {
      float v = y[at];
      b.append(Float.isFinite(v) ? Float.toString(v) : "null");
      return at + 1;
    }
    b.append('[');
    for (int i = 0; i < shape[axis]; i++) {
      if (i > 0) {
        b.append(',');
      }
      at = append(b, y, shape, axis + 1, at);
    }
    b.append(']');
    return at;
  }
}
