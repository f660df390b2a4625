# SPDX-License-Identifier: Apache-2.0
"""dense4j -> Keras: loads every .keras file the JVM driver wrote, under whichever Keras is on the
path (an installed wheel or a release's sources), and checks predictions, configs, layer losses and
constraints against what dense4j reported.

    python check_dense4j_files.py DIR OUT.json
"""
import json
import os
import sys
import traceback
import zipfile

import keras
import numpy as np

import compare


def written_layer_configs(path):
    with zipfile.ZipFile(path) as z:
        config = json.loads(z.read("config.json"))
    return {l["config"]["name"]: l["config"] for l in config["config"]["layers"] if l["class_name"] != "InputLayer"}


def check_case(directory, case):
    if "error" in case:
        return {"status": "fail", "detail": "dense4j could not write it: " + case["error"]}
    path = os.path.join(directory, case["file"])
    model = keras.saving.load_model(path)
    x = compare.array(case["input"])
    expected = compare.array(case["output"])
    got = np.asarray(model(x, training=False))
    problems = []
    err = compare.max_error(got, expected)
    if not compare.close(got, expected):
        problems.append(f"predictions differ: max |error| {err:.3g}")
    written = written_layer_configs(path)
    keras_only = []
    for layer in model.layers:
        diffs, extra = compare.config_differences(written[layer.name], layer.get_config())
        problems += [f"{layer.name}: {d}" for d in diffs]
        keras_only += [f"{layer.name}.{e}" for e in extra]
    if case["feature"] in ("regularizer", "constraint"):
        problems += check_weight_objects(model.layers[0], x, case)
    if case["feature"] == "resumed":
        problems += check_resumed(model, case)
    result = {"status": "fail" if problems else "pass", "max_error": err, "keras_only_keys": keras_only}
    if problems:
        result["detail"] = "; ".join(problems)
    return result


def check_weight_objects(layer, x, case):
    """Keras' layer.losses after a call, and its constraints applied to the stored weights."""
    problems = []
    if case["feature"] == "regularizer":
        layer(x)
        got = sorted(float(v) for v in layer.losses)
        expected = sorted(case["losses"])
        if len(got) != len(expected) or not compare.close(got, expected, rtol=1e-5, atol=1e-7):
            problems.append(f"layer.losses: Keras {got}, dense4j {expected}")
    else:
        for var, constraint, want in zip(
            [layer.kernel, layer.bias], [layer.kernel_constraint, layer.bias_constraint], case["constrained"]
        ):
            value = np.asarray(var.value)
            got = value if constraint is None else np.asarray(constraint(var.value))
            if not compare.close(got.reshape(-1), want, rtol=1e-6, atol=1e-6):
                problems.append(f"{var.path} constrained: max |error| {compare.max_error(got.reshape(-1), want):.3g}")
    return problems


def check_resumed(model, case):
    """The restored optimizer takes the next steps as dense4j did."""
    problems = []
    if model.optimizer is None or int(model.optimizer.iterations) != case["iterations"]:
        got = None if model.optimizer is None else int(model.optimizer.iterations)
        problems.append(f"optimizer iterations: Keras {got}, dense4j {case['iterations']}")
        return problems
    for b in case["batches"]:
        model.train_on_batch(compare.array(b["x"]), compare.array(b["y"]))
    for i, (got, want) in enumerate(zip(model.get_weights(), case["weights_after"])):
        got = np.asarray(got).reshape(-1)
        if not compare.close(got, want, rtol=1e-5, atol=1e-6):
            problems.append(f"weight {i} after resuming: max |error| {compare.max_error(got, want):.3g}")
    return problems


def main(directory, out):
    with open(os.path.join(directory, "manifest.json")) as f:
        cases = json.load(f)["cases"]
    results = {}
    for case in cases:
        try:
            results[case["id"]] = check_case(directory, case)
        except Exception as e:  # any failure to load or run is a result, not a crash of the suite
            last = traceback.format_exception_only(type(e), e)[-1].strip()
            results[case["id"]] = {"status": "fail", "detail": last[:600]}
    with open(out, "w") as f:
        json.dump({"keras_version": keras.__version__, "backend": keras.backend.backend(), "results": results}, f,
                  indent=1)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
