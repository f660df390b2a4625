# SPDX-License-Identifier: Apache-2.0
"""Keras -> dense4j: Keras builds and trains small models over a grid of optimizers, losses,
regularizers and constraints (fixed seeds, a few epochs), saves each as .keras and legacy .h5, and
writes DIR/manifest.json with the inputs and Keras' predictions for dense4j to match.

    python make_keras_files.py DIR
"""
import json
import os
import sys

import keras
import numpy as np
from keras import constraints as C
from keras import losses as L
from keras import optimizers as O
from keras import regularizers as R

OPTIMIZERS = [
    ("SGD", lambda: O.SGD(learning_rate=0.05)),
    ("SGD(momentum=0.9, nesterov)", lambda: O.SGD(learning_rate=0.05, momentum=0.9, nesterov=True)),
    ("Adam", lambda: O.Adam(learning_rate=0.01)),
    ("Adam(amsgrad, clipnorm=1)", lambda: O.Adam(learning_rate=0.01, amsgrad=True, clipnorm=1.0)),
    ("AdamW(weight_decay=0.05)", lambda: O.AdamW(learning_rate=0.01, weight_decay=0.05)),
    ("RMSprop", lambda: O.RMSprop(learning_rate=0.005)),
    ("RMSprop(momentum=0.5, centered)", lambda: O.RMSprop(learning_rate=0.005, momentum=0.5, centered=True)),
]

# (name, loss, last activation, targets)
LOSSES = [
    ("mean_squared_error", "mean_squared_error", "linear", "regression"),
    ("mean_absolute_error", "mean_absolute_error", "linear", "regression"),
    ("binary_crossentropy", "binary_crossentropy", "sigmoid", "binary"),
    ("categorical_crossentropy", "categorical_crossentropy", "softmax", "onehot"),
    ("sparse_categorical_crossentropy", "sparse_categorical_crossentropy", "softmax", "sparse"),
    ("categorical_crossentropy(from_logits, label_smoothing=0.1)",
     L.CategoricalCrossentropy(from_logits=True, label_smoothing=0.1), "linear", "onehot"),
]

# keyword arguments of the hidden Dense layer
EXTRAS = [
    ("L2 kernel, MaxNorm kernel", lambda: dict(kernel_regularizer=R.L2(1e-3), kernel_constraint=C.MaxNorm(1.5))),
    ("L1 bias, NonNeg bias", lambda: dict(bias_regularizer=R.L1(1e-3), bias_constraint=C.NonNeg())),
    ("L1L2 activity, UnitNorm kernel", lambda: dict(activity_regularizer=R.L1L2(1e-4, 1e-4),
                                                    kernel_constraint=C.UnitNorm(axis=0))),
    ("OrthogonalRegularizer kernel, MinMaxNorm kernel",
     lambda: dict(kernel_regularizer=R.OrthogonalRegularizer(0.01), kernel_constraint=C.MinMaxNorm(0.5, 1.5))),
]

N, IN, HIDDEN, CLASSES = 64, 6, 8, 3


def targets(kind, x):
    label = (x[:, 0] > 0).astype(np.int64) + (x[:, 1] > 0.5).astype(np.int64)
    if kind == "regression":
        return np.stack([x[:, 0] * x[:, 1], np.sin(x[:, 2]), x[:, 3] - x[:, 4]], axis=1).astype(np.float32)
    if kind == "binary":
        return np.stack([label > 0, x[:, 2] > 0, x[:, 3] > x[:, 4]], axis=1).astype(np.float32)
    if kind == "onehot":
        return np.eye(CLASSES, dtype=np.float32)[label]
    return label.astype(np.float32)


def build(case, extra, activation, functional):
    keras.utils.set_random_seed(1000 + case)
    hidden = keras.layers.Dense(HIDDEN, activation="relu", name="hidden", **extra)
    out = keras.layers.Dense(CLASSES, activation=activation, name="out")
    if functional:
        inputs = keras.Input((IN,), name="features")
        return keras.Model(inputs, out(hidden(inputs)), name=f"functional_{case}")
    return keras.Sequential([keras.Input((IN,)), hidden, out], name=f"sequential_{case}")


def main(directory):
    os.makedirs(directory, exist_ok=True)
    rng = np.random.default_rng(7)
    cases = []
    for i in range(12):
        opt_name, opt = OPTIMIZERS[i % len(OPTIMIZERS)]
        loss_name, loss, activation, kind = LOSSES[i % len(LOSSES)]
        extra_name, extra = EXTRAS[i % len(EXTRAS)]
        functional = i == 11
        model = build(i, extra(), activation, functional)
        x = rng.uniform(-1, 1, (N, IN)).astype(np.float32)
        model.compile(optimizer=opt(), loss=loss)
        model.fit(x, targets(kind, x), epochs=3, batch_size=16, shuffle=True, verbose=0)
        probe = rng.uniform(-2, 2, (7, IN)).astype(np.float32)
        expected = np.asarray(model(probe, training=False))
        item = f"{'functional' if functional else 'Sequential'}: {opt_name}, {loss_name}, {extra_name}"
        for ext in ("keras", "h5"):
            name = f"{i:02d}-model.{ext}"
            model.save(os.path.join(directory, name))
            cases.append({
                "id": f"keras-file/{ext}/{item}", "feature": f"keras-file/{ext}", "item": item, "file": name,
                "input": {"shape": list(probe.shape), "data": probe.reshape(-1).tolist()},
                "output": {"shape": list(expected.shape), "data": expected.reshape(-1).tolist()},
            })
    with open(os.path.join(directory, "manifest.json"), "w") as f:
        json.dump({"keras_version": keras.__version__, "backend": keras.backend.backend(), "cases": cases}, f)


if __name__ == "__main__":
    main(sys.argv[1])
