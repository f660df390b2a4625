// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.keras;

/**
 * What a model file turned out to be.
 *
 * @param format a short description: {@code ".keras (Keras 3 layout)"}, {@code "legacy HDF5"}, …
 * @param kerasVersion the writer's Keras version, or null when the file does not say
 * @param backend the writer's backend ({@code tensorflow}, {@code theano}, …), or null
 */
public record ModelSource(String format, String kerasVersion, String backend) {}
