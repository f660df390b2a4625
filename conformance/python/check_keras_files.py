# SPDX-License-Identifier: Apache-2.0
"""Keras -> dense4j -> Keras: compares dense4j's predictions on the Keras-written files with
Keras' own, then loads the copy dense4j saved again (FILE.resaved.keras) in Keras and compares its
predictions and every layer's get_config with the original's.

    python check_keras_files.py DIR DENSE4J.json OUT.json
"""
import json
import os
import sys
import traceback

import keras
import numpy as np

import compare


def check_case(directory, case, dense4j):
    if "error" in dense4j:
        return {"status": "fail", "detail": "dense4j could not load it: " + dense4j["error"]}
    expected = compare.array(case["output"])
    got = compare.array(dense4j["output"])
    problems = []
    err = compare.max_error(got, expected)
    if not compare.close(got, expected):
        problems.append(f"dense4j's predictions differ: max |error| {err:.3g}")
    original = keras.saving.load_model(os.path.join(directory, case["file"]), compile=False)
    resaved = keras.saving.load_model(os.path.join(directory, dense4j["resaved"]))
    x = compare.array(case["input"])
    again = np.asarray(resaved(x, training=False))
    if not compare.close(again, expected):
        problems.append(f"Keras on dense4j's re-saved copy: max |error| {compare.max_error(again, expected):.3g}")
    by_name = {l.name: l for l in resaved.layers}
    for layer in original.layers:
        if isinstance(layer, keras.layers.InputLayer):
            continue
        if layer.name not in by_name:
            problems.append(f"re-saved copy has no layer {layer.name}")
            continue
        diffs, _ = compare.config_differences(layer.get_config(), by_name[layer.name].get_config())
        problems += [f"re-saved {layer.name}: {d}" for d in diffs]
    result = {"status": "fail" if problems else "pass", "max_error": err}
    if problems:
        result["detail"] = "; ".join(problems)
    return result


def main(directory, dense4j_json, out):
    with open(os.path.join(directory, "manifest.json")) as f:
        manifest = json.load(f)
    with open(dense4j_json) as f:
        dense4j = json.load(f)
    results = {}
    for case in manifest["cases"]:
        try:
            results[case["id"]] = check_case(directory, case, dense4j[case["id"]])
        except Exception as e:
            last = traceback.format_exception_only(type(e), e)[-1].strip()
            results[case["id"]] = {"status": "fail", "detail": last[:600]}
    with open(out, "w") as f:
        json.dump({"keras_version": manifest["keras_version"], "backend": manifest["backend"], "results": results},
                  f, indent=1)


if __name__ == "__main__":
    main(*sys.argv[1:4])
