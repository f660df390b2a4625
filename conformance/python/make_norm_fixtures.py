# SPDX-License-Identifier: Apache-2.0
"""Writes the normalization-layer fixtures that java/keras's NormalizationKerasFilesTest reads.

Run with real Keras 3 on JAX (the conformance venv):
  KERAS_BACKEND=jax python conformance/python/make_norm_fixtures.py java/keras/src/test/resources/dev/dense4j/keras/norm

Two models, trained a few epochs on seeded synthetic data so that the moving statistics and the
adapted Normalization are far from their initial values, each saved as .keras and as legacy .h5,
with Keras' own predictions on fixed inputs in <name>.json (and meta.json: Keras version, seed).
"""
import json
import os
import sys

import keras
import numpy as np

SEED = 20261208


def data(rng, n, d):
    x = rng.normal(loc=3.0, scale=[0.5 + i for i in range(d)], size=(n, d)).astype("float32")
    y = (x[:, 0] - 3.0 + 0.3 * x[:, 1] > 0.5).astype("float32")[:, None]
    return x, y


def bn_mlp(x):
    norm = keras.layers.Normalization(name="normalization")
    norm.adapt(x)
    return keras.Sequential([
        keras.Input(shape=(x.shape[1],)),
        norm,
        keras.layers.Dense(16, activation="relu", name="dense"),
        keras.layers.BatchNormalization(name="batch_normalization"),
        keras.layers.Dropout(0.2, name="dropout"),
        keras.layers.Dense(8, activation="relu", name="dense_1"),
        keras.layers.BatchNormalization(momentum=0.9, epsilon=1e-2, center=False, name="batch_normalization_1"),
        keras.layers.Dense(1, activation="sigmoid", name="dense_2"),
    ], name="bn_mlp")


def ln_mlp(x):
    return keras.Sequential([
        keras.Input(shape=(x.shape[1],)),
        keras.layers.Rescaling(0.5, offset=-1.0, name="rescaling"),
        keras.layers.Dense(12, name="dense"),
        keras.layers.LayerNormalization(name="layer_normalization"),
        keras.layers.Dense(6, activation="tanh", name="dense_1"),
        keras.layers.LayerNormalization(rms_scaling=True, epsilon=1e-4, name="layer_normalization_1"),
        keras.layers.BatchNormalization(scale=False, name="batch_normalization"),
        keras.layers.Dense(1, activation="sigmoid", name="dense_2"),
    ], name="ln_mlp")


def main(out):
    os.makedirs(out, exist_ok=True)
    keras.utils.set_random_seed(SEED)
    rng = np.random.default_rng(SEED)
    x, y = data(rng, 512, 6)
    probe = data(rng, 16, 6)[0]
    for make in (bn_mlp, ln_mlp):
        model = make(x)
        model.compile(optimizer="adam", loss="binary_crossentropy")
        model.fit(x, y, epochs=4, batch_size=32, verbose=0)
        name = model.name
        model.save(os.path.join(out, name + ".keras"))
        model.save(os.path.join(out, name + ".h5"))
        pred = model.predict(probe, verbose=0)
        with open(os.path.join(out, name + ".json"), "w") as f:
            json.dump({"inputs": probe.tolist(), "shape": list(probe.shape), "predictions": pred.tolist()}, f)
    with open(os.path.join(out, "meta.json"), "w") as f:
        json.dump({"source": "conformance/python/make_norm_fixtures.py", "tool": "keras",
                   "keras_version": keras.__version__, "backend": keras.backend.backend(),
                   "numpy_version": np.__version__, "seed": SEED,
                   "command": "KERAS_BACKEND=jax python conformance/python/make_norm_fixtures.py "
                              "java/keras/src/test/resources/dev/dense4j/keras/norm"}, f, indent=1)


if __name__ == "__main__":
    main(sys.argv[1])
