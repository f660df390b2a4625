// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.keras;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dense4j.models.Sequential;
import io.jhdf.api.Group;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** Recognises a model file by its first bytes and loads it; every failure names the file. */
final class KerasLoader {

  static final String CONFIG = "config.json";
  static final String METADATA = "metadata.json";
  static final String WEIGHTS = "model.weights.h5";

  /** A loaded model with what the file said about itself. */
  record Loaded(Sequential model, ModelSource source, ModelSpec spec) {}

  private KerasLoader() {}

  static Loaded load(Path file, LoadOptions o) {
    return guarded(file.toString(), () -> detect(file, o));
  }

  /** A {@code model.to_json()} config and a weights file (legacy {@code save_weights} or Keras 3 {@code .weights.h5}). */
  static Loaded load(Path config, Path weights, LoadOptions o) {
    return guarded(config.toString(), () -> pair(config, weights, o));
  }

  /**
   * Runs a load; any failure that is not already a {@link KerasFormatException} (a case the checks
   * did not foresee) still comes out as one naming the file, never as another runtime exception.
   */
  static <T> T guarded(String label, Supplier<T> load) {
    try {
      return load.get();
    } catch (KerasFormatException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      throw new KerasFormatException(label, null, "malformed model file: " + e, e);
    }
  }

