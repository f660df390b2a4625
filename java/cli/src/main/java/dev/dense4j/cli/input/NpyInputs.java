// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli.input;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy {@code .npy} input (format versions 1 to 3, as {@code numpy.save} writes it): a C-order
 * array of float32, float64, int32 or int64, little- or big-endian, shaped {@code (n, *sample)},
 * {@code (n, width)}, or a single sample.
 */
final class NpyInputs {

  static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([fi])([48])'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  private NpyInputs() {}

  static boolean isNpy(byte[] data) {
    return data.length >= MAGIC.length && Arrays.equals(data, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
  }

  static Batch parse(byte[] data, int[] sampleShape, int maxRows) {
    int width = Shapes.width(sampleShape);
    if (data.length < 10) {
      throw bad("the file ends inside the header");
    }
    ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    int major = data[6];
    long headerLength = major == 1 ? Short.toUnsignedInt(b.getShort(8)) : Integer.toUnsignedLong(b.getInt(8));
    int start = major == 1 ? 10 : 12;
    if (major < 1 || major > 3 || start + headerLength > data.length) {
      throw bad("unsupported format version " + major + " or truncated header");
    }
    String header = new String(data, start, (int) headerLength,
        major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    Matcher descr = DESCR.matcher(header);
    Matcher fortran = FORTRAN.matcher(header);
    Matcher shapeM = SHAPE.matcher(header);
    if (!descr.find() || !fortran.find() || !shapeM.find()) {
      throw bad("expected a float32, float64, int32 or int64 array; received header " + header.strip());
    }
    if (fortran.group(1).equals("True")) {
      throw bad("Fortran-order arrays are not read; save with numpy.ascontiguousarray(x)");
    }
    long[] shape = dims(shapeM.group(1));
    long count = 1;
    for (long d : shape) {
      count = Math.multiplyHigh(count, d) != 0 ? Long.MAX_VALUE : count * d;
    }
    int rows = rows(shape, sampleShape, width);
    boolean isFloat = descr.group(2).equals("f");
    int size = Integer.parseInt(descr.group(3));
    long dataStart = start + headerLength;
    if (count == Long.MAX_VALUE || data.length - dataStart != count * size) {
      throw bad("the header promises " + Arrays.toString(shape) + " values of " + size + " bytes; the file holds "
          + (data.length - dataStart) + " data bytes");
    }
    b.order(descr.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    Samples out = new Samples(width, maxRows);
    int p = (int) dataStart;
    for (int r = 0; r < rows; r++) {
      int at = out.start();
      for (int j = 0; j < width; j++, p += size) {
        String where = "sample " + r + ", value " + j;
        float v = isFloat ? (size == 4 ? InputValues.check(b.getFloat(p), where)
            : InputValues.check(b.getDouble(p), where))
            : size == 4 ? b.getInt(p) : InputValues.check((double) b.getLong(p), where);
        out.set(at + j, v);
      }
      out.end();
    }
    return out.batch();
  }

  // samples in an array of `shape`: (n, *sample), (n, width), or one sample (*sample) / (width,)
  private static int rows(long[] shape, int[] sample, int width) {
    if (shape.length == sample.length + 1 && matches(shape, 1, sample)) {
      return toInt(shape[0]);
    }
    if (shape.length == 2 && shape[1] == width) {
      return toInt(shape[0]);
    }
    if (matches(shape, 0, sample) && shape.length == sample.length || (shape.length == 1 && shape[0] == width)) {
      return 1;
    }
    throw bad("an array of shape " + Arrays.toString(shape) + " does not hold samples of the model's shape "
        + Arrays.toString(sample) + "; expected (n, " + Arrays.toString(sample).replaceAll("[\\[\\]]", "") + ") or (n, "
        + width + ")");
  }

  private static boolean matches(long[] shape, int from, int[] sample) {
    if (shape.length - from != sample.length) {
      return false;
    }
    for (int i = 0; i < sample.length; i++) {
      if (shape[from + i] != sample[i]) {
        return false;
      }
    }
    return true;
  }

  private static int toInt(long n) {
    if (n > Integer.MAX_VALUE) {
      throw bad(n + " samples are too many");
    }
    return (int) n;
  }

  private static long[] dims(String tuple) {
    return Arrays.stream(tuple.split(",")).map(String::strip).filter(s -> !s.isEmpty()).mapToLong(s -> {
      try {
        return Long.parseLong(s.endsWith("L") ? s.substring(0, s.length() - 1) : s);
      } catch (NumberFormatException e) {
        throw bad("cannot read the shape (" + tuple + ")");
      }
    }).toArray();
  }

  private static InputException bad(String what) {
    return new InputException(".npy input: " + what);
  }
}
