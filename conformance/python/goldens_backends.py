# SPDX-License-Identifier: Apache-2.0
"""Cases where Keras' backends differ: a saturated softmax (sigmoid) Dense layer trained one SGD
step with categorical (binary) cross-entropy. The TensorFlow backend computes loss and gradient
from the logits it finds behind the activation; JAX clips the probabilities to [eps, 1 - eps], so
its loss is capped and the clipped entries get no gradient. dense4j follows the TensorFlow backend.

    python goldens_backends.py compute OUT.json          (under KERAS_BACKEND=jax or tensorflow)
    python goldens_backends.py merge JAX.json TF.json DEST.json
"""
import json
import sys

import numpy as np


def compute(out):
    import keras
    from keras import optimizers as O

    rng = np.random.default_rng(5)
    x = rng.uniform(-2, 2, (6, 4)).astype(np.float32)
    kernel = rng.normal(0, 6, (4, 3)).astype(np.float32)  # large: the outputs saturate
    bias = rng.normal(0, 1, (3,)).astype(np.float32)
    targets = {"softmax": np.eye(3, dtype=np.float32)[rng.integers(0, 3, 6)],
               "sigmoid": (rng.uniform(size=(6, 3)) > 0.5).astype(np.float32)}
    cases = []
    for act, loss in [("softmax", "categorical_crossentropy"), ("sigmoid", "binary_crossentropy")]:
        layer = keras.layers.Dense(3, activation=act)
        model = keras.Sequential([keras.Input((4,)), layer])
        layer.set_weights([kernel, bias])
        model.compile(optimizer=O.SGD(learning_rate=0.1), loss=loss)
        value = model.train_on_batch(x, targets[act])
        k1, b1 = layer.get_weights()
        cases.append({"activation": act, "loss": loss, "y": tensor(targets[act]),
                      keras.backend.backend(): {"loss": float(value), "kernel": tensor(k1), "bias": tensor(b1)}})
    with open(out, "w") as f:
        json.dump({"x": tensor(x), "kernel": tensor(kernel), "bias": tensor(bias), "optimizer": "SGD(learning_rate=0.1)",
                   "cases": cases, "keras_version": keras.__version__}, f)


def tensor(a):
    a = np.asarray(a, dtype=np.float32)
    return {"shape": list(a.shape), "data": [float(v) for v in a.reshape(-1)]}


def merge(jax_file, tf_file, dest):
    with open(jax_file) as f:
        merged = json.load(f)
    with open(tf_file) as f:
        tf = json.load(f)
    for a, b in zip(merged["cases"], tf["cases"]):
        a["tensorflow"] = b["tensorflow"]
    del merged["keras_version"]
    with open(dest, "w") as f:
        json.dump(merged, f, separators=(",", ":"))


if __name__ == "__main__":
    if sys.argv[1] == "compute":
        compute(sys.argv[2])
    else:
        merge(*sys.argv[2:5])
