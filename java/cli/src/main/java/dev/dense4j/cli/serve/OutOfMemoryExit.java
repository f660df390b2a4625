// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli.serve;

import java.io.PrintStream;
import java.util.function.IntConsumer;

/**
 * The server's policy on {@link OutOfMemoryError}: the process exits with status {@value #STATUS}
 * so that a supervisor restarts it, instead of lingering with dead threads and an open port. A
 * handler rethrows the error; this uncaught-exception handler, installed for the whole process,
 * ends it, wherever the error was thrown (the HTTP dispatcher, a handler, a timer). Other uncaught
 * exceptions go to the handler that was there before.
 */
final class OutOfMemoryExit implements Thread.UncaughtExceptionHandler {

  /** The exit status after an {@code OutOfMemoryError}. */
  static final int STATUS = 3;

  private final Thread.UncaughtExceptionHandler previous; // null: print the stack trace
  private final PrintStream err;
  private final IntConsumer halt;

  OutOfMemoryExit(Thread.UncaughtExceptionHandler previous, PrintStream err, IntConsumer halt) {
    this.previous = previous;
    this.err = err;
    this.halt = halt;
  }

  /** Installs the policy for every thread of this process. */
  static void install() {
    Thread.setDefaultUncaughtExceptionHandler(new OutOfMemoryExit(Thread.getDefaultUncaughtExceptionHandler(),
        System.err, status -> Runtime.getRuntime().halt(status)));
  }

  @Override
  public void uncaughtException(Thread t, Throwable e) {
    if (causedByOutOfMemory(e)) {
      try {
        err.println("dense4j serve: " + e + " in thread " + t.getName() + "; exiting with status " + STATUS);
        err.flush();
      } finally {
        halt.accept(STATUS); // no shutdown hooks: they would need the memory that is gone
      }
      return;
    }
    if (previous != null) {
      previous.uncaughtException(t, e);
    } else {
      e.printStackTrace(err);
    }
  }

  static boolean causedByOutOfMemory(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof OutOfMemoryError) {
        return true;
      }
    }
    return false;
  }
}
