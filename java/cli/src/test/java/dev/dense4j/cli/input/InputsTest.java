// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The shared input parser on every format: the same samples, and the same refusals. */
class InputsTest {

  private static final int[] SHAPE = {2};

  private static float[] read(byte[] data, int[] shape) {
    Batch b = Inputs.read(data, shape, 100);
    return Arrays.copyOf(b.values(), b.rows() * Shapes.width(shape));
  }

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A .npy file as numpy.save writes it (format 1.0, header padded to 64 bytes). */
  static byte[] npy(String descr, String shape, boolean fortran, ByteOrder order, double... values) {
    String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': ("
        + shape + "), }";
    StringBuilder header = new StringBuilder(dict);
    while ((10 + header.length() + 1) % 64 != 0) {
      header.append(' ');
    }
    header.append('\n');
    int size = Integer.parseInt(descr.substring(2));
    ByteBuffer data = ByteBuffer.allocate(values.length * size).order(order);
    for (double v : values) {
      switch (descr.substring(1)) {
        case "f4" -> data.putFloat((float) v);
        case "f8" -> data.putDouble(v);
        case "i4" -> data.putInt((int) v);
        case "i8" -> data.putLong((long) v);
        default -> throw new IllegalArgumentException(descr);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    out.write(header.length() & 0xff);
    out.write(header.length() >> 8);
    out.writeBytes(header.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(data.array());
    return out.toByteArray();
  }

  @Test
  void everyFormatGivesTheSameSamples() {
    float[] expected = {1, 2.5f, -3, 4};
    assertArrayEquals(expected, read(text("[[1, 2.5], [-3, 4]]"), SHAPE));
    assertArrayEquals(expected, read(text("{\"inputs\": [[1, 2.5], [-3, 4]]}"), SHAPE));
    assertArrayEquals(expected, read(text("a,b\n1,2.5\n\n-3,4\n"), SHAPE));
    assertArrayEquals(expected, read(npy("<f4", "2, 2", false, ByteOrder.LITTLE_ENDIAN, 1, 2.5, -3, 4), SHAPE));
    assertArrayEquals(expected, read(npy(">f8", "2, 2", false, ByteOrder.BIG_ENDIAN, 1, 2.5, -3, 4), SHAPE));
    assertArrayEquals(new float[] {1, 2, -3, 4}, read(npy("<i4", "2, 2", false, ByteOrder.LITTLE_ENDIAN, 1, 2, -3, 4),
        SHAPE));
    assertArrayEquals(new float[] {1, 2}, read(text("[1, 2]"), SHAPE), "one flat sample");
    assertArrayEquals(new float[] {1, 2}, read(npy("<f4", "2,", false, ByteOrder.LITTLE_ENDIAN, 1, 2), SHAPE));
  }

  @Test
  void npyShapesMayBeNestedOrFlatPerSample() {
    int[] shape = {2, 2};
    double[] v = {1, 2, 3, 4, 5, 6, 7, 8};
    float[] expected = {1, 2, 3, 4, 5, 6, 7, 8};
    assertArrayEquals(expected, read(npy("<f4", "2, 2, 2", false, ByteOrder.LITTLE_ENDIAN, v), shape));
    assertArrayEquals(expected, read(npy("<f4", "2, 4", false, ByteOrder.LITTLE_ENDIAN, v), shape));
    assertArrayEquals(expected, read(text("[[[1, 2], [3, 4]], [5, 6, 7, 8]]"), shape));
  }

  @Test
  void oneValuePolicyForEveryFormat() {
    assertMessage("inputs[0][1] = 1e39 is beyond float32's range of ±3.4028235e38", text("[[1, 1e39]]"));
    assertMessage("CSV line 1, column 2 = 1e39 is beyond float32's range of ±3.4028235e38", text("1,1e39"));
    assertMessage("sample 0, value 1 = 1.0E39 is beyond float32's range of ±3.4028235e38",
        npy("<f8", "1, 2", false, ByteOrder.LITTLE_ENDIAN, 1, 1e39));
    assertMessage("sample 0, value 0 = NaN: inputs must be finite numbers (no NaN or Infinity)",
        npy("<f4", "1, 2", false, ByteOrder.LITTLE_ENDIAN, Double.NaN, 1));
    assertMessage("CSV line 1, column 1 = -Infinity: inputs must be finite numbers (no NaN or Infinity)",
        text("-Infinity,1"));
  }

  @Test
  void npyFilesTheParserCannotReadAreNamed() {
    assertMessage(".npy input: Fortran-order arrays are not read; save with numpy.ascontiguousarray(x)",
        npy("<f4", "1, 2", true, ByteOrder.LITTLE_ENDIAN, 1, 2));
    assertMessage(".npy input: an array of shape [2, 3] does not hold samples of the model's shape [2]; expected"
        + " (n, 2) or (n, 2)", npy("<f4", "2, 3", false, ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4, 5, 6));
    byte[] truncated = npy("<f4", "2, 2", false, ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4);
    assertMessage(".npy input: the header promises [2, 2] values of 4 bytes; the file holds 12 data bytes",
        Arrays.copyOf(truncated, truncated.length - 4));
  }

  @Test
  void csvRowsOfTheWrongWidthAndTooManySamplesAreRefused() {
    assertMessage("CSV line 2 has 3 values; the model takes 2", text("1,2\n1,2,3\n"));
    IllegalArgumentException e = assertThrows(InputException.class, () -> Inputs.read(text("[[1,2],[3,4]]"), SHAPE, 1));
    assertEquals("more than 1 samples; the limit is 1", e.getMessage());
  }

  private static void assertMessage(String message, byte[] data) {
    InputException e = assertThrows(InputException.class, () -> Inputs.read(data, SHAPE, 100));
    assertEquals(message, e.getMessage());
  }
}
