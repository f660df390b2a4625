// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Concatenates JMH result files (JSON arrays) into one array. */
final class JsonArrays {

  private JsonArrays() {}

  static String concat(List<Path> files) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ArrayNode all = json.createArrayNode();
    for (Path f : files) {
      if (Files.exists(f)) {
        json.readTree(f.toFile()).forEach(all::add);
      }
    }
    return json.writerWithDefaultPrettyPrinter().writeValueAsString(all);
  }
}
