// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.models;

import dev.dense4j.layers.Variable;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * dense4j's weights-only file ({@code .d4jw}): every weight of a model with its path and shape,
 * for checkpoints and the {@code train} command where no Keras writer is on the class path.
 *
 * <p>Layout, little-endian, versioned by the magic:
 * <pre>
 *   "D4JWGT01"                       8 bytes
 *   int32 count                      number of weights
 *   count × { int32 pathBytes, UTF-8 path (e.g. "dense/kernel"),
 *             int32 rank, int32 dims[rank],
 *             float32 values[∏ dims]     row-major }
 * </pre>
 * Files are untrusted when read: counts, ranks and sizes are bounded before any allocation.
 */
public final class WeightsFile {

  static final byte[] MAGIC = "D4JWGT01".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_PATH_BYTES = 4096;
  private static final int MAX_RANK = 8;

  private WeightsFile() {}

  /** One stored weight. */
  public record Entry(String path, int[] shape, float[] values) {}

  /** A {@link ModelSaver} writing this format. */
  public static ModelSaver saver() {
    return WeightsFile::write;
  }

  /** Writes every weight of {@code model} (layer order, Keras order inside a layer), atomically. */
  public static void write(Sequential model, Path path) {
    Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
    try {
      Path parent = path.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (OutputStream os = Files.newOutputStream(tmp);
          DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os))) {
        List<Variable> vars = model.variables();
        out.write(MAGIC);
        writeInt(out, vars.size());
        for (Variable v : vars) {
          byte[] name = v.path().getBytes(StandardCharsets.UTF_8);
          writeInt(out, name.length);
          out.write(name);
          int[] shape = v.value().shape();
          writeInt(out, shape.length);
          for (int d : shape) {
            writeInt(out, d);
          }
          ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(v.value().size() * Float.BYTES))
              .order(ByteOrder.LITTLE_ENDIAN);
          buf.asFloatBuffer().put(v.value().toArray());
          out.write(buf.array());
        }
      }
      Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": cannot write weights", e);
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // the failure that matters was already reported
      }
    }
  }

  /** Reads every entry, in file order. */
  public static List<Entry> read(Path path) {
    try (InputStream is = Files.newInputStream(path);
        DataInputStream in = new DataInputStream(new BufferedInputStream(is))) {
      long remaining = Files.size(path) - MAGIC.length;
      byte[] magic = new byte[MAGIC.length];
      in.readFully(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new UncheckedIOException(new IOException(path + ": not a dense4j weights file (magic "
            + new String(magic, StandardCharsets.ISO_8859_1) + ")"));
      }
      int count = bounded(path, "count", readInt(in), remaining / 12);
      List<Entry> entries = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        entries.add(readEntry(path, in, remaining));
      }
      return entries;
    } catch (EOFException e) {
      throw new UncheckedIOException(path + ": truncated weights file", e);
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": cannot read weights", e);
    }
  }

  private static Entry readEntry(Path path, DataInputStream in, long fileBytes) throws IOException {
    byte[] name = new byte[bounded(path, "path length", readInt(in), MAX_PATH_BYTES)];
    in.readFully(name);
    String p = new String(name, StandardCharsets.UTF_8);
    int[] shape = new int[bounded(path, "rank of " + p, readInt(in), MAX_RANK)];
    long n = 1;
    for (int d = 0; d < shape.length; d++) {
      shape[d] = bounded(path, "dimension of " + p, readInt(in), Integer.MAX_VALUE);
      n = Math.multiplyExact(n, shape[d]);
    }
    int size = bounded(path, "size of " + p, n, Math.min(fileBytes / Float.BYTES, Integer.MAX_VALUE - 8));
    byte[] raw = new byte[size * Float.BYTES];
    in.readFully(raw);
    float[] values = new float[size];
    ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
    return new Entry(p, shape, values);
  }

  /**
   * Sets the weights of {@code model} from a file written by {@link #write} for a model of the
   * same architecture: entries are matched by position and their shapes must match. Constraints
   * are not applied.
   */
  public static void load(Sequential model, Path path) {
    List<Entry> entries = read(path);
    List<Variable> vars = model.variables();
    if (entries.size() != vars.size()) {
      throw new IllegalArgumentException(path + ": holds " + entries.size() + " weights; model '" + model.name()
          + "' has " + vars.size());
    }
    Map<Variable, float[]> values = new LinkedHashMap<>();
    for (int i = 0; i < vars.size(); i++) {
      Entry e = entries.get(i);
      Variable v = vars.get(i);
      if (!Arrays.equals(e.shape(), v.value().shape())) {
        throw new IllegalArgumentException(path + ": " + e.path() + " has shape " + Arrays.toString(e.shape())
            + "; model weight " + v.path() + " has shape " + Arrays.toString(v.value().shape()));
      }
      values.put(v, e.values());
    }
    values.forEach((v, a) -> v.value().copyFrom(a));
  }

  private static int bounded(Path path, String what, long value, long max) {
    if (value < 0 || value > max) {
      throw new UncheckedIOException(new IOException(path + ": corrupt weights file (" + what + " " + value + ")"));
    }
    return (int) value;
  }

  private static void writeInt(DataOutputStream out, int v) throws IOException {
    out.writeInt(Integer.reverseBytes(v));
  }

  private static int readInt(DataInputStream in) throws IOException {
    return Integer.reverseBytes(in.readInt());
  }
}
