// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.ffm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.jar.JarEntry;
import java.util.zip.CRC32;

/**
 * Extracts native libraries from the class path into a cache directory, once per content.
 *
 * <p>Layout: {@code <root>/<group>-<checksum>/<file>}, where the checksum covers every file of the
 * group (files that must sit side by side, like OpenBLAS and its Fortran runtime). Each file is
 * written to a private temporary name and atomically renamed into place, so several JVMs can start
 * at once: all of them either reuse a complete file or write identical bytes. A file is used only
 * after its CRC-32 matches the one recorded in the jar, which catches truncated or damaged files;
 * the cache is not a defence against someone who can write to it.
 *
 * <p>The root is {@code -Ddense4j.nativeDir}, else {@code DENSE4J_NATIVE_DIR}, else
 * {@code ~/.cache/dense4j/natives}; point it elsewhere when the home or temp folder is mounted
 * {@code noexec}.
 */
public final class NativeCache {

  /** A resource to extract: its class path location and the CRC-32 and size it must have. */
  record Entry(String resource, String fileName, long crc, long size) {}

  private NativeCache() {}

  /** The cache root directory, without creating it. */
  public static Path root() {
    String configured = System.getProperty("dense4j.nativeDir");
    if (configured == null || configured.isBlank()) {
      configured = System.getenv("DENSE4J_NATIVE_DIR");
    }
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    return Path.of(System.getProperty("user.home"), ".cache", "dense4j", "natives");
  }

  /**
   * Makes sure the named resources exist in one cache directory and returns their paths in the
   * given order.
   */
  public static List<Path> extract(String group, String resourceDir, List<String> fileNames) {
    return extract(root(), group, resourceDir, fileNames);
  }

  static List<Path> extract(Path root, String group, String resourceDir, List<String> fileNames) {
    List<Entry> entries = new ArrayList<>();
    CRC32 groupCrc = new CRC32();
    for (String name : fileNames) {
      Entry e = describe(resourceDir + name, name);
      entries.add(e);
      groupCrc.update(ByteBuffer.allocate(16).putLong(e.crc).putLong(e.size).flip());
    }
    Path dir = root.resolve(group + "-" + HexFormat.of().toHexDigits((int) groupCrc.getValue()));
    try {
      Files.createDirectories(dir);
      List<Path> paths = new ArrayList<>();
      for (Entry e : entries) {
        paths.add(materialise(dir, e));
      }
      return paths;
    } catch (IOException ex) {
      throw new UncheckedIOException("Cannot extract natives to " + dir
          + "; set -Ddense4j.nativeDir=<writable, executable directory>", ex);
    }
  }

  private static Path materialise(Path dir, Entry e) throws IOException {
    Path target = dir.resolve(e.fileName);
    if (matches(target, e)) {
      return target;
    }
    Path tmp = dir.resolve(e.fileName + ".tmp-" + ProcessHandle.current().pid() + "-"
        + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    try {
      try (InputStream in = open(e.resource)) {
        Files.copy(in, tmp);
      }
      if (!matches(tmp, e)) {
        throw new IOException("Checksum mismatch after extracting " + e.resource + " to " + tmp);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException unsupported) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
    if (!matches(target, e)) {
      throw new IOException("Checksum mismatch for " + target + " (expected CRC-32 "
          + Long.toHexString(e.crc) + ", " + e.size + " bytes)");
    }
    return target;
  }

  static boolean matches(Path file, Entry e) throws IOException {
    if (!Files.isRegularFile(file) || Files.size(file) != e.size) {
      return false;
    }
    return crcOf(file) == e.crc;
  }

  private static long crcOf(Path file) throws IOException {
    CRC32 crc = new CRC32();
    ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      while (ch.read(buf.clear()) >= 0) {
        crc.update(buf.flip());
      }
    }
    return crc.getValue();
  }

  /** CRC-32 and size of a class path resource, from the jar's directory when it is in a jar. */
  static Entry describe(String resource, String fileName) {
    URL url = NativeResources.find(resource);
    if (url == null) {
      throw new UncheckedIOException(new IOException("Native resource not on the class path: " + resource));
    }
    try {
      if (url.openConnection() instanceof JarURLConnection jar) {
        JarEntry entry = jar.getJarEntry();
        if (entry != null && entry.getCrc() >= 0 && entry.getSize() >= 0) {
          return new Entry(resource, fileName, entry.getCrc(), entry.getSize());
        }
      }
      CRC32 crc = new CRC32();
      long size = 0;
      byte[] buf = new byte[1 << 16];
      try (InputStream in = url.openStream()) {
        for (int r; (r = in.read(buf)) > 0; size += r) {
          crc.update(buf, 0, r);
        }
      }
      return new Entry(resource, fileName, crc.getValue(), size);
    } catch (IOException ex) {
      throw new UncheckedIOException("Cannot read native resource " + resource, ex);
    }
  }

  private static InputStream open(String resource) throws IOException {
    return NativeResources.open(resource);
  }
}
