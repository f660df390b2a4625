// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.ffm.bindings;

import static dev.dense4j.internal.ffm.bindings.Links.critical;

import dev.dense4j.internal.ffm.bindings.generated.testing.dense4j_testing_h;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The hooks of native/include/dense4j_testing.h ({@link dense4j_testing_h}) for tests and
 * benchmarks: exported by libdense4j, but outside its public ABI. Only the forced-ISA kernels of
 * {@code NativeKernels(int)} call them.
 */
public final class Dense4jTestingH {

  private Dense4jTestingH() {}

  private static final class BiasActIsa {
    static final MethodHandle CRITICAL = critical(dense4j_testing_h::d4j_f32_bias_act_isa$address,
        dense4j_testing_h::d4j_f32_bias_act_isa$descriptor, true);
  }

  /** {@link dense4j_testing_h#d4j_f32_bias_act_isa}, critical like {@code d4j_f32_bias_act}. */
  public static int d4j_f32_bias_act_isa(int act, float p0, float p1, float p2, long m, long n,
      MemorySegment y, long ldy, MemorySegment bias, int isa) {
    try {
      return (int) BiasActIsa.CRITICAL.invokeExact(act, p0, p1, p2, m, n, y, ldy, bias, isa);
    } catch (Error | RuntimeException ex) {
      throw ex;
    } catch (Throwable ex) {
      throw new AssertionError("should not reach here", ex);
    }
  }

  private static final class PackedDenseIsa {
    static final MethodHandle CRITICAL = critical(dense4j_testing_h::d4j_packed_dense_isa$address,
        dense4j_testing_h::d4j_packed_dense_isa$descriptor, true);
  }

  /** {@link dense4j_testing_h#d4j_packed_dense_isa}, critical (tests and benchmarks only). */
  public static int d4j_packed_dense_isa(int precision, int act, float p0, float p1, float p2, long m, long k,
      long n, MemorySegment x, long ldx, MemorySegment packed, MemorySegment bias, MemorySegment y, long ldy,
      MemorySegment scratch, long scratchBytes, int isa) {
    try {
      return (int) PackedDenseIsa.CRITICAL.invokeExact(precision, act, p0, p1, p2, m, k, n, x, ldx, packed, bias,
          y, ldy, scratch, scratchBytes, isa);
    } catch (Error | RuntimeException ex) {
      throw ex;
    } catch (Throwable ex) {
      throw new AssertionError("should not reach here", ex);
    }
  }
}
