// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.ffm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads what a shared library is from its header: the container (ELF, PE, Mach-O), that it is a
 * shared library, and its CPU; e.g. {@code "ELF shared aarch64"}. Enough to tell which platform
 * a file in {@code natives/<platform>/} was built for, without running it.
 */
final class NativeBinaryFormat {

  private NativeBinaryFormat() {}

  /** What the platform's libdense4j must look like. */
  static String expectedFor(String platformId) {
    return switch (platformId) {
      case "linux-x86_64" -> "ELF shared x86_64";
      case "linux-aarch64" -> "ELF shared aarch64";
      case "windows-x86_64" -> "PE dll x86_64";
      case "macos-x86_64" -> "Mach-O dylib x86_64";
      case "macos-aarch64" -> "Mach-O dylib aarch64";
      default -> throw new IllegalArgumentException("no expectation for platform " + platformId);
    };
  }

  static String describe(byte[] file) {
    ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    if (file.length >= 20 && b.getInt(0) == 0x464C457F) { // \x7fELF
      String type = b.getShort(16) == 3 ? "shared" : "type" + b.getShort(16); // ET_DYN
      String cpu = switch (b.getShort(18)) {
        case 62 -> "x86_64";
        case 183 -> "aarch64";
        default -> "machine" + b.getShort(18);
      };
      return "ELF " + type + " " + cpu;
    }
    if (file.length >= 64 && b.getShort(0) == 0x5A4D) { // MZ
      int pe = b.getInt(0x3C);
      if (pe > 0 && pe + 24 <= file.length && b.getInt(pe) == 0x00004550) { // PE\0\0
        int machine = Short.toUnsignedInt(b.getShort(pe + 4));
        boolean dll = (b.getShort(pe + 22) & 0x2000) != 0; // IMAGE_FILE_DLL
        String cpu = machine == 0x8664 ? "x86_64" : machine == 0xAA64 ? "aarch64" : "machine" + machine;
        return "PE " + (dll ? "dll" : "exe") + " " + cpu;
      }
    }
    if (file.length >= 16 && b.getInt(0) == 0xFEEDFACF) { // 64-bit Mach-O, little-endian
      String type = b.getInt(12) == 6 ? "dylib" : "filetype" + b.getInt(12); // MH_DYLIB
      String cpu = switch (b.getInt(4)) {
        case 0x01000007 -> "x86_64";
        case 0x0100000C -> "aarch64";
        default -> "cputype" + b.getInt(4);
      };
      return "Mach-O " + type + " " + cpu;
    }
    return "unknown";
  }
}
