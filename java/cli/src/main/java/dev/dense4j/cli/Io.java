// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli;

import java.io.InputStream;
import java.io.PrintStream;

/**
 * Where a command reads and writes: the process' streams, or a test's.
 *
 * @param in standard input
 * @param out results
 * @param err diagnostics
 */
public record Io(InputStream in, PrintStream out, PrintStream err) {}
