// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli;

import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How failures reach the user: one line on stderr, {@code dense4j <command>: <message>}, and the
 * exit code of {@link Main}'s convention. A bug (any other exception) keeps its stack trace.
 */
final class Failures {

  static final int FAILED = 1;
  static final int USAGE = 2;

  private Failures() {}

  /** A usage error found while parsing the command line. */
  static int usage(ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    String name = cl.getCommandSpec().qualifiedName();
    String help = cl.getCommandSpec().parent() == null && !"dense4j".equals(name) ? "dense4j --help"
        : name + " --help";
    if (cl.getCommandSpec().userObject() instanceof Main.Dense4j top && args.length == 0) {
      cl.usage(cl.getErr());
    }
    String message = e.getMessage().strip().replaceAll("\\s*\\R\\s*", "; ");
    if (e instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
      message += "; did you mean " + String.join(" or ", u.getSuggestions()) + "?";
    }
    cl.getErr().println(name + ": " + message + " (see '" + help + "')");
    return USAGE;
  }

  /** An exception thrown by a command. */
  static int execution(Exception e, CommandLine cl, ParseResult parsed) throws Exception {
    String name = cl.getCommandSpec().qualifiedName();
    if (e instanceof ParameterException p) {
      return usage(p, parsed.originalArgs().toArray(new String[0]));
    }
    if (e instanceof IllegalArgumentException) {
      cl.getErr().println(name + ": " + Hints.of(e.getMessage()));
      return USAGE;
    }
    if (e instanceof UncheckedIOException || e instanceof IllegalStateException) {
      cl.getErr().println(name + ": " + Hints.of(e.getMessage()));
      return FAILED;
    }
    throw e;
  }
}
