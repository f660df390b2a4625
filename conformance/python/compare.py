# SPDX-License-Identifier: Apache-2.0
"""Numeric and config comparisons shared by the conformance checks (plain Python + numpy)."""
import math

import numpy as np

# float32 results of two implementations of the same formula (different exp/tanh/erf
# implementations and summation orders): a few ulps of the value, plus an absolute floor for
# values that cancel to near zero.
RTOL = 2e-6
ATOL = 2e-6


def array(t):
    """A {shape, data} object as a float32 array."""
    return np.asarray(t["data"], dtype=np.float32).reshape(t["shape"])


def max_error(got, expected):
    """The largest |got - expected| - RTOL * |expected|, over finite entries (0 when all fit)."""
    got = np.asarray(got, dtype=np.float64)
    expected = np.asarray(expected, dtype=np.float64)
    if got.shape != expected.shape:
        raise AssertionError(f"shape {got.shape} != expected {expected.shape}")
    same_special = (np.isnan(got) & np.isnan(expected)) | (np.isinf(expected) & (got == expected))
    if np.any(~np.isfinite(got) & ~same_special) or np.any(~np.isfinite(expected) & ~same_special):
        raise AssertionError("non-finite values differ")
    ok = ~same_special
    if not ok.any():
        return 0.0
    return float(np.max(np.abs(got[ok] - expected[ok])))


def close(got, expected, rtol=RTOL, atol=ATOL):
    got = np.asarray(got, dtype=np.float64)
    expected = np.asarray(expected, dtype=np.float64)
    if got.shape != expected.shape:
        return False
    with np.errstate(invalid="ignore"):
        fine = np.abs(got - expected) <= atol + rtol * np.abs(expected)
    fine |= (np.isnan(got) & np.isnan(expected)) | (got == expected)
    return bool(fine.all())


def _dtype_name(v):
    """Keras >= 3.? writes dtype as a DTypePolicy envelope; dense4j writes the policy's name."""
    if isinstance(v, dict) and v.get("class_name") == "DTypePolicy":
        return v.get("config", {}).get("name")
    return v


def config_differences(written, keras, path=""):
    """Key-by-key differences between the config dense4j wrote and the one Keras reports.

    Returns (differences, keras_only_keys): values that differ or keys Keras does not report are
    differences; keys only Keras reports (its own additions with their defaults) are listed apart.
    """
    diffs, extra = [], []
    if isinstance(written, dict) and isinstance(keras, dict):
        for k, v in written.items():
            p = f"{path}.{k}" if path else k
            if k not in keras:
                diffs.append(f"{p}: written {v!r}, absent in Keras' get_config")
                continue
            kv = keras[k]
            if k == "dtype":
                v, kv = _dtype_name(v), _dtype_name(kv)
            d, e = config_differences(v, kv, p)
            diffs += d
            extra += e
        extra += [f"{path}.{k}" if path else k for k in keras if k not in written]
        return diffs, extra
    if isinstance(written, (list, tuple)) and isinstance(keras, (list, tuple)):
        if len(written) != len(keras):
            return [f"{path}: written {written!r}, Keras {keras!r}"], []
        for i, (a, b) in enumerate(zip(written, keras)):
            d, e = config_differences(a, b, f"{path}[{i}]")
            diffs += d
            extra += e
        return diffs, extra
    if _same_scalar(written, keras):
        return [], []
    return [f"{path}: written {written!r}, Keras {keras!r}"], []


def _same_scalar(a, b):
    if isinstance(a, bool) or isinstance(b, bool):
        return a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        # dense4j keeps float32 parameters; Keras may echo the float64 the JSON held
        return a == b or abs(a - b) <= 1e-7 * max(abs(a), abs(b))
    return a == b
