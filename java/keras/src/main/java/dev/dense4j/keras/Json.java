// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.keras;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** JSON parsing with bounds (depth, string and number length) and Python's {@code NaN}/{@code Infinity}. */
final class Json {

  static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder()
              .maxNestingDepth(200).maxStringLength(16 << 20).maxNumberLength(400).build())
          .build())
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
      .build();

  private Json() {}

  /** Parses a JSON document, wrapping any failure with the file and inner path. */
  static JsonNode parse(byte[] bytes, String file, String innerPath, KerasLimits limits) {
    if (bytes.length > limits.maxJsonBytes()) {
      throw new KerasFormatException(file, innerPath, "JSON of " + bytes.length + " bytes exceeds the limit of "
          + limits.maxJsonBytes());
    }
    try {
      JsonNode node = MAPPER.readTree(bytes);
      if (node == null || node.isMissingNode()) {
        throw new KerasFormatException(file, innerPath, "empty JSON document");
      }
      return node;
    } catch (IOException e) {
      throw new KerasFormatException(file, innerPath, "invalid JSON: " + firstLine(e.getMessage()), e);
    }
  }

  static JsonNode parse(String text, String file, String innerPath, KerasLimits limits) {
    return parse(text.getBytes(StandardCharsets.UTF_8), file, innerPath, limits);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
