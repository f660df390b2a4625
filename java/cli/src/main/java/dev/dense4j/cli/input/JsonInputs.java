// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * JSON input, read as a stream: the server's body {@code {"inputs": [sample, …]}}, and for the
 * command line also a bare array of samples or a single sample.
 *
 * <p>A sample is either one flat array of the model's input width, or arrays nested exactly by its
 * input shape (without the batch dimension): for a {@code [8, 8]} input, 8 arrays of 8 numbers.
 * Anything else, ragged arrays included, is refused naming the sample and the array at fault.
 */
public final class JsonInputs {

  private static final int MAX_DEPTH = 32;
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).maxNumberLength(64).build())
      .build();

  /** Which top-level forms are accepted. */
  public enum Form {
    /** only {@code {"inputs": [...]}}, as {@code POST /v1/predict} takes it */
    BODY,
    /** also {@code [sample, …]} and a single flat sample {@code [1, 2, 3]} */
    ANY
  }

  private JsonInputs() {}

  /** Parses {@code json} into samples of {@code sampleShape}; at most {@code maxRows} of them. */
  public static Batch parse(byte[] json, int[] sampleShape, int maxRows, Form form) {
    try {
      return parse(FACTORY.createParser(json), sampleShape, maxRows, form);
    } catch (IOException e) {
      throw new InputException("unreadable JSON input: " + e.getMessage());
    }
  }

  /** Like {@link #parse(byte[], int[], int, Form)}, reading {@code json} as it arrives; does not close it. */
  public static Batch parse(InputStream json, int[] sampleShape, int maxRows, Form form) {
    try {
      return parse(FACTORY.createParser(json), sampleShape, maxRows, form);
    } catch (IOException e) {
      throw new InputException("unreadable JSON input: " + e.getMessage());
    }
  }

  private static Batch parse(JsonParser parser, int[] sampleShape, int maxRows, Form form) {
    Samples out = new Samples(Shapes.width(sampleShape), maxRows);
    try (JsonParser p = parser) {
      JsonToken first = p.nextToken();
      if (first == JsonToken.START_OBJECT) {
        body(p, sampleShape, out);
      } else if (first == JsonToken.START_ARRAY && form == Form.ANY) {
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
          new SampleReader(p, sampleShape, out, "input").readFlatFrom(t); // a single flat sample
        } else {
          samples(p, t, sampleShape, out);
        }
      } else {
        throw new InputException(form == Form.BODY ? "expected a JSON object {\"inputs\": [[...], ...]}"
            : "expected a JSON array of samples or {\"inputs\": [[...], ...]}");
      }
      if (p.nextToken() != null) {
        throw new InputException("unexpected content after the JSON " + (first == JsonToken.START_OBJECT ? "object"
            : "array") + " at " + location(p));
      }
      return out.batch();
    } catch (JsonProcessingException e) {
      String what = e.getOriginalMessage().startsWith("Non-standard token")
          ? "NaN and Infinity are not JSON numbers, and inputs must be finite," : e.getOriginalMessage();
      throw new InputException("malformed JSON: " + what + " at " + location(e));
    } catch (IOException e) {
      throw new InputException("unreadable JSON input: " + e.getMessage());
    }
  }

  private static void body(JsonParser p, int[] shape, Samples out) throws IOException {
    boolean seen = false;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if (!"inputs".equals(field)) {
        throw new InputException("unknown field \"" + field + "\"; expected only \"inputs\"");
      }
      if (seen) {
        throw new InputException("\"inputs\" appears twice");
      }
      if (value != JsonToken.START_ARRAY) {
        throw new InputException("\"inputs\" must be an array of samples; received " + describe(p));
      }
      samples(p, p.nextToken(), shape, out);
      seen = true;
    }
    if (!seen) {
      throw new InputException("missing \"inputs\"");
    }
  }

  // the samples of an array whose first token inside is t, up to its END_ARRAY
  private static void samples(JsonParser p, JsonToken t, int[] shape, Samples out) throws IOException {
    for (; t != JsonToken.END_ARRAY; t = p.nextToken()) {
      String name = "inputs[" + out.rows() + "]";
      if (t != JsonToken.START_ARRAY) {
        throw new InputException(name + " must be an array of " + out.width() + " numbers" + nestedHint(shape)
            + "; received " + describe(p));
      }
      new SampleReader(p, shape, out, name).read();
    }
  }

  static String nestedHint(int[] shape) {
    return shape.length > 1 ? " (or arrays nested as " + Arrays.toString(shape) + ")" : "";
  }

  static String describe(JsonParser p) throws IOException {
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

  private static String location(JsonParser p) {
    var l = p.currentLocation();
    return "line " + l.getLineNr() + ", column " + l.getColumnNr();
  }

  private static String location(JsonProcessingException e) {
    var l = e.getLocation();
    return l == null ? "unknown position" : "line " + l.getLineNr() + ", column " + l.getColumnNr();
  }
}
