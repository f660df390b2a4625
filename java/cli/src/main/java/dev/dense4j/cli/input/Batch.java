// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.cli.input;

/**
 * Parsed input: {@code rows} samples, row-major in {@code values} (which may be longer).
 *
 * @param values the samples, {@code rows × width} values from index 0
 * @param rows how many samples there are
 */
public record Batch(float[] values, int rows) {}
