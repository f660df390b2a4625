// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli.serve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The predict endpoint's JSON: {@code {"inputs": [[…], …]}} in, {@code {"outputs": [[…], …]}} out.
 *
 * <p>Each input sample is an array of the model's input width, or nested arrays of its input
 * shape (flattened row-major). Values must be finite numbers within float32 range (the NaN
 * policy: NaN, ±Infinity and overflowing numbers are refused with 400). Output samples are nested
 * by the model's output shape; a non-finite output value is written as {@code null}, since JSON has
 * no NaN.
 */
final class PredictJson {

  private static final int MAX_DEPTH = 32;
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).maxNumberLength(64).build())
      .build();

  private PredictJson() {}

  /** A parsed request: {@code rows} samples of {@code width} values in {@code values}. */
  record Batch(float[] values, int rows) {}

  /** Parses a request body; throws {@link BadRequest} with a message naming what is wrong. */
  static Batch parse(byte[] body, int width, int maxBatch) {
    try {
      return parse(FACTORY.createParser(body), width, maxBatch);
    } catch (IOException e) {
      throw new BadRequest("unreadable request body: " + e.getMessage());
    }
  }

  /**
   * Parses a request body as it streams in, without holding its text: only the parser's buffer
   * and the samples' floats; closes {@code body}.
   */
  static Batch parse(InputStream body, int width, int maxBatch) {
    try {
      return parse(FACTORY.createParser(body), width, maxBatch);
    } catch (IOException e) {
      throw new BadRequest("unreadable request body: " + e.getMessage());
    }
  }

  private static Batch parse(JsonParser parser, int width, int maxBatch) {
    try (JsonParser p = parser) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new BadRequest("expected a JSON object {\"inputs\": [[...], ...]}");
      }
      Batch batch = null;
      for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
        String field = p.currentName();
        p.nextToken();
        if (!"inputs".equals(field)) {
          throw new BadRequest("unknown field \"" + field + "\"; expected only \"inputs\"");
        }
        if (batch != null) {
          throw new BadRequest("\"inputs\" appears twice");
        }
        batch = inputs(p, width, maxBatch);
      }
      if (p.nextToken() != null) {
        throw new BadRequest("unexpected content after the JSON object");
      }
      if (batch == null) {
        throw new BadRequest("missing \"inputs\"");
      }
      return batch;
    } catch (JsonProcessingException e) {
      String what = e.getOriginalMessage().startsWith("Non-standard token")
          ? "NaN and Infinity are not JSON numbers, and inputs must be finite," : e.getOriginalMessage();
      throw new BadRequest("malformed JSON: " + what + " at " + location(e));
    } catch (IOException e) {
      throw new BadRequest("unreadable request body: " + e.getMessage());
    }
  }

  private static Batch inputs(JsonParser p, int width, int maxBatch) throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw new BadRequest("\"inputs\" must be an array of samples; received " + describe(p));
    }
    float[] values = new float[width * Math.min(maxBatch, 16)];
    int rows = 0;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      if (rows == maxBatch) {
        throw new BadRequest("more than " + maxBatch + " samples; the limit is " + maxBatch + " per request");
      }
      if (t != JsonToken.START_ARRAY) {
        throw new BadRequest("inputs[" + rows + "] must be an array of " + width + " numbers; received " + describe(p));
      }
      if (values.length < (rows + 1) * width) {
        values = Arrays.copyOf(values, Math.min(maxBatch, rows * 2) * width);
      }
      int n = sample(p, values, rows * width, width, rows);
      if (n != width) {
        throw new BadRequest("inputs[" + rows + "] has " + n + " values; the model takes " + width);
      }
      rows++;
    }
    return new Batch(values, rows);
  }

  // the values of one sample, flattened from nested arrays; returns how many there were
  private static int sample(JsonParser p, float[] values, int at, int width, int row) throws IOException {
    int n = 0;
    int depth = 1;
    while (depth > 0) {
      JsonToken t = p.nextToken();
      if (t == JsonToken.START_ARRAY) {
        depth++;
      } else if (t == JsonToken.END_ARRAY) {
        depth--;
      } else if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
        float v = Float.parseFloat(p.getText()); // correctly rounded from the decimal text
        if (!Float.isFinite(v)) {
          throw new BadRequest("inputs[" + row + "][" + n + "] = " + p.getText() + " is not a finite float32");
        }
        if (n < width) {
          values[at + n] = v;
        }
        n++;
      } else {
        throw new BadRequest("inputs[" + row + "][" + n + "] must be a number; received " + describe(p));
      }
    }
    return n;
  }

  private static String describe(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    return switch (t) {
      case VALUE_STRING -> "a string";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + p.getText();
      default -> String.valueOf(t);
    };
  }

  private static String location(JsonProcessingException e) {
    var l = e.getLocation();
    return l == null ? "unknown position" : "line " + l.getLineNr() + ", column " + l.getColumnNr();
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
