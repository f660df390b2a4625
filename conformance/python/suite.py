# SPDX-License-Identifier: Apache-2.0
"""Runs the conformance suite (called by conformance/run, which prepares the venv and the jars).

dense4j writes models (the JVM driver and ./dense4j train); every Keras release line checks them;
Keras 3 writes trained models that dense4j loads, predicts and saves again. Results are matched
against known-differences.json, summarised in results/table.md and results/results.json; the exit
status is 1 when a check fails that is not a known difference.
"""
import argparse
import concurrent.futures
import importlib.metadata
import json
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CONFORMANCE = os.path.dirname(HERE)
ROOT = os.path.dirname(CONFORMANCE)
README_START = "<!-- conformance-table:start (written by conformance/run --update-readme) -->"
README_END = "<!-- conformance-table:end -->"


def run(cmd, env=None, log=None):
    """Runs cmd; its output goes to log (or is shown on failure); raises on a non-zero status."""
    p = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT)
    if log:
        with open(log, "w") as f:
            f.write(p.stdout)
    if p.returncode != 0:
        tail = "\n".join(p.stdout.splitlines()[-25:])
        raise RuntimeError(f"{' '.join(cmd[:3])} … exited with {p.returncode}:\n{tail}")
    return p.stdout


def keras_env(src):
    env = dict(os.environ, KERAS_BACKEND="jax", JAX_PLATFORMS="cpu", TF_CPP_MIN_LOG_LEVEL="3")
    # XLA compiles each activation's kernels once; the persistent cache shares them between the
    # release lines and between runs
    env.setdefault("JAX_COMPILATION_CACHE_DIR", os.path.join(os.path.expanduser("~"), ".cache", "dense4j", "jax"))
    env.setdefault("JAX_PERSISTENT_CACHE_MIN_COMPILE_TIME_SECS", "0")
    env.setdefault("JAX_PERSISTENT_CACHE_MIN_ENTRY_SIZE_BYTES", "-1")
    env["PYTHONPATH"] = HERE if src is None else f"{src}{os.pathsep}{HERE}"
    return env


def add_cli_train_case(work):
    """./dense4j train (5 epochs) writes a .keras; ./dense4j predict gives dense4j's outputs."""
    d4j = os.path.join(work, "d4j")
    name = "cli-train-digits.keras"
    run(["./dense4j", "train", "--quiet", "--epochs", "5", "--out", os.path.join(d4j, name)])
    rows = [[((i * 7 + j * 3) % 17) / 1.0 for j in range(64)] for i in range(4)]
    rows_file = os.path.join(work, "digits-rows.json")
    with open(rows_file, "w") as f:
        json.dump(rows, f)
    out = json.loads(run(["./dense4j", "predict", os.path.join(d4j, name), "--input", rows_file]))
    manifest_file = os.path.join(d4j, "manifest.json")
    with open(manifest_file) as f:
        manifest = json.load(f)
    manifest["cases"].append({
        "id": "cli/./dense4j train", "feature": "cli", "item": "./dense4j train", "file": name,
        "input": {"shape": [4, 64], "data": [v for r in rows for v in r]},
        "output": {"shape": [4, len(out[0])], "data": [v for r in out for v in r]},
    })
    with open(manifest_file, "w") as f:
        json.dump(manifest, f)


def dense4j_to_keras(work, python, version, src):
    out = os.path.join(work, f"check-{version}.json")
    run([python, os.path.join(HERE, "check_dense4j_files.py"), os.path.join(work, "d4j"), out],
        env=keras_env(src), log=os.path.join(work, f"check-{version}.log"))
    with open(out) as f:
        return json.load(f)


def keras_to_dense4j(work, python, java, version, src):
    k = os.path.join(work, f"keras-{version}")
    env = keras_env(src)
    try:
        run([python, os.path.join(HERE, "make_keras_files.py"), k], env=env,
            log=os.path.join(work, f"make-keras-{version}.log"))
    except RuntimeError as e:  # this Keras cannot train here: one failed check that says why
        last = str(e).strip().splitlines()[-1]
        return {"keras_version": version, "backend": "jax",
                "results": {"keras-file/keras/training in Keras": {"status": "fail", "detail": last}}}
    run(java + ["predict", os.path.join(k, "manifest.json"), os.path.join(k, "dense4j.json")],
        log=os.path.join(work, f"driver-predict-{version}.log"))
    out = os.path.join(work, f"check-keras-files-{version}.json")
    run([python, os.path.join(HERE, "check_keras_files.py"), k, os.path.join(k, "dense4j.json"), out], env=env,
        log=os.path.join(work, f"check-keras-files-{version}.log"))
    with open(out) as f:
        return json.load(f)


def apply_known(report, known):
    """Marks failures that known-differences.json explains as 'known'; returns the unexplained ones."""
    unexplained = []
    for column, results in report.items():
        for case_id, r in results["results"].items():
            if r["status"] != "fail":
                continue
            for k in known:
                if re.fullmatch(k["case"], case_id) and re.search(k["detail"], r.get("detail", "")) \
                        and re.fullmatch(k.get("versions", ".*"), results["keras_version"]):
                    r["status"] = "known"
                    r["reason"] = k["reason"]
                    break
            else:
                unexplained.append((column, case_id, r.get("detail", "")))
    return unexplained


