// SPDX-License-Identifier: Apache-2.0
package dev.dense4j.optimizers;

/**
 * Keras' {@code AdamW} (spec §6.4): {@link Adam} with decoupled weight decay, default
 * {@code weight_decay=0.004}: {@code w ← w − w·weight_decay·lr} before each Adam step.
 */
public final class AdamW extends Adam {

  /** Keras' defaults (learning rate 0.001, weight decay 0.004). */
  public AdamW() {
    this(builder());
  }

  private AdamW(Adam.Builder b) {
    super(b, "adamw");
  }

  /** An {@link Adam.Builder} whose weight decay starts at 0.004 and whose build() gives an AdamW. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String className() {
    return "AdamW";
  }

  /** {@code AdamW} arguments: those of Adam, with {@code weight_decay} defaulting to 0.004. */
  public static final class Builder extends Adam.Builder {
    private Builder() {
      super("AdamW");
      weightDecay(0.004);
    }

    @Override
    public AdamW build() {
      return new AdamW(this);
    }
  }
}
