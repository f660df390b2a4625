// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reads one JSON sample, its opening bracket already consumed: a flat array of the input width,
 * or arrays nested exactly by the sample shape. Ragged or mis-nested samples are refused.
 */
final class SampleReader {

  private final JsonParser p;
  private final int[] shape;
  private final Samples out;
  private final String name;
  private final int at;
  private int n;

  SampleReader(JsonParser p, int[] shape, Samples out, String name) {
    this.p = p;
    this.shape = shape;
    this.out = out;
    this.name = name;
    this.at = out.start();
  }

  void read() throws IOException {
    JsonToken t = p.nextToken();
    if (t == JsonToken.START_ARRAY) {
      if (shape.length == 1) {
        throw new InputException(name + " must be a flat array of " + out.width() + " numbers; received a nested"
            + " array at " + name + "[0]");
      }
      nested(1, name + "[0]");
      int i = 1;
      for (t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), i++) {
        if (t != JsonToken.START_ARRAY) {
          throw misnested(name + "[" + i + "]", "an array of " + shape[1], JsonInputs.describe(p));
        }
        nested(1, name + "[" + i + "]");
      }
      if (i != shape[0]) {
        throw misnested(name, shape[0] + " arrays", i + " arrays");
      }
    } else {
      readFlatFrom(t);
      return;
    }
    out.end();
  }

  /** A flat sample whose first token {@code t} (a number or the closing bracket) was just read. */
  void readFlatFrom(JsonToken t) throws IOException {
    for (; t != JsonToken.END_ARRAY; t = p.nextToken()) {
      number(t, name + "[" + n + "]", "a number");
    }
    if (n != out.width()) {
      throw new InputException(name + " has " + n + " values; the model takes " + out.width()
          + JsonInputs.nestedHint(shape));
    }
    out.end();
  }

  // an array at nesting level `axis` (its START_ARRAY just read) holding shape[axis] entries
  private void nested(int axis, String where) throws IOException {
    int i = 0;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), i++) {
      String child = where + "[" + i + "]";
      if (axis == shape.length - 1) {
        number(t, child, "a number");
      } else if (t == JsonToken.START_ARRAY) {
        nested(axis + 1, child);
      } else {
        throw misnested(child, "an array of " + shape[axis + 1], JsonInputs.describe(p));
      }
    }
    if (i != shape[axis]) {
      throw misnested(where, shape[axis] + " entries", i);
    }
  }

  private void number(JsonToken t, String where, String expected) throws IOException {
    if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
      throw new InputException(where + " must be " + expected + "; received " + JsonInputs.describe(p));
    }
    float v = InputValues.parse(p.getText(), where); // correctly rounded from the decimal text
    if (n < out.width()) {
      out.set(at + n, v);
    }
    n++;
  }

  private InputException misnested(String where, String expected, Object received) {
    return new InputException(name + " does not have the model's sample shape " + Arrays.toString(shape)
        + " (nor is it one flat array of " + out.width() + " numbers): " + where + " should hold " + expected
        + "; received " + received);
  }
}
