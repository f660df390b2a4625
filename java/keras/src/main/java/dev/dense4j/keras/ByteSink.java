// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.keras;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable little-endian byte buffer with a write position that can be moved back to patch. */
final class ByteSink {

  private byte[] buf = new byte[256];
  private int size;
  private int pos;

  /** The number of bytes written (the high-water mark). */
  int size() {
    return size;
  }

  /** Moves the write position (to patch earlier bytes). */
  ByteSink at(long position) {
    pos = Math.toIntExact(position);
    return this;
  }

  ByteSink u8(int v) {
    ensure(1);
    buf[pos++] = (byte) v;
    return advanced();
  }

  ByteSink u16(int v) {
    return u8(v).u8(v >>> 8);
  }

  ByteSink u32(long v) {
    return u16((int) v & 0xffff).u16((int) (v >>> 16) & 0xffff);
  }

  ByteSink u64(long v) {
    return u32(v & 0xffffffffL).u32(v >>> 32);
  }

  ByteSink f32(float v) {
    return u32(Float.floatToRawIntBits(v) & 0xffffffffL);
  }

  ByteSink bytes(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, pos, b.length);
    pos += b.length;
    return advanced();
  }

  ByteSink ascii(String s) {
    return bytes(s.getBytes(StandardCharsets.US_ASCII));
  }

  /** Writes {@code n} zero bytes. */
  ByteSink skip(long n) {
    int k = Math.toIntExact(n);
    ensure(k);
    Arrays.fill(buf, pos, pos + k, (byte) 0);
    pos += k;
    return advanced();
  }

  /** Zero-pads the position to a multiple of 8. */
  ByteSink pad8() {
    return skip(Hdf5Writer.align8(pos) - pos);
  }

  /** Moves to the end and pads it to a multiple of 8: the next object starts aligned. */
  ByteSink align() {
    pos = size;
    return pad8();
  }

  byte[] toArray() {
    return Arrays.copyOf(buf, size);
  }

  private void ensure(int n) {
    if (pos + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
    }
  }

  private ByteSink advanced() {
    size = Math.max(size, pos);
    return this;
  }
}
