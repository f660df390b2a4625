// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Option types the commands share; picocli names the option in front of each message. */
final class Converters {

  private Converters() {}

  /** A whole number &gt;= 1. */
  static final class Positive implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      int n;
      try {
        n = Integer.parseInt(value.strip());
      } catch (NumberFormatException e) {
        throw new TypeConversionException("expected a whole number >= 1; received '" + value + "'");
      }
      if (n < 1) {
        throw new TypeConversionException("expected a whole number >= 1; received " + n);
      }
      return n;
    }
  }

  /** An existing regular file. */
  static final class ExistingFile implements ITypeConverter<Path> {
    @Override
    public Path convert(String value) {
      Path p = Path.of(value);
      if (!Files.exists(p)) {
        throw new TypeConversionException("no such file: " + value);
      }
      if (!Files.isRegularFile(p)) {
        throw new TypeConversionException("not a regular file: " + value);
      }
      return p;
    }
  }
}
