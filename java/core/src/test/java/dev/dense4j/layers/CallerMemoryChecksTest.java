// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dense4j.activations.Activations;
import dev.dense4j.backend.Backend;
import dev.dense4j.models.Predictor;
import dev.dense4j.models.Sequential;
import dev.dense4j.tensor.Tensor;
import dev.dense4j.testing.TestBackends;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A caller's memory is checked in Java before any kernel runs, the same way on every backend:
 * read-only outputs, input and output sharing memory, shapes whose size overflows, and glu on an
 * odd width are clear exceptions, never a crash or a silently wrong result.
 */
class CallerMemoryChecksTest {

  @TempDir Path dir;

  private static Dense dense(Backend backend, int units, int inputDim) {
    TestBackends.assumeAvailable(backend);
    return Dense.builder(units).name("d").activation("relu").backend(backend).build().build(-1, inputDim);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void sameArrayAsInputAndOutputIsRejected(Backend backend) {
    try (Dense d = dense(backend, 256, 256)) {
      float[] y = new float[64 * 256];
      var e = assertThrows(IllegalArgumentException.class, () -> d.call(y, new int[] {64, 256}, y));
      assertEquals("Dense 'd': expected input and output in separate arrays; received the same array (length 16384) "
          + "for both", e.getMessage());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void overlappingTensorsAreRejected(Backend backend) {
    try (Dense d = dense(backend, 8, 8); Tensor t = Tensor.zeros(4, 8)) {
      var e = assertThrows(IllegalArgumentException.class, () -> d.call(t, t));
      assertTrue(e.getMessage().startsWith("Dense 'd': expected input and output in separate memory; received "
          + "overlapping segments"), e.getMessage());
      try (Tensor wide = Tensor.zeros(5, 8)) {
        Tensor in = Tensor.wrap(wide.segment().asSlice(0, 4 * 8 * 4), 4, 8);
        Tensor out = Tensor.wrap(wide.segment().asSlice(8 * 4, 4 * 8 * 4), 4, 8);
        assertThrows(IllegalArgumentException.class, () -> d.call(in, out));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void readOnlyOutputsAreRejected(Backend backend) throws IOException {
    try (Dense d = dense(backend, 4, 4); Tensor x = Tensor.zeros(2, 4); Tensor y = Tensor.zeros(2, 4)) {
      Tensor view = Tensor.wrap(y.segment().asReadOnly(), 2, 4);
      var e = assertThrows(IllegalArgumentException.class, () -> d.call(x, view));
      assertTrue(e.getMessage().startsWith("Dense 'd': expected a writable output; received a read-only segment"),
          e.getMessage());
      Path file = dir.resolve("out.bin");
      Files.write(file, new byte[2 * 4 * 4]);
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ); Arena arena = Arena.ofConfined()) {
        MemorySegment mapped = ch.map(FileChannel.MapMode.READ_ONLY, 0, 32, arena);
        assertThrows(IllegalArgumentException.class, () -> d.call(x, Tensor.wrap(mapped, 2, 4)));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void overflowingShapesAreIllegalArguments(Backend backend) {
    try (Dense d = dense(backend, 4, 3)) {
      int max = Integer.MAX_VALUE;
      var e = assertThrows(IllegalArgumentException.class, () -> d.call(new float[6], max, max, max, 3));
      assertTrue(e.getMessage().contains("is too large"), e.getMessage());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void gluOnAnOddWidthIsTheSameErrorEverywhere(Backend backend) {
    TestBackends.assumeAvailable(backend);
    var e = assertThrows(IllegalArgumentException.class,
        () -> Dense.builder(3).activation("glu").backend(backend).build());
    assertEquals("Dense: activation glu cannot take units=3 (glu: the axis size must be divisible by 2; "
        + "received size=3)", e.getMessage());
    var e2 = assertThrows(IllegalArgumentException.class,
        () -> Activations.get("glu").apply(new float[] {1, 2, 3}, 0, 1, 3));
    assertEquals("glu: the axis size must be divisible by 2; received size=3", e2.getMessage());
    try (ActivationLayer layer = new ActivationLayer("a", Activations.get("glu"))) {
      var e3 = assertThrows(IllegalArgumentException.class,
          () -> layer.call(new float[3], new int[] {1, 3}, new float[1]));
      assertEquals(e2.getMessage(), e3.getMessage());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.dense4j.testing.TestBackends#all")
  void predictorChecksTheSameWay(Backend backend) {
    TestBackends.assumeAvailable(backend);
    try (Sequential m = new Sequential("m", backend)) {
      m.add(Dense.builder(4).name("d").backend(backend).build()).build(-1, 4);
      try (Predictor p = Predictor.of(m); Tensor x = Tensor.zeros(2, 4)) {
        float[] a = new float[8];
        assertThrows(IllegalArgumentException.class, () -> p.predict(a, 2, a));
        assertThrows(IllegalArgumentException.class, () -> p.predict(x, x));
        assertThrows(IllegalArgumentException.class,
            () -> p.predict(x, Tensor.wrap(x.segment().asReadOnly(), 2, 4)));
        float[] out = new float[8];
        p.predict(new float[8], 2, out);
        assertArrayEquals(new float[8], out);
      }
    }
  }
}
