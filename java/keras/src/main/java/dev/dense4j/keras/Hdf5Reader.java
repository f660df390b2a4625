// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.keras;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.message.DataLayout;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A read-only view of an untrusted HDF5 file held in memory, on top of jHDF.
 *
 * <p>Every jHDF call is guarded: its failures (including stack overflows from cyclic structures)
 * become a {@link KerasFormatException} naming the file and object. Before any attribute or dataset
 * is materialised, its declared element count × element size is checked against the file size, and
 * weights are read straight from the validated byte range, so a hostile declared shape can never
 * make the reader allocate more than the file holds.
 */
final class Hdf5Reader implements AutoCloseable {

  private final String label;
  private final byte[] bytes;
  private final HdfFile hdf;

  private Hdf5Reader(String label, byte[] bytes, HdfFile hdf) {
    this.label = label;
    this.bytes = bytes;
    this.hdf = hdf;
  }

  /** Opens an HDF5 file from its bytes; {@code label} names it in errors. */
  static Hdf5Reader open(String label, byte[] bytes) {
    if (bytes.length < 8 || (bytes[0] & 0xff) != 0x89 || bytes[1] != 'H' || bytes[2] != 'D' || bytes[3] != 'F') {
      throw new KerasFormatException(label, null, "not an HDF5 file (no HDF5 signature at offset 0)");
    }
    HdfFile f = guard(label, "/", () -> HdfFile.fromBytes(bytes));
    return new Hdf5Reader(label, bytes, f);
  }

  String label() {
    return label;
  }

  Group root() {
    return hdf;
  }

  /** The child {@code name} of {@code group} (a literal link name, '/' included), or null. */
  Node child(Group group, String name) {
    return guard(pathOf(group, name), () -> {
      Map<String, Node> children = group.getChildren();
      return children.get(name);
    });
  }

  /** The names of a group's children, sorted by jHDF (name order). */
  List<String> childNames(Group group) {
    return guard(group.getPath(), () -> new ArrayList<>(group.getChildren().keySet()));
  }

  /** Follows a '/'-separated path from {@code from}; null when a step is missing. */
  Node find(Group from, String path) {
    Node n = from;
    for (String part : path.split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      if (!(n instanceof Group g)) {
        return null;
      }
      n = child(g, part);
      if (n == null) {
        return null;
      }
    }
    return n;
  }

  /** A group at {@code path}, or null when absent or not a group. */
  Group group(Group from, String path) {
    return find(from, path) instanceof Group g ? g : null;
  }

  /** True when the node has the attribute. */
  boolean hasAttribute(Node node, String name) {
    return guard(node.getPath() + "@" + name, () -> node.getAttributes().containsKey(name));
  }

  /**
   * A string attribute as a list: a scalar string gives one element; an array of fixed- or
   * variable-length strings gives them all; a zero-length attribute of any type gives an empty
   * list; a missing attribute gives null.
   */
  List<String> strings(Node node, String name) {
    String where = node.getPath() + "@" + name;
    Attribute a = guard(where, () -> node.getAttributes().get(name));
    if (a == null) {
      return null;
    }
    Object data = guard(where, () -> {
      long n = checkedCount(where, a.getDimensionsAsLong());
      if (n == 0 || a.isEmpty()) {
        return null;
      }
      checkFits(where, n, Math.max(1, a.getDataType().getSize()));
      return a.getData();
    });
    if (data == null) {
      return List.of();
    }
    if (data instanceof String s) {
      return List.of(s);
    }
    if (data.getClass().isArray() && data.getClass().getComponentType() == String.class) {
      return Arrays.asList((String[]) data);
    }
    if (data.getClass().isArray() && Array.getLength(data) == 0) {
      return List.of();
    }
    throw new KerasFormatException(label, where, "expected a string attribute; received " + data.getClass().getSimpleName());
  }

  /** A scalar string attribute, or null when missing. */
  String string(Node node, String name) {
    List<String> s = strings(node, name);
    if (s == null) {
      return null;
    }
    if (s.size() != 1) {
      throw new KerasFormatException(label, node.getPath() + "@" + name, "expected one string; received " + s.size());
    }
    return s.get(0);
  }

