#!/usr/bin/python3
"""Golden accumulated local effects (ALE) for the sample model hmda-deny-v2.

Run with Debian's python (apt-get install python3-onnx python3-numpy) from the repository root:

    /usr/bin/python3 src/engine/src/test/resources/golden/make_ale_golden.py

Debian has no ALE package (alibi, PyALE and iml are not packaged), so this script transcribes the
published algorithm of alibi 0.9 (alibi/explainers/ale.py: get_quantiles, bisect_fun,
minimum_satisfied, adaptive_grid, ale_num with min_bin_points=4, low_resolution_threshold=10) in
NumPy, written from its documentation and source, independently of the Java code. Two centrings are
written: alibi's (interval midpoints weighted by counts, as R's ALEPlot) and the exact mean over the
rows of the effect interpolated in each row's interval, which Assay uses.

The model is Sub(means) -> Mul(scales) -> Gemm(W, b) -> Softmax; its log-odds of class 1 and its
probability are computed in float64 from the graph's initializers on the first 200 rows of
models/data/hmda_test.csv, for pirat (continuous: adaptive quantile grid), lvrat (continuous) and
chist (6 distinct values: the values are the grid). In log-odds the model is linear, so the exact
centred ALE of feature j is w_j (z - mean x_j); the script checks that too.

Output (committed): ale.json. The Java test (dev.assay.core.explain.AleGoldenTest) needs no Python.
"""
import csv
import json
import os

import numpy as np
import onnx
from onnx import numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", "..", "..", "..", ".."))

model = onnx.load(os.path.join(ROOT, "models", "hmda-deny-v2.onnx"))
meta = {p.key: p.value for p in model.metadata_props}
features = json.loads(meta["assay.features"])
init = {t.name: numpy_helper.to_array(t).astype(np.float64) for t in model.graph.initializer}
assert [n.op_type for n in model.graph.node] == ["Sub", "Mul", "Gemm", "Softmax", "Identity"]
means = init["assay_feature_means"]
scales = init["assay_feature_scales"]
W = init["linear_sgd_weights_0"]
b = init["linear_sgd_bias_0"]


def logits(X):
    z = ((X - means) * scales) @ W + b
    return z[:, 1] - z[:, 0]


def probability(X):
    return 1.0 / (1.0 + np.exp(-logits(X)))


def get_quantiles(values, num_quantiles):
    percentiles = np.linspace(0, 100, num=num_quantiles)
    return np.percentile(values, percentiles, axis=0, method="linear")


def minimum_satisfied(values, min_bin_points, n):
    q = np.unique(get_quantiles(values, num_quantiles=n))
    indices = np.searchsorted(q, values, side="left")
    indices[indices == 0] = 1
    interval_n = np.bincount(indices)
    return int(np.all(interval_n[1:] > min_bin_points))


def adaptive_grid(values, min_bin_points):
    lo, hi = 0, len(values)
    while lo < hi:  # bisect_fun(minimum_not_satisfied, target=0.5)
        mid = (lo + hi) // 2
        if 1 - minimum_satisfied(values, min_bin_points, mid) < 0.5:
            lo = mid + 1
        else:
            hi = mid
    num_quantiles = lo - 1
    return np.unique(get_quantiles(values, num_quantiles=num_quantiles)), num_quantiles


def ale_num(predictor, X, feature, min_bin_points=4, low_resolution_threshold=10):
    uniques = np.unique(X[:, feature])
    if len(uniques) <= low_resolution_threshold:
        q = uniques
    else:
        q, _ = adaptive_grid(X[:, feature], min_bin_points)
    indices = np.searchsorted(q, X[:, feature], side="left")
    indices[indices == 0] = 1
    interval_n = np.bincount(indices)
    z_low = X.copy()
    z_high = X.copy()
    z_low[:, feature] = q[indices - 1]
    z_high[:, feature] = q[indices]
    deltas = predictor(z_high) - predictor(z_low)
    avg = np.array([deltas[indices == k].mean() for k in range(1, len(q))])
    accum = np.concatenate([[0.0], np.cumsum(avg)])
    midpoint0 = (0.5 * (accum[:-1] + accum[1:]) * interval_n[1:]).sum() / interval_n.sum()
    t = (X[:, feature] - q[indices - 1]) / (q[indices] - q[indices - 1])
    exact0 = (accum[indices - 1] + t * (accum[indices] - accum[indices - 1])).mean()
    return q, accum, interval_n[1:], midpoint0, exact0


with open(os.path.join(ROOT, "models", "data", "hmda_test.csv"), newline="") as f:
    rows = list(csv.DictReader(f))[:200]
X = np.array([[float(r[c]) for c in features] for r in rows])
slopes = (W[:, 1] - W[:, 0]) * scales

golden = {"numpy": np.__version__, "features": features, "rows": 200, "curves": {}}
for name in ["pirat", "lvrat", "chist"]:
    j = features.index(name)
    curve = {}
    for space, predictor in [("logit", logits), ("probability", probability)]:
        q, accum, counts, midpoint0, exact0 = ale_num(predictor, X, j)
        curve["grid"] = q.tolist()
        curve["counts"] = counts.tolist()
        curve[space] = {
            "values": (accum - exact0).tolist(),
            "offset": exact0,
            "alibi_values": (accum - midpoint0).tolist(),
        }
        if space == "logit":
            linear = slopes[j] * (q - X[:, j].mean())
            assert np.allclose(accum - exact0, linear, atol=1e-9), name
    golden["curves"][name] = curve
    print(name, len(curve["grid"]) - 1, "intervals")

with open(os.path.join(HERE, "ale.json"), "w") as f:
    json.dump(golden, f, indent=1)