  private static Loaded detect(Path file, LoadOptions o) {
    String label = file.toString();
    byte[] head = head(file, label);
    if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
      return keras(file, label, o);
    }
    if (head.length >= 4 && (head[0] & 0xff) == 0x89 && head[1] == 'H' && head[2] == 'D' && head[3] == 'F') {
      return legacy(file, label, o);
    }
    if (head.length > 0 && firstNonBlank(head) == '{') {
      JsonNode json = Json.parse(readAll(file, label, o.limits().maxJsonBytes()), label, null, o.limits());
      return assemble(json, label, null, version(json), "JSON config (fresh weights)", null, o);
    }
    throw new KerasFormatException(label, null, "not a Keras model file: expected a .keras zip, an HDF5 .h5 "
        + "or a JSON config");
  }

  private static Loaded pair(Path config, Path weights, LoadOptions o) {
    String cLabel = config.toString();
    String wLabel = weights.toString();
    JsonNode json = Json.parse(readAll(config, cLabel, o.limits().maxJsonBytes()), cLabel, null, o.limits());
    try (Hdf5Reader h5 = Hdf5Reader.open(wLabel, readAll(weights, wLabel, o.limits().maxFileBytes()))) {
      WeightSource source = weightsIn(h5);
      String version = version(json) != null ? version(json) : h5.string(h5.root(), "keras_version");
      return assemble(json, cLabel, null, version, "JSON config + HDF5 weights", source, o);
    }
  }

  private static Loaded keras(Path file, String label, LoadOptions o) {
    Map<String, byte[]> m = SafeZip.read(file, label, Set.of(CONFIG, METADATA, WEIGHTS), o.limits());
    if (!m.containsKey(CONFIG)) {
      throw new KerasFormatException(label, CONFIG, "missing from the archive: not a .keras model");
    }
    String version = null;
    if (m.containsKey(METADATA)) {
      JsonNode meta = Json.parse(m.get(METADATA), label, METADATA, o.limits());
      version = meta.path("keras_version").isTextual() ? meta.get("keras_version").asText() : null;
    }
    JsonNode config = Json.parse(m.get(CONFIG), label, CONFIG, o.limits());
    if (!m.containsKey(WEIGHTS)) {
      throw new KerasFormatException(label, WEIGHTS, "missing from the archive (only HDF5 weights are supported)");
    }
    try (Hdf5Reader h5 = Hdf5Reader.open(label + "!" + WEIGHTS, m.get(WEIGHTS))) {
      String format = h5.child(h5.root(), "layers") != null || !Keras3Weights.matches(h5)
          ? ".keras (Keras 3 layout)" : ".keras (tf.keras 2.13-2.15 layout)";
      Loaded loaded = assemble(config, label, CONFIG, version, format, new Keras3Weights(h5), o);
      if (o.compile()) {
        try {
          TrainingState.restore(loaded.model(), config.path("compile_config"), h5, label + "!" + WEIGHTS);
        } catch (RuntimeException e) {
          loaded.model().close();
          throw e;
        }
      }
      return loaded;
    }
  }

  private static Loaded legacy(Path file, String label, LoadOptions o) {
    try (Hdf5Reader h5 = Hdf5Reader.open(label, readAll(file, label, o.limits().maxFileBytes()))) {
      String config = h5.string(h5.root(), "model_config");
      if (config == null) {
        throw new KerasFormatException(label, "/", LegacyWeights.matches(h5, h5.root())
            ? "a weights-only file (no model_config): load it together with its JSON config"
            : "no model_config attribute: not a Keras model file");
      }
      JsonNode json = Json.parse(config, label, "/@model_config", o.limits());
      Group weights = h5.group(h5.root(), "model_weights");
      if (weights == null) {
        throw new KerasFormatException(label, "/model_weights", "missing: the file holds no weights");
      }
      String version = h5.string(h5.root(), "keras_version");
      if (version == null) {
        version = h5.string(weights, "keras_version");
      }
      String backend = h5.string(h5.root(), "backend");
      Loaded l = assemble(json, label, "/@model_config", version, "legacy HDF5", new LegacyWeights(h5, weights), o);
      return new Loaded(l.model(), new ModelSource(l.source().format(), version, backend), l.spec());
    }
  }

  /** The weights layout of a weights file. */
  static WeightSource weightsIn(Hdf5Reader h5) {
    if (LegacyWeights.matches(h5, h5.root())) {
      return new LegacyWeights(h5, h5.root());
    }
    Group mw = h5.group(h5.root(), "model_weights");
    if (mw != null && LegacyWeights.matches(h5, mw)) {
      return new LegacyWeights(h5, mw);
    }
    if (Keras3Weights.matches(h5)) {
      return new Keras3Weights(h5);
    }
    throw new KerasFormatException(h5.label(), "/", "no Keras weights: neither layer_names nor a layers/ group");
  }

  private static Loaded assemble(JsonNode json, String label, String where, String version, String format,
      WeightSource weights, LoadOptions o) {
    ModelSpec spec = ModelConfigParser.parse(json, label, where, o.limits());
    KerasLayerFactory factory = new KerasLayerFactory(label, where, version, o.customActivations());
    Sequential model = new ModelAssembler(label, where, o.limits(), factory).assemble(spec, weights);
    String backend = json.path("backend").isTextual() ? json.get("backend").asText() : null;
    return new Loaded(model, new ModelSource(format, version, backend), spec);
  }

  private static String version(JsonNode json) {
    return json.path("keras_version").isTextual() ? json.get("keras_version").asText() : null;
  }

  private static int firstNonBlank(byte[] b) {
    for (byte x : b) {
      if (!Character.isWhitespace(x)) {
        return x;
      }
    }
    return -1;
  }

  static byte[] head(Path file, String label) {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(64);
    } catch (IOException e) {
      throw new KerasFormatException(label, null, "cannot read: " + e, e);
    }
  }

  /** The whole file, refusing files above {@code limit} bytes before reading them. */
  static byte[] readAll(Path file, String label, long limit) {
    try {
      long size = Files.size(file);
      if (size > limit) {
        throw new KerasFormatException(label, null, "file of " + size + " bytes exceeds the limit of " + limit);
      }
      byte[] b = Files.readAllBytes(file);
      if (b.length > limit) {
        throw new KerasFormatException(label, null, "file grew beyond the limit of " + limit + " bytes while read");
      }
      return b;
    } catch (IOException e) {
      throw new KerasFormatException(label, null, "cannot read: " + e, e);
    }
  }
}
