// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The bytes of a Keras model file ({@code .keras}, legacy {@code .h5}), with their SHA-256: what a
 * broadcast carries to the executors and what names the model in each executor's cache
 * ({@link ExecutorPredictors}). Immutable; the array is copied in and never handed out.
 */
final class ModelBytes implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Files larger than this are refused before they are read (a broadcast of 2 GiB cannot work). */
  static final long MAX_BYTES = 1L << 30;

  private final byte[] bytes;
  private final String sha256;
  private final String source;

  private ModelBytes(byte[] bytes, String source) {
    this.bytes = bytes;
    this.sha256 = sha256(bytes);
    this.source = source;
  }

  /** A copy of {@code bytes}; {@code source} says where they came from, for messages. */
  static ModelBytes of(byte[] bytes, String source) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length == 0) {
      throw new IllegalArgumentException("KerasDenseModel: expected the bytes of a .keras or .h5 file; received 0 bytes");
    }
    return new ModelBytes(bytes.clone(), source);
  }

  /** Reads a file through Hadoop's file systems: a local path, {@code file:}, {@code hdfs:}, {@code s3a:}, … */
  static ModelBytes read(String path, Configuration hadoop) {
    Path p = new Path(path);
    try {
      FileSystem fs = p.getFileSystem(hadoop);
      long length = fs.getFileStatus(p).getLen();
      if (length <= 0 || length > MAX_BYTES) {
        throw new IllegalArgumentException("KerasDenseModel: expected a model file of 1 byte to " + MAX_BYTES
            + " bytes; received " + length + " bytes at " + path);
      }
      byte[] b = new byte[(int) length];
      try (InputStream in = fs.open(p)) {
        int n = in.readNBytes(b, 0, b.length);
        if (n != b.length) {
          throw new IOException("read " + n + " of " + b.length + " bytes");
        }
      }
      return new ModelBytes(b, path);
    } catch (IOException e) {
      throw new UncheckedIOException("KerasDenseModel: cannot read the model file " + path + ": " + e.getMessage(), e);
    }
  }

  /** The SHA-256 of the bytes, lower-case hex. */
  String sha256() {
    return sha256;
  }

  String source() {
    return source;
  }

  int length() {
    return bytes.length;
  }

  /** The bytes themselves, for writing out; callers must not change them. */
  byte[] unsafeBytes() {
    return bytes;
  }

  private static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  @Override
  public String toString() {
    return "model " + source + " (" + bytes.length + " bytes, sha256 " + sha256.substring(0, 12) + "…)";
  }
}
