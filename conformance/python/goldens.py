# SPDX-License-Identifier: Apache-2.0
"""Keras computes the numbers dense4j's Java tests compare with (run by `conformance/run goldens`):
activations (with parameters), one SGD step through a Dense layer (its gradients), losses with
every reduction, optimizer steps, initializer statistics. Writes small JSON files and meta.json
into java/core/src/test/resources/dev/dense4j/goldens/.

    python goldens.py OUT_DIR
"""
import json
import os
import platform
import sys

import keras
import numpy as np
from keras import losses as L
from keras import optimizers as O

SEED = 20
rng = np.random.default_rng(SEED)

# known differences (conformance/known-differences.json) are not turned into goldens
LEFT_OUT = {"sparsemax": "Keras' sparsemax rows do not sum to 1 (see conformance/README.md, known differences)"}


def f32(a):
    return [float(v) for v in np.asarray(a, dtype=np.float32).reshape(-1)]


def tensor(a):
    a = np.asarray(a, dtype=np.float32)
    return {"shape": list(a.shape), "data": f32(a)}


def activations():
    x = np.concatenate([np.array([[-6, -2.5, -1, -0.3, 0, 0.3, 1, 6]]),
                        rng.uniform(-4, 4, (2, 8))]).astype(np.float32)
    cases = []
    names = ["celu", "elu", "exponential", "gelu", "glu", "hard_shrink", "hard_sigmoid", "hard_silu", "hard_tanh",
             "leaky_relu", "linear", "log_sigmoid", "log_softmax", "mish", "relu", "relu6", "selu", "sigmoid", "silu",
             "soft_shrink", "softmax", "softplus", "softsign", "sparse_plus", "sparse_sigmoid", "squareplus", "tanh",
             "tanh_shrink", "swish", "hard_swish"]
    for name in names:
        cases.append({"name": name, "params": {}, "y": tensor(keras.activations.get(name)(x))})
    A = keras.activations
    with_params = [
        ("relu", {"negative_slope": 0.1, "max_value": 2.0, "threshold": 0.5}),
        ("leaky_relu", {"negative_slope": 0.05}), ("elu", {"alpha": 0.7}), ("celu", {"alpha": 0.5}),
        ("gelu", {"approximate": False}), ("squareplus", {"b": 2.0}), ("soft_shrink", {"threshold": 0.8}),
        ("hard_shrink", {"threshold": 0.8}), ("threshold", {"threshold": 0.5, "default_value": -1.0}),
    ]
    for name, params in with_params:
        cases.append({"name": name, "params": params, "y": tensor(getattr(A, name)(x, **params))})
    return {"x": tensor(x), "cases": cases}


def dense_steps():
    """One SGD(learning_rate=1) step of a Dense layer under MSE: new weights = weights - gradients."""
    x = rng.uniform(-2, 2, (5, 4)).astype(np.float32)
    kernel = rng.normal(0, 0.7, (4, 6)).astype(np.float32)
    bias = rng.normal(0, 0.3, (6,)).astype(np.float32)
    cases = []
    acts = ["linear", "relu", "sigmoid", "tanh", "gelu", "elu", "selu", "softplus", "silu", "mish", "softmax",
            "log_softmax", "glu", "hard_sigmoid", "leaky_relu", "softsign"]
    regs = [("relu", {"kernel_regularizer": {"l2": 0.01}}), ("tanh", {"bias_regularizer": {"l1": 0.02}}),
            ("sigmoid", {"activity_regularizer": {"l1": 0.01, "l2": 0.01}})]
    for act, reg in [(a, {}) for a in acts] + regs:
        kw = {k: keras.regularizers.L1L2(**v) for k, v in reg.items()}
        layer = keras.layers.Dense(6, activation=act, **kw)
        model = keras.Sequential([keras.Input((4,)), layer])
        layer.set_weights([kernel, bias])
        width = 3 if act == "glu" else 6
        y = rng.uniform(-1, 1, (5, width)).astype(np.float32)
        model.compile(optimizer=O.SGD(learning_rate=1.0), loss="mean_squared_error")
        loss = model.train_on_batch(x, y)
        k1, b1 = layer.get_weights()
        cases.append({"activation": act, "regularizers": reg, "y": tensor(y), "loss": float(loss),
                      "kernel": tensor(k1), "bias": tensor(b1)})
    return {"x": tensor(x), "kernel": tensor(kernel), "bias": tensor(bias), "optimizer": "SGD(learning_rate=1.0)",
            "loss": "mean_squared_error", "cases": cases}


