// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A {@code dense4j} subcommand: applies the shared {@link Settings}, then runs. */
public abstract class CliCommand implements Callable<Integer> {

  @Mixin
  protected Settings settings = new Settings();

  @Spec
  CommandSpec spec;

  /** The streams the command uses. */
  protected final Io io;

  protected CliCommand(Io io) {
    this.io = io;
  }

  @Override
  public final Integer call() {
    Settings effective = settings.over(parentSettings());
    effective.apply(io);
    return run(effective);
  }

  /** Runs the command with the settings already applied; returns the exit code. */
  protected abstract int run(Settings effective);

  private Settings parentSettings() {
    CommandSpec parent = spec == null ? null : spec.parent();
    return parent != null && parent.userObject() instanceof Main.Dense4j top ? top.settings : null;
  }
}
