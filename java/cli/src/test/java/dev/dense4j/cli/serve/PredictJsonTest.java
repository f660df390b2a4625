// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dense4j.cli.input.Batch;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PredictJsonTest {

  private static Batch parse(String body, int width, int maxBatch) {
    return parse(body, new int[] {width}, maxBatch);
  }

  private static Batch parse(String body, int[] sampleShape, int maxBatch) {
    return PredictJson.parse(body.getBytes(StandardCharsets.UTF_8), sampleShape, maxBatch);
  }

  @Test
  void flatAndNestedSamplesAreReadRowMajor() {
    Batch b = parse(" {\"inputs\": [[1, 2.5, -3e-2, 4], [[5, 6], [7, 8]]]} ", new int[] {2, 2}, 10);
    assertEquals(2, b.rows());
    assertArrayEquals(new float[] {1, 2.5f, -3e-2f, 4, 5, 6, 7, 8}, Arrays.copyOf(b.values(), 8));
    assertEquals(0, parse("{\"inputs\": []}", 4, 10).rows());
  }

  /** Issue 17 item 9: a sample must have the model's shape; flattening ragged arrays hid the error. */
  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', value = {
      "{\"inputs\": [[[1, 2, 3], [4]]]}           | [4]    | inputs[0] must be a flat array of 4 numbers; received a nested array at inputs[0][0]",
      "{\"inputs\": [[[1, 2, 3], [4]]]}           | [2, 2] | inputs[0] does not have the model's sample shape [2, 2] (nor is it one flat array of 4 numbers): inputs[0][0] should hold 2 entries; received 3",
      "{\"inputs\": [[[1, 2], [3, 4], [5, 6]]]}   | [2, 2] | inputs[0] does not have the model's sample shape [2, 2] (nor is it one flat array of 4 numbers): inputs[0] should hold 2 arrays; received 3 arrays",
      "{\"inputs\": [[[1, 2], 3, 4]]}             | [2, 2] | inputs[0] does not have the model's sample shape [2, 2] (nor is it one flat array of 4 numbers): inputs[0][1] should hold an array of 2; received the number 3",
      "{\"inputs\": [[[1, [2]], [3, 4]]]}         | [2, 2] | inputs[0][0][1] must be a number; received an array",
  })
  void raggedOrMisShapedSamplesAreRefusedNamingTheSample(String body, String shape, String message) {
    int[] sample = Arrays.stream(shape.replaceAll("[\\[\\] ]", "").split(",")).mapToInt(Integer::parseInt).toArray();
    BadRequest e = assertThrows(BadRequest.class, () -> parse(body, sample, 10));
    assertEquals(400, e.status());
    assertEquals(message, e.getMessage());
  }

  @Test
  void numbersAreRoundedToFloat32FromTheirDecimalText() {
    // 1.00000005960464477539062500001 is just above the midpoint of 1 and the next float32
    Batch b = parse("{\"inputs\": [[1.00000005960464477539062500001, 0.1]]}", 2, 1);
    assertEquals(Math.nextUp(1f), b.values()[0]);
    assertEquals(0.1f, b.values()[1]);
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @CsvSource(delimiter = '|', value = {
      "[[1, 2]]                                | expected a JSON object {\"inputs\": [[...], ...]}",
      "{\"input\": [[1, 2]]}                  | unknown field \"input\"; expected only \"inputs\"",
      "{}                                      | missing \"inputs\"",
      "{\"inputs\": [[1, 2]], \"inputs\": []} | \"inputs\" appears twice",
      "{\"inputs\": [[1, 2]]} x                | malformed JSON: Unrecognized token 'x': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false') at line 1, column 22",
      "{\"inputs\": [1, 2]}                    | inputs[0] must be an array of 2 numbers; received the number 1",
      "{\"inputs\": {\"a\": 1}}                | \"inputs\" must be an array of samples; received an object",
      "{\"inputs\": [[1, 2, 3]]}               | inputs[0] has 3 values; the model takes 2",
      "{\"inputs\": [[1, 2], [3]]}             | inputs[1] has 1 values; the model takes 2",
      "{\"inputs\": [[1, \"2\"]]}              | inputs[0][1] must be a number; received a string",
      "{\"inputs\": [[1, null]]}               | inputs[0][1] must be a number; received null",
      "{\"inputs\": [[1, 1e39]]}               | inputs[0][1] = 1e39 is beyond float32's range of ±3.4028235e38",
      "{\"inputs\": [[1, NaN]]}                | malformed JSON: NaN and Infinity are not JSON numbers, and inputs must be finite, at line 1, column 20",
      "{\"inputs\": [[1, -Infinity]]}          | malformed JSON: NaN and Infinity are not JSON numbers, and inputs must be finite, at line 1, column 26",
      "{\"inputs\": [[1, 2], [3, 4], [5, 6]]}  | more than 2 samples; the limit is 2",
      "''                                      | expected a JSON object {\"inputs\": [[...], ...]}",
  })
  void badRequestsAreNamed(String body, String message) {
    BadRequest e = assertThrows(BadRequest.class, () -> parse(body, 2, 2));
    assertEquals(400, e.status());
    assertEquals(message, e.getMessage());
  }

  @Test
  void outputsAreNestedBySampleShapeWithNullForNonFiniteValues() {
    float[] y = {1, 0.1f, Float.NaN, Float.POSITIVE_INFINITY, -2.5f, 3, 9, 9};
    assertEquals("{\"outputs\":[[[1.0,0.1],[null,null]],[[-2.5,3.0],[9.0,9.0]]]}",
        new String(PredictJson.outputs(y, 2, new int[] {2, 2}), StandardCharsets.UTF_8));
    assertEquals("{\"outputs\":[]}", new String(PredictJson.outputs(y, 0, new int[] {4}), StandardCharsets.UTF_8));
  }
}