def losses():
    rows, cols = 6, 4
    logits = rng.normal(0, 2, (rows, cols)).astype(np.float32)
    probs = np.array(keras.activations.softmax(logits))
    sig = np.array(keras.activations.sigmoid(logits))
    onehot = np.eye(cols, dtype=np.float32)[rng.integers(0, cols, rows)]
    sparse = np.argmax(onehot, axis=1).astype(np.float32)[:, None]
    binary = (rng.uniform(size=(rows, cols)) > 0.5).astype(np.float32)
    regression = rng.normal(0, 1, (rows, cols)).astype(np.float32)
    # an exact 0 and 1 prediction reach the [eps, 1 - eps] clip
    sig[0, 0], sig[1, 1] = 0.0, 1.0
    probs_clip = probs.copy()
    probs_clip[2] = [0.0, 1.0, 0.0, 0.0]
    weights = rng.uniform(0, 2, rows).astype(np.float32)
    specs = [
        (L.MeanSquaredError, {}, regression, logits),
        (L.MeanAbsoluteError, {}, regression, logits),
        (L.BinaryCrossentropy, {}, binary, sig),
        (L.BinaryCrossentropy, {"label_smoothing": 0.1}, binary, sig),
        (L.BinaryCrossentropy, {"from_logits": True}, binary, logits),
        (L.CategoricalCrossentropy, {}, onehot, probs_clip),
        (L.CategoricalCrossentropy, {"from_logits": True, "label_smoothing": 0.2}, onehot, logits),
        (L.SparseCategoricalCrossentropy, {}, sparse, probs_clip),
        (L.SparseCategoricalCrossentropy, {"from_logits": True}, sparse, logits),
        (L.SparseCategoricalCrossentropy, {"from_logits": True, "ignore_class": 1}, sparse, logits),
    ]
    cases = []
    for cls, kw, y_true, y_pred in specs:
        for reduction in ["sum_over_batch_size", "sum", "mean", "mean_with_sample_weight", None]:
            loss = cls(reduction=reduction, **kw)
            for sw in [None, weights]:
                value = loss(y_true, y_pred, sample_weight=sw)
                cases.append({"class_name": cls.__name__, "config": loss.get_config(), "y_true": tensor(y_true),
                              "y_pred": tensor(y_pred), "sample_weight": None if sw is None else f32(sw),
                              "value": f32(value) if reduction is None else float(value)})
    return {"cases": cases}


def optimizers():
    kernel = rng.normal(0, 1, (3, 4)).astype(np.float32)
    bias = rng.normal(0, 1, (4,)).astype(np.float32)
    grads = [[rng.normal(0, 1, (3, 4)).astype(np.float32), rng.normal(0, 1, (4,)).astype(np.float32)]
             for _ in range(3)]
    configs = [
        O.SGD(learning_rate=0.3), O.SGD(learning_rate=0.2, momentum=0.9),
        O.SGD(learning_rate=0.2, momentum=0.8, nesterov=True, weight_decay=0.05),
        O.SGD(learning_rate=0.5, global_clipnorm=0.3), O.SGD(learning_rate=0.5, clipvalue=0.4),
        O.Adam(learning_rate=0.1), O.Adam(learning_rate=0.05, beta_1=0.8, beta_2=0.99, amsgrad=True, clipnorm=0.5),
        O.Adam(learning_rate=0.1, epsilon=0.01), O.AdamW(learning_rate=0.1, weight_decay=0.1),
        O.RMSprop(learning_rate=0.05), O.RMSprop(learning_rate=0.05, rho=0.8, momentum=0.5, centered=True),
    ]
    cases = []
    for opt in configs:
        variables = [keras.Variable(kernel, name="kernel"), keras.Variable(bias, name="bias")]
        steps = []
        for g in grads:
            opt.apply([keras.ops.convert_to_tensor(v) for v in g], variables)
            steps.append([tensor(np.asarray(v.value)) for v in variables])
        cases.append({"class_name": type(opt).__name__, "config": opt.get_config(), "steps": steps})
    return {"variables": [tensor(kernel), tensor(bias)],
            "gradients": [[tensor(g) for g in step] for step in grads], "cases": cases}


def initializers():
    shape = (64, 48)
    I = keras.initializers
    specs = [
        I.Zeros(), I.Ones(), I.Constant(0.25), I.Identity(gain=1.5), I.RandomNormal(0.1, 0.3, seed=SEED),
        I.RandomUniform(-0.2, 0.3, seed=SEED), I.TruncatedNormal(0, 0.2, seed=SEED),
        I.VarianceScaling(2.0, "fan_out", "uniform", seed=SEED), I.VarianceScaling(0.5, "fan_avg", "normal", seed=SEED),
        I.GlorotUniform(seed=SEED), I.GlorotNormal(seed=SEED), I.HeUniform(seed=SEED), I.HeNormal(seed=SEED),
        I.LecunUniform(seed=SEED), I.LecunNormal(seed=SEED), I.Orthogonal(gain=1.5, seed=SEED),
    ]
    cases = []
    for init in specs:
        w = np.asarray(init(shape), dtype=np.float64)
        config = keras.initializers.serialize(init)
        if isinstance(init, I.Identity):
            config["config"]["gain"] = init.gain  # Keras' Identity.get_config() drops it (a known difference)
        cases.append({"config": config, "shape": list(shape), "mean": w.mean(), "std": w.std(),
                      "min": w.min(), "max": w.max(),
                      # ‖WᵀW‖ statistics tell an orthogonal matrix from a random one
                      "gram_diagonal_mean": float(np.mean(np.diag(w.T @ w)))})
    return {"cases": cases}


def main(out):
    os.makedirs(out, exist_ok=True)
    keras.utils.set_random_seed(SEED)
    files = {"activations.json": activations(), "dense_sgd_step.json": dense_steps(), "losses.json": losses(),
             "optimizers.json": optimizers(), "initializers.json": initializers()}
    for name, content in files.items():
        with open(os.path.join(out, name), "w") as f:
            json.dump(content, f, separators=(",", ":"))
    meta = {"source": "Keras itself, through its public API", "keras_version": keras.__version__,
            "backend": keras.backend.backend(), "jax_version": __import__("jax").__version__,
            "numpy_version": np.__version__, "python": platform.python_version(), "seed": SEED,
            "script": "conformance/python/goldens.py", "regenerate": "conformance/run goldens",
            "left_out": LEFT_OUT, "files": sorted(files) + ["backend_differences.json"],
            "backend_differences.json": "written by goldens_backends.py under Keras' jax and tensorflow (tensorflow-cpu "
                                        "2.21.0) backends; each case holds both"}
    with open(os.path.join(out, "meta.json"), "w") as f:
        json.dump(meta, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
