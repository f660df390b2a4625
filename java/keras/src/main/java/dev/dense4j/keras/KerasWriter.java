// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.keras;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.dense4j.layers.Dense;
import dev.dense4j.layers.Layer;
import dev.dense4j.layers.Normalization;
import dev.dense4j.layers.TrainableLayer;
import dev.dense4j.layers.Variable;
import dev.dense4j.models.Sequential;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a {@code .keras} archive as Keras 3 does: {@code metadata.json}, {@code config.json},
 * {@code model.weights.h5}, all STORED, in that order. Weights go to
 * {@code layers/<snake_class>[_<n>]/vars/<i>} with the layer's name in {@code vars@name}, and the
 * model's name in the root {@code vars@name}; a compiled model adds its {@code compile_config} and
 * its optimizer's variables ({@link TrainingState}). The archive is written to a temporary file beside
 * the target, then moved into place.
 */
final class KerasWriter {

  /**
   * The Keras version written to metadata.json: the config uses only keys every Keras 3 release
   * reads, and this version selects Keras 3's formulas when this library reads the file back.
   */
  static final String KERAS_VERSION = "3.0.0";

  private KerasWriter() {}

  static void save(Sequential model, Path file) {
    if (!model.isBuilt()) {
      throw new IllegalStateException("KerasModels.save: Sequential '" + model.name() + "' is not built");
    }
    byte[] config;
    byte[] metadata;
    try {
      config = Json.MAPPER.writeValueAsBytes(KerasConfigWriter.model(model));
      Map<String, String> meta = new LinkedHashMap<>();
      meta.put("keras_version", KERAS_VERSION);
      meta.put("date_saved", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd@HH:mm:ss")));
      metadata = Json.MAPPER.writeValueAsBytes(meta);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    byte[] weights = weights(model);
    Path dir = file.toAbsolutePath().getParent();
    try {
      // a private name in the target folder, created like any new file (permissions from the
      // umask, unlike createTempFile's owner-only mode), then renamed into place atomically
      Path tmp = dir.resolve(".dense4j-" + ProcessHandle.current().pid() + "-"
          + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong()) + ".keras.tmp");
      try {
        try (OutputStream os = Files.newOutputStream(tmp, java.nio.file.StandardOpenOption.CREATE_NEW,
            java.nio.file.StandardOpenOption.WRITE); ZipOutputStream zip = new ZipOutputStream(os)) {
          stored(zip, KerasLoader.METADATA, metadata);
          stored(zip, KerasLoader.CONFIG, config);
          stored(zip, KerasLoader.WEIGHTS, weights);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("KerasModels.save: cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** The model.weights.h5 bytes. */
  static byte[] weights(Sequential model) {
    Hdf5Writer h5 = new Hdf5Writer();
    h5.group("vars").attributes.put("name", model.name());
    Map<String, Integer> classCount = new HashMap<>();
    for (Layer l : model.layers()) {
      String snake = Keras3Weights.snakeCase(KerasModelInfo.className(l));
      int n = classCount.merge(snake, 1, Integer::sum) - 1;
      String group = "layers/" + snake + (n == 0 ? "" : "_" + n) + "/vars";
      if (!(l instanceof Dense) && l instanceof TrainableLayer t && !t.variables().isEmpty()) {
        h5.group(group).attributes.put("name", l.name());
        List<Variable> vars = t.variables();
        for (int i = 0; i < vars.size(); i++) {
          Variable v = vars.get(i);
          // Normalization's count and axis=None statistics are scalars in Keras
          boolean scalar = v.name().equals("count") || (l instanceof Normalization norm && norm.axisNone());
          h5.dataset(group, Integer.toString(i), scalar ? new int[0] : v.value().shape(), v.value().toArray());
        }
      }
      if (l instanceof Dense d) {
        String vars = group;
        h5.group(vars).attributes.put("name", d.name());
        List<float[]> w = d.getWeights();
        h5.dataset(vars, "0", new int[] {d.inputDim(), d.units()}, w.get(0));
        if (d.useBias()) {
          h5.dataset(vars, "1", new int[] {d.units()}, w.get(1));
        }
      }
    }
    TrainingState.writeOptimizer(model, h5);
    return h5.toBytes();
  }

  private static void stored(ZipOutputStream zip, String name, byte[] data) throws IOException {
    ZipEntry e = new ZipEntry(name);
    e.setMethod(ZipEntry.STORED);
    e.setSize(data.length);
    e.setCompressedSize(data.length);
    CRC32 crc = new CRC32();
    crc.update(data);
    e.setCrc(crc.getValue());
    zip.putNextEntry(e);
    zip.write(data);
    zip.closeEntry();
  }
}
