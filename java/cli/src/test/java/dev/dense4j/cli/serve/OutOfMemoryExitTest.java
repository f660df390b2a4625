// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exit policy, with the halt and the previous handler recorded instead of run. */
class OutOfMemoryExitTest {

  private final List<Integer> halts = new ArrayList<>();
  private final List<Throwable> passedOn = new ArrayList<>();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final OutOfMemoryExit policy = new OutOfMemoryExit((t, e) -> passedOn.add(e),
      new PrintStream(err, true, StandardCharsets.UTF_8), halts::add);

  @Test
  void anOutOfMemoryErrorAnywhereEndsTheProcessWithStatus3() {
    Thread dispatcher = new Thread(() -> {}, "HTTP-Dispatcher");
    policy.uncaughtException(dispatcher, new OutOfMemoryError("Java heap space"));
    policy.uncaughtException(dispatcher, new RuntimeException("wrapped", new OutOfMemoryError("Direct buffer memory")));
    assertEquals(List.of(3, 3), halts);
    assertTrue(passedOn.isEmpty());
    assertTrue(err.toString(StandardCharsets.UTF_8).startsWith(
        "dense4j serve: java.lang.OutOfMemoryError: Java heap space in thread HTTP-Dispatcher; exiting with status 3"));
  }

  @Test
  void otherErrorsGoToThePreviousHandler() {
    IllegalStateException e = new IllegalStateException("bug");
    policy.uncaughtException(new Thread(() -> {}), e);
    policy.uncaughtException(new Thread(() -> {}), new StackOverflowError());
    assertTrue(halts.isEmpty());
    assertEquals(2, passedOn.size());
    assertEquals(e, passedOn.get(0));
  }
}
