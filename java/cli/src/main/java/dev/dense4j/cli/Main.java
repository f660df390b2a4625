// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli;

import java.io.PrintStream;
import java.util.Arrays;

/** The {@code dense4j} command. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs one command; returns the process exit code. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    String command = args.length == 0 ? "help" : args[0];
    String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
    try {
      return switch (command) {
        case "demo" -> Demo.run(rest, out);
        case "train" -> Train.run(rest, out);
        case "help", "--help", "-h" -> {
          usage(out);
          yield 0;
        }
        default -> {
          err.println("dense4j: unknown command '" + command + "'");
          usage(err);
          yield 2;
        }
      };
    } catch (IllegalArgumentException e) {
      err.println("dense4j " + command + ": " + e.getMessage());
      return 2;
    }
  }

  private static void usage(PrintStream out) {
    out.println("""
        usage: dense4j <command> [options]

        commands:
          demo    build a small seeded MLP, run it, and print the natives in use and latencies
          train   train a 64-64-10 MLP on the bundled UCI optical digits, report held-out
                  accuracy and save the weights
                  [--epochs 40] [--batch-size 32] [--seed 42] [--learning-rate 0.003]
                  [--out digits-mlp.d4jw] [--quiet]
          help    this text""");
  }
}
