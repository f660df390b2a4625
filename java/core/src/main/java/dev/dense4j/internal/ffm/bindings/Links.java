// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.internal.ffm.bindings;

import dev.dense4j.internal.ffm.NativeLibraries;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.function.Supplier;

/**
 * Downcall handles over the generated bindings. The generated classes look symbols up in the
 * libraries loaded through {@link System#load} by their class loader, so every handle is taken
 * only after {@link NativeLibraries} has loaded the CBLAS provider and libdense4j. jextract links
 * ordinary downcalls only; critical ones are linked here from the generated address and
 * descriptor.
 *
 * <p>NOTE: a critical downcall holds off safepoints (and so garbage collection) for its whole
 * duration: short calls only. With heap access it may also be given heap segments.
 */
final class Links {

  private Links() {}

  /** jextract's ordinary downcall handle, once the natives are loaded. */
  static MethodHandle plain(Supplier<MethodHandle> handle) {
    NativeLibraries.loaded();
    return handle.get();
  }

  /** The function linked again as a critical downcall, once the natives are loaded. */
  static MethodHandle critical(Supplier<MemorySegment> address,
      Supplier<FunctionDescriptor> descriptor, boolean allowHeapAccess) {
    NativeLibraries.loaded();
    return Linker.nativeLinker().downcallHandle(address.get(), descriptor.get(),
        Linker.Option.critical(allowHeapAccess));
  }

  /** Whether the CBLAS provider exports {@code symbol} (the OpenBLAS extensions are optional). */
  static boolean blasHas(String symbol) {
    return NativeLibraries.blas().find(symbol).isPresent();
  }
}
