// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.keras;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Byte-level helpers that make hostile files for the malformed-file corpus. */
final class Corpus {

  private Corpus() {}

  /** The members of a zip, in order. */
  static Map<String, byte[]> unzip(Path file) {
    Map<String, byte[]> m = new LinkedHashMap<>();
    try (ZipFile z = new ZipFile(file.toFile())) {
      for (ZipEntry e : z.stream().toList()) {
        m.put(e.getName(), z.getInputStream(e).readAllBytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return m;
  }

  /** A zip of these members, STORED unless {@code deflated} names them. */
  static byte[] zip(Map<String, byte[]> members, String... deflated) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> e : members.entrySet()) {
        ZipEntry entry = new ZipEntry(e.getKey());
        if (!java.util.Arrays.asList(deflated).contains(e.getKey())) {
          entry.setMethod(ZipEntry.STORED);
          entry.setSize(e.getValue().length);
          CRC32 crc = new CRC32();
          crc.update(e.getValue());
          entry.setCrc(crc.getValue());
        }
        z.putNextEntry(entry);
        z.write(e.getValue());
        z.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The same members with one replaced. */
  static Map<String, byte[]> with(Map<String, byte[]> members, String name, byte[] value) {
    Map<String, byte[]> m = new LinkedHashMap<>(members);
    m.put(name, value);
    return m;
  }

  static byte[] u64(long... values) {
    byte[] b = new byte[values.length * 8];
    for (int i = 0; i < values.length; i++) {
      for (int k = 0; k < 8; k++) {
        b[i * 8 + k] = (byte) (values[i] >>> (8 * k));
      }
    }
    return b;
  }

  /** Replaces every occurrence of {@code from} by {@code to} (same length); returns how many. */
  static int replaceAll(byte[] data, byte[] from, byte[] to) {
    int n = 0;
    for (int i = 0; i + from.length <= data.length; i++) {
      if (java.util.Arrays.equals(data, i, i + from.length, from, 0, from.length)) {
        System.arraycopy(to, 0, data, i, to.length);
        n++;
        i += from.length - 1;
      }
    }
    return n;
  }
}
