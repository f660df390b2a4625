// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.layers;

import dev.dense4j.backend.Backend;
import dev.dense4j.internal.training.DropoutTraining;
import dev.dense4j.tensor.Tensor;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Keras' {@code Dropout(rate, noise_shape=None, seed=None)} layer.
 *
 * <p>In training ({@code fit}, {@code trainOnBatch}) each input is set to 0 with probability
 * {@code rate} and the others are scaled by {@code 1 / (1 − rate)} (inverted dropout, so the
 * expected sum is unchanged); the backward pass lets the gradient through the kept inputs with the
 * same scale. At inference ({@link #call}, {@code predict}, {@code evaluate}, validation) the layer
 * is the identity. A {@code noise_shape} shares one mask entry along every axis where it is 1
 * (for {@code (batch, timesteps, features)} inputs, {@code noise_shape = (batch, 1, features)}
 * drops the same features at every timestep); -1 stands for Keras' {@code None}: the input's size.
 *
 * <p>Masks come from the layer's seed state {@code [seed, counter]} (Keras' {@code SeedGenerator}),
 * which advances by one per training step: the same seed gives the same masks, run after run, on
 * every backend. Without a seed one is drawn at random when the layer is made (Keras draws one
 * too); {@link #seed()} then reports null, as Keras' config does.
 *
 * {@snippet :
 * model.add(Dense.builder(256).activation("relu").build())
 *      .add(new Dropout("drop", 0.2f, null, 42L))
 *      .add(Dense.builder(10).activation("softmax").build());
 * }
 */
public final class Dropout extends CopyLayer {

  private final float rate;
  private final int[] noiseShape; // null: the input's shape
  private final Long seed; // as given (null: drawn)
  private final long seedValue;
  private long counter;

  /** Auto-named ({@code dropout}, {@code dropout_1}, …), no noise shape, a random seed. */
  public Dropout(float rate) {
    this(null, rate);
  }

  /** @param name the layer name, or null for an automatic one */
  public Dropout(String name, float rate) {
    this(name, rate, null, null);
  }

  /**
   * @param name the layer name, or null for an automatic one
   * @param rate the fraction of inputs dropped in training, in {@code [0, 1]}
   * @param noiseShape the mask's shape, batch first, each entry -1 (the input's size) or > 0; null
   *     for the input's shape
   * @param seed the seed of the masks; null for a random one
   */
  public Dropout(String name, float rate, int[] noiseShape, Long seed) {
    super(name, check(rate, noiseShape));
    this.rate = rate;
    this.noiseShape = noiseShape == null ? null : noiseShape.clone();
    this.seed = seed;
    this.seedValue = seed != null ? seed : ThreadLocalRandom.current().nextLong(1, 1_000_000_001L);
  }

  // checked before the automatic name is taken
  private static String check(float rate, int[] noiseShape) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException("Dropout: rate must be a float between 0 and 1; received rate=" + rate);
    }
    if (noiseShape != null) {
      for (int i = 0; i < noiseShape.length; i++) {
        if (noiseShape[i] == 0 || noiseShape[i] < -1) {
          throw new IllegalArgumentException("Dropout: noise_shape entries must be > 0 or -1 (None); received "
              + "noise_shape=" + Arrays.toString(noiseShape) + " (index " + i + ")");
        }
      }
    }
    return "dropout";
  }

  public float rate() {
    return rate;
  }

  /** The mask's shape with -1 for "the input's size", or null (the input's shape). */
  public int[] noiseShape() {
    return noiseShape == null ? null : noiseShape.clone();
  }

  /** The seed given to the constructor; null when it was drawn at random. */
  public Long seed() {
    return seed;
  }

  /**
   * The seed state {@code [seed, counter]}: the seed in use (given or drawn) and the number of
   * training steps that have drawn a mask, as Keras' {@code seed_generator_state}.
   */
  public synchronized long[] seedState() {
    return new long[] {seedValue, counter};
  }

  /** Moves the counter of {@link #seedState()}, e.g. to resume a run; the seed stays. */
  public synchronized void setSeedCounter(long counter) {
    if (counter < 0) {
      throw new IllegalArgumentException(owner() + ": the seed counter must be >= 0; received counter=" + counter);
    }
    this.counter = counter;
  }

  /**
   * The stream seed of the next training step's mask, advancing the state (used by the training
   * session; each call is one step).
   */
  public synchronized long nextMaskSeed() {
    return DropoutTraining.maskSeed(seedValue, counter++);
  }

  @Override
  String kerasClassName() {
    return "Dropout";
  }

  @Override
  public int[] computeOutputShape(int... inputShape) {
    Objects.requireNonNull(inputShape, "inputShape");
    return inputShape.clone();
  }

  /** Inference: a copy of the input. */
  @Override
  public Tensor call(Tensor input) {
    return Tensor.copyOf(input);
  }

  @Override
  public LayerTraining startTraining(Backend backend, int... maxInputShape) {
    return new DropoutTraining(this, owner(), maxInputShape);
  }

  @Override
  public String toString() {
    return owner() + "(rate=" + rate + (noiseShape == null ? "" : ", noise_shape=" + Arrays.toString(noiseShape))
        + (seed == null ? "" : ", seed=" + seed) + ")";
  }
}