  /**
   * Reads a float32/float64 dataset (or an int32/int64 one, such as Normalization's {@code count})
   * as float32 values, after checking its declared size against the file.
   */
  WeightArray floats(Node node) {
    String where = node.getPath();
    if (!(node instanceof Dataset ds)) {
      throw new KerasFormatException(label, where, "expected a dataset; received a group");
    }
    return guard(where, () -> {
      DataType fp = ds.getDataType();
      boolean integer = fp instanceof FixedPoint;
      if (!(fp instanceof FloatingPoint || integer) || (fp.getSize() != 4 && fp.getSize() != 8)) {
        throw new KerasFormatException(label, where, "expected float32 or float64 weights; received HDF5 type class "
            + ds.getDataType().getDataClass() + " of " + ds.getDataType().getSize() + " bytes");
      }
      long[] dims = ds.getDimensionsAsLong();
      long n = checkedCount(where, dims);
      checkFits(where, n, fp.getSize());
      int[] shape = new int[dims.length];
      for (int i = 0; i < dims.length; i++) {
        shape[i] = (int) dims[i];
      }
      return new WeightArray(where, shape, values(ds, fp, (int) n, where));
    });
  }

  /** An integer scalar dataset (Keras' int32/int64 {@code iterations}). */
  long scalarLong(Node node) {
    String where = node.getPath();
    if (!(node instanceof Dataset ds)) {
      throw new KerasFormatException(label, where, "expected a dataset; received a group");
    }
    return guard(where, () -> {
      if (!(ds.getDataType() instanceof FixedPoint) || ds.getDimensionsAsLong().length != 0) {
        throw new KerasFormatException(label, where, "expected an integer scalar; received HDF5 type class "
            + ds.getDataType().getDataClass() + " of shape " + Arrays.toString(ds.getDimensionsAsLong()));
      }
      Object v = ds.getData();
      if (!(v instanceof Number n)) {
        throw new KerasFormatException(label, where, "expected an integer scalar; received " + v);
      }
      return n.longValue();
    });
  }

  private float[] values(Dataset ds, DataType fp, int n, String where) {
    if (n == 0) {
      return new float[0];
    }
    if (ds.getDataLayout() == DataLayout.CONTIGUOUS && ds instanceof ContiguousDataset c) {
      long start = c.getDataAddress() + hdf.getUserBlockSize();
      long length = (long) n * fp.getSize();
      if (c.getDataAddress() < 0 || start > bytes.length || length > bytes.length - start) {
        throw new KerasFormatException(label, where, "data at offset " + start + " (" + length
            + " bytes) lies outside the file of " + bytes.length + " bytes");
      }
      java.nio.ByteOrder order = fp instanceof FloatingPoint f ? f.getByteOrder() : ((FixedPoint) fp).getByteOrder();
      ByteBuffer b = ByteBuffer.wrap(bytes, (int) start, (int) length).slice().order(order);
      float[] out = new float[n];
      boolean integer = fp instanceof FixedPoint;
      for (int i = 0; i < n; i++) {
        out[i] = integer ? (fp.getSize() == 4 ? b.getInt(i * 4) : (float) b.getLong(i * 8))
            : fp.getSize() == 4 ? b.getFloat(i * 4) : (float) b.getDouble(i * 8);
      }
      return out;
    }
    if (ds.getDataLayout() == DataLayout.COMPACT) {
      Object flat = ds.getDataFlat();
      float[] out = new float[n];
      for (int i = 0; i < n; i++) {
        out[i] = ((Number) Array.get(flat, i)).floatValue();
      }
      return out;
    }
    throw new KerasFormatException(label, where, "chunked or filtered datasets are not supported for weights "
        + "(Keras writes contiguous ones); received layout " + ds.getDataLayout());
  }

  private long checkedCount(String where, long[] dims) {
    long n = 1;
    for (long d : dims) {
      if (d < 0) {
        throw new KerasFormatException(label, where, "negative declared dimension in " + Arrays.toString(dims));
      }
      try {
        n = Math.multiplyExact(n, d);
      } catch (ArithmeticException e) {
        throw new KerasFormatException(label, where, "declared shape " + Arrays.toString(dims) + " overflows");
      }
    }
    return n;
  }

  private void checkFits(String where, long count, int elementSize) {
    if (count > (bytes.length / (long) elementSize) || count > Integer.MAX_VALUE - 8) {
      throw new KerasFormatException(label, where, "declared size of " + count + " elements × " + elementSize
          + " bytes exceeds the file size of " + bytes.length + " bytes");
    }
  }

  private <T> T guard(String where, Supplier<T> body) {
    return guard(label, where, body);
  }

  private static <T> T guard(String label, String where, Supplier<T> body) {
    try {
      return body.get();
    } catch (KerasFormatException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      throw new KerasFormatException(label, where, "malformed HDF5: " + describe(e), e);
    }
  }

  private static String describe(Throwable e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
  }

  private static String pathOf(Group g, String name) {
    String p = g.getPath();
    return (p.endsWith("/") ? p : p + "/") + name;
  }

  @Override
  public void close() {
    try {
      hdf.close();
    } catch (RuntimeException e) {
      // in-memory file: nothing to release
    }
  }
}
