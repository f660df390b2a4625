// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli;

import dev.dense4j.cli.serve.LoadTestCommand;
import dev.dense4j.cli.serve.ServeCommand;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/** The {@code dense4j} command. */
public final class Main {

  /** Held so the level set in {@link #main} stays (JUL keeps loggers weakly). */
  private static final java.util.logging.Logger LIBRARY_LOG = java.util.logging.Logger.getLogger("dev.dense4j");

  private Main() {}

  public static void main(String[] args) {
    // the commands print what they load themselves; the library's start-up INFO line would only
    // clutter a terminal (set DENSE4J_LOG=INFO to see it)
    String level = System.getenv().getOrDefault("DENSE4J_LOG", "WARNING");
    LIBRARY_LOG.setLevel(java.util.logging.Level.parse(level));
    System.exit(run(args, System.out, System.err));
  }

  /** Runs one command; returns the process exit code. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    String command = args.length == 0 ? "help" : args[0];
    String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
    try {
      return switch (command) {
        case "demo" -> Demo.run(rest, out);
        case "inspect" -> InspectCommand.run(rest, out);
        case "predict" -> PredictCommand.run(rest, System.in, out);
        case "convert" -> ConvertCommand.run(rest, out);
        case "train" -> Train.run(rest, out);
        case "serve" -> ServeCommand.run(rest, out);
        case "loadtest" -> LoadTestCommand.run(rest, out);
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
    } catch (UncheckedIOException | IllegalStateException e) {
      err.println("dense4j " + command + ": " + e.getMessage());
      return 1;
    }
  }

  private static void usage(PrintStream out) {
    out.println("""
        usage: dense4j <command> [options]

        commands:
          demo     build a small seeded MLP, run it, and print the natives in use and latencies
          inspect  MODEL [--weights W.h5]: format, Keras version, layers, shapes, activations, parameters
          predict  MODEL [--input FILE|-] [--weights W.h5]: JSON array of rows (or CSV) in, JSON array of rows out
          convert  MODEL OUT.keras [--weights W.h5]: write any readable model as a Keras 3 .keras file
          train    [--epochs 40] [--batch-size 32] [--seed 42] [--learning-rate 0.003] [--out digits-mlp.keras]
                   [--quiet]: train a 64-64-10 MLP on the bundled UCI optical digits, report the
                   held-out accuracy and save the model (.keras, or .d4jw for weights only)
          serve    MODEL [--port N] [--enable-reload] …: HTTP predictions on 127.0.0.1 (POST /v1/predict,
                   GET /healthz, GET /metrics); Ctrl-C or SIGTERM drains and stops
          loadtest http://127.0.0.1:PORT [--clients 1,2,8,64] [--requests N] | [--soak N]: load a running server
          help     this text""");
  }
}
