// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.keras;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads named members of an untrusted zip archive without trusting it: entry count and names are
 * checked (no absolute paths, no {@code ..}, no duplicates), and each member is read through a
 * counting stream that stops at the size limit and the compression-ratio limit, whatever sizes the
 * archive declares. Nothing is extracted to disk.
 */
final class SafeZip {

  private static final int CHUNK = 64 << 10;

  private SafeZip() {}

  /**
   * Returns the wanted members present in the archive (name → bytes).
   *
   * @param limits per-member limit: {@code maxJsonBytes} for {@code .json} members, {@code maxFileBytes} otherwise
   */
  static Map<String, byte[]> read(Path path, String label, Set<String> wanted, KerasLimits limits) {
    try (ZipFile zip = new ZipFile(path.toFile())) {
      if (zip.size() > limits.maxZipEntries()) {
        throw new KerasFormatException(label, null, "archive lists " + zip.size() + " entries; the limit is "
            + limits.maxZipEntries());
      }
      Map<String, ZipEntry> found = new HashMap<>();
      Set<String> names = new HashSet<>();
      Enumeration<? extends ZipEntry> entries = zip.entries();
      int count = 0;
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        if (++count > limits.maxZipEntries()) {
          throw new KerasFormatException(label, null, "archive has more than " + limits.maxZipEntries() + " entries");
        }
        checkName(label, e.getName());
        if (!names.add(e.getName())) {
          throw new KerasFormatException(label, e.getName(), "duplicate archive entry");
        }
        if (wanted.contains(e.getName())) {
          found.put(e.getName(), e);
        }
      }
      Map<String, byte[]> out = new HashMap<>();
      for (Map.Entry<String, ZipEntry> e : found.entrySet()) {
        long limit = e.getKey().endsWith(".json") ? limits.maxJsonBytes() : limits.maxFileBytes();
        out.put(e.getKey(), readMember(zip, e.getValue(), label, limit, limits.maxCompressionRatio()));
      }
      return out;
    } catch (IOException | RuntimeException e) {
      if (e instanceof KerasFormatException k) {
        throw k;
      }
      throw new KerasFormatException(label, null, "not a readable zip archive: " + e.getMessage(), e);
    }
  }

  /** Rejects names that would escape an extraction directory, even though nothing is extracted. */
  static void checkName(String label, String name) {
    String n = name.replace('\\', '/');
    boolean bad = n.isEmpty() || n.startsWith("/") || n.indexOf('\0') >= 0
        || (n.length() >= 2 && n.charAt(1) == ':');
    for (String part : n.split("/", -1)) {
      bad |= part.equals("..");
    }
    if (bad) {
      throw new KerasFormatException(label, name, "unsafe archive entry name (absolute or with '..')");
    }
  }

  private static byte[] readMember(ZipFile zip, ZipEntry entry, String label, long limit, int maxRatio)
      throws IOException {
    long compressed = Math.max(1, entry.getCompressedSize());
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Math.max(entry.getSize(), 32), 1 << 20));
    try (InputStream in = zip.getInputStream(entry)) {
      byte[] buf = new byte[CHUNK];
      long total = 0;
      for (int n; (n = in.read(buf)) > 0; ) {
        total += n;
        if (total > limit) {
          throw new KerasFormatException(label, entry.getName(), "member is larger than the limit of " + limit + " bytes");
        }
        if (total > (1 << 20) && total / compressed > maxRatio) {
          throw new KerasFormatException(label, entry.getName(), "compression ratio above " + maxRatio
              + " (a zip bomb?): " + total + "+ bytes from " + compressed);
        }
        out.write(buf, 0, n);
      }
    }
    return out.toByteArray();
  }
}
