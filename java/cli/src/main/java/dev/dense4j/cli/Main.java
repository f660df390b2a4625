// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli;

import dev.dense4j.backend.Versions;
import dev.dense4j.cli.serve.LoadTestCommand;
import dev.dense4j.cli.serve.ServeCommand;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;

/**
 * The {@code dense4j} command. Conventions: {@code --help} on every command; results on stdout,
 * diagnostics on stderr as one line {@code dense4j <command>: <what is wrong and what to do>};
 * exit 0 on success, 1 when the work failed (a file, the network, the natives), 2 for a usage
 * error (unknown or malformed options, bad arguments or input), including a bare {@code dense4j},
 * which prints the help to stderr: nothing was asked for, so nothing was done.
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, new Io(System.in, System.out, System.err)));
  }

  /** Runs one command line; returns the process exit code. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, new Io(System.in, out, err));
  }

  /** Runs one command line; returns the process exit code. */
  public static int run(String[] args, Io io) {
    return commandLine(io).execute(args);
  }

  /** The command tree, writing to {@code io}. */
  static CommandLine commandLine(Io io) {
    CommandLine cl = new CommandLine(new Dense4j(io));
    cl.addSubcommand(new Demo(io));
    cl.addSubcommand(new InspectCommand(io));
    cl.addSubcommand(new PredictCommand(io));
    cl.addSubcommand(new ConvertCommand(io));
    cl.addSubcommand(new Train(io));
    cl.addSubcommand(new ServeCommand(io));
    cl.addSubcommand(new LoadTestCommand(io));
    CommandLine completion = new CommandLine(new AutoComplete.GenerateCompletion());
    completion.getCommandSpec().usageMessage().hidden(false);
    cl.addSubcommand("completion", completion);
    cl.addSubcommand(new HelpCommand());
    cl.setOut(new PrintWriter(io.out(), true, StandardCharsets.UTF_8));
    cl.setErr(new PrintWriter(io.err(), true, StandardCharsets.UTF_8));
    cl.setParameterExceptionHandler(Failures::usage);
    cl.setExecutionExceptionHandler(Failures::execution);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    return cl;
  }

  /** The top-level command: shared options, {@code --version}, and the list of commands. */
  @Command(name = "dense4j", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
      synopsisSubcommandLabel = "COMMAND",
      description = "Keras Dense models on the JVM: run, serve, inspect, convert and train them.",
      footer = {"", "Run 'dense4j COMMAND --help' for a command's options; 'dense4j completion' prints a bash/zsh"
          + " completion script.", "Exit status: 0 done, 1 failed, 2 usage error (a bare 'dense4j' included)."})
  static final class Dense4j implements Runnable {

    @Mixin
    Settings settings = new Settings();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final Io io;

    Dense4j(Io io) {
      this.io = io;
    }

    @Override
    public void run() {
      throw new CommandLine.ParameterException(spec.commandLine(), "no command given; 'dense4j demo' is a quick"
          + " first try");
    }

    Io io() {
      return io;
    }
  }

  /** {@code --version}: the library, the native ABI, the BLAS in use, and the JVM. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
        "dense4j " + Versions.library(),
        "libdense4j ABI " + Versions.abi(),
        "native: " + Versions.blas(),
        "java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ") on "
            + System.getProperty("os.name") + "-" + System.getProperty("os.arch")
      };
    }
  }
}
