// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.reference;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import dev.dense4j.backend.Precision;
import dev.dense4j.internal.ActivationKind;
import java.lang.foreign.MemorySegment;

/**
 * The precisions of the packed kernels in plain Java, written from their formulas (dense4j.h,
 * packed section): float64 sums of the exact products of the operands each precision uses, then
 * the bias and the activation of {@link ReferenceKernels#biasAct}. Its own "packed" layout is the
 * kernel row-major: floats (FLOAT32), bfloat16 bits (BFLOAT16), or the column scales followed by
 * the int8 values (INT8).
 */
final class ReferencePacked {

  private ReferencePacked() {}

  static long size(Precision p, int k, int n) {
    long kn = (long) k * n;
    return switch (p) {
      case FLOAT32 -> kn * Float.BYTES;
      case BFLOAT16 -> kn * Short.BYTES;
      case INT8 -> (long) n * Float.BYTES + kn;
    };
  }

  static void pack(Precision p, int k, int n, MemorySegment w, MemorySegment out) {
    switch (p) {
      case FLOAT32 -> MemorySegment.copy(w, 0, out, 0, (long) k * n * Float.BYTES);
      case BFLOAT16 -> {
        for (long i = 0; i < (long) k * n; i++) {
          out.setAtIndex(JAVA_SHORT, i, (short) bf16Bits(w.getAtIndex(JAVA_FLOAT, i)));
        }
      }
      case INT8 -> {
        long base = (long) n * Float.BYTES;
        for (int j = 0; j < n; j++) {
          float amax = 0f;
          for (int i = 0; i < k; i++) {
            amax = Math.max(amax, Math.abs(w.getAtIndex(JAVA_FLOAT, (long) i * n + j)));
          }
          float s = scale(amax);
          out.setAtIndex(JAVA_FLOAT, j, s);
          for (int i = 0; i < k; i++) {
            out.set(JAVA_BYTE, base + (long) i * n + j, quantise(w.getAtIndex(JAVA_FLOAT, (long) i * n + j), s));
          }
        }
      }
    }
  }

  // y = x · W (before bias and activation) in the precision's arithmetic
  static void matmul(Precision p, long m, int k, int n, MemorySegment x, MemorySegment packed, MemorySegment y) {
    long base = (long) n * Float.BYTES;
    byte[] q = new byte[k];
    for (long r = 0; r < m; r++) {
      float sx = p == Precision.INT8 ? quantiseRow(x, r * k, k, q) : 0f;
      for (int j = 0; j < n; j++) {
        double acc = 0;
        long iacc = 0;
        for (int i = 0; i < k; i++) {
          float xv = x.getAtIndex(JAVA_FLOAT, r * k + i);
          long wi = (long) i * n + j;
          switch (p) {
            case FLOAT32 -> acc += (double) xv * packed.getAtIndex(JAVA_FLOAT, wi);
            case BFLOAT16 -> acc += (double) bf16Value(bf16Bits(xv)) * bf16Value(packed.getAtIndex(JAVA_SHORT, wi));
            case INT8 -> iacc += (long) q[i] * packed.get(JAVA_BYTE, base + wi);
          }
        }
        float v = p == Precision.INT8 ? (float) iacc / (sx * packed.getAtIndex(JAVA_FLOAT, j)) : (float) acc;
        y.setAtIndex(JAVA_FLOAT, r * n + j, v);
      }
    }
  }

  static void dense(Precision p, ActivationKind kind, float p0, float p1, float p2, long m, int k, int n,
      MemorySegment x, MemorySegment packed, MemorySegment bias, MemorySegment y) {
    matmul(p, m, k, n, x, packed, y);
    ReferenceKernels.INSTANCE.biasAct(kind, p0, p1, p2, m, n, y, bias);
  }

  // Keras' abs_max scale of a row; NaN when the row holds NaN or ±inf (its outputs are NaN)
  private static float quantiseRow(MemorySegment x, long off, int k, byte[] q) {
    float amax = 0f;
    boolean finite = true;
    for (int i = 0; i < k; i++) {
      float v = x.getAtIndex(JAVA_FLOAT, off + i);
      finite &= Float.isFinite(v);
      amax = Math.max(amax, Math.abs(v));
    }
    if (!finite) {
      java.util.Arrays.fill(q, (byte) 0);
      return Float.NaN;
    }
    float s = scale(amax);
    for (int i = 0; i < k; i++) {
      q[i] = quantise(x.getAtIndex(JAVA_FLOAT, off + i), s);
    }
    return s;
  }

  static float scale(float amax) {
    return 127f / (amax + 1e-7f);
  }

  // clip(round_half_even(v · s), -127, 127)
  static byte quantise(float v, float s) {
    float r = (float) Math.rint(v * s);
    return (byte) Math.max(-127f, Math.min(127f, r));
  }

  // nearest bfloat16, ties to even, as the top 16 bits of a float
  static int bf16Bits(float v) {
    int u = Float.floatToRawIntBits(v);
    if (Float.isNaN(v)) {
      return (u >>> 16) | 0x40;
    }
    return (u + 0x7fff + ((u >>> 16) & 1)) >>> 16;
  }

  static float bf16Value(int bits) {
    return Float.intBitsToFloat((bits & 0xffff) << 16);
  }
}