def table(report, columns):
    features = []
    for results in report.values():
        for case_id in results["results"]:
            f = case_id.split("/")[0] if not case_id.startswith("keras-file/") else "/".join(case_id.split("/")[:2])
            if f not in features:
                features.append(f)
    labels = {
        "activation": "dense4j → Keras: Dense with each activation (by name)",
        "initializer": "dense4j → Keras: each initializer (kernel and bias)",
        "regularizer": "dense4j → Keras: each regularizer (kernel, bias, activity; `layer.losses`)",
        "constraint": "dense4j → Keras: each constraint (kernel and bias, applied)",
        "layers": "dense4j → Keras: ReLU, LeakyReLU, ELU, Softmax, Activation, Dropout, Flatten, rank 3",
        "trained": "dense4j → Keras: model trained by `Sequential.fit`",
        "cli": "dense4j → Keras: `./dense4j train` output",
        "keras-file/keras": "Keras → dense4j → Keras: trained `.keras` (each optimizer, loss, regularizer, constraint)",
        "keras-file/h5": "Keras → dense4j → Keras: the same models as legacy `.h5`",
    }
    header = "| feature | " + " | ".join(columns) + " |"
    lines = [header, "|---" * (len(columns) + 1) + "|"]
    for feat in features:
        cells = []
        for col in columns:
            rs = [r for cid, r in report[col]["results"].items() if cid == feat or cid.startswith(feat + "/")] \
                if col in report else []
            if not rs:
                cells.append("—")
                continue
            ok = sum(r["status"] == "pass" for r in rs)
            known = sum(r["status"] == "known" for r in rs)
            bad = sum(r["status"] == "fail" for r in rs)
            cell = f"{'✗' if bad else '✓'} {ok}/{len(rs)}"
            if known:
                cell += f" ({known} known)"
            if bad:
                cell += f", {bad} failed"
            cells.append(cell)
        lines.append(f"| {labels.get(feat, feat)} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def update_readme(text):
    path = os.path.join(ROOT, "README.md")
    with open(path) as f:
        readme = f.read()
    start, end = readme.find(README_START), readme.find(README_END)
    if start < 0 or end < 0:
        raise RuntimeError(f"README.md has no {README_START} … {README_END} block")
    with open(path, "w") as f:
        f.write(readme[: start + len(README_START)] + "\n" + text + readme[end:])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", required=True)
    ap.add_argument("--java", required=True, help="the command that runs the JVM driver, as a JSON list")
    ap.add_argument("--release", action="append", default=[], help="VERSION=SOURCE_DIR of a Keras release line")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--update-readme", action="store_true")
    args = ap.parse_args()
    python = sys.executable
    java = json.loads(args.java)
    started = time.time()
    run(java + ["write", os.path.join(args.work, "d4j")], log=os.path.join(args.work, "driver-write.log"))
    add_cli_train_case(args.work)
    wheel = importlib.metadata.version("keras")  # the installed wheel: the reference release line
    lines = [tuple(r.split("=", 1)) for r in args.release] + [(wheel, None)]
    columns = [f"Keras {v}" for v, _ in lines]
    report = {}
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        forward = {v: pool.submit(dense4j_to_keras, args.work, python, v, src) for v, src in lines}
        back = {v: pool.submit(keras_to_dense4j, args.work, python, java, v, src) for v, src in lines}
        # each release line's column holds both directions
        for v, _ in lines:
            there, here = forward[v].result(), back[v].result()
            report[f"Keras {v}"] = {**there, "results": {**there["results"], **here["results"]}}
    with open(os.path.join(CONFORMANCE, "known-differences.json")) as f:
        known = json.load(f)
    unexplained = apply_known(report, known)
    text = table(report, columns)
    backends = sorted({r["backend"] for r in report.values()})
    text += (f"\nBackend: {', '.join(backends)}; Keras {wheel} from its wheel, the other lines from their sources "
             f"at the release tag on the same JAX. ✓ n/m: m checks, n passed; known differences are listed in "
             f"[conformance/README.md](conformance/README.md#known-differences).\n")
    os.makedirs(os.path.join(CONFORMANCE, "results"), exist_ok=True)
    with open(os.path.join(CONFORMANCE, "results", "table.md"), "w") as f:
        f.write(text)
    with open(os.path.join(args.work, "results.json"), "w") as f:
        json.dump(report, f, indent=1)
    if args.update_readme:
        update_readme(text)
    print(text)
    for col, case_id, detail in unexplained:
        print(f"FAIL [{col}] {case_id}: {detail}")
    print(f"conformance: {'FAILED' if unexplained else 'passed'}: {len(unexplained)} unexplained failure(s), "
          f"{sum(r['status'] == 'known' for x in report.values() for r in x['results'].values())} known "
          f"difference(s), {sum(len(x['results']) for x in report.values())} checks in {time.time() - started:.0f} s; "
          f"details in {args.work}/results.json")
    return 1 if unexplained else 0


if __name__ == "__main__":
    sys.exit(main())
