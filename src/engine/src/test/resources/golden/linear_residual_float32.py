#!/usr/bin/python3
"""Where the linear closed form's efficiency residual (about 1.1e-6) on hmda-deny-v2 comes from.

Emulates the graph (Sub, Mul, Gemm, Softmax) in float32 with NumPy on the first 1,000 HMDA rows
and a 100-row background, and compares sum(phi) = sum w_i (x_i - mean_i) (double) with
f(x) - mean f(B) computed three ways: in double, in float32 before the Softmax, and in float32
through Softmax and log(p1) - log(p0) (what Assay reads). Run with Debian's python3 (numpy, onnx).
Output on this repository: double 3.6e-15, float32 pre-softmax 1.15e-6, float32 softmax+log 1.19e-6:
the residual is the graph's own float32 arithmetic, not the softmax round trip or the closed form.
"""
import csv
import pathlib

import numpy as np
import onnx
from onnx import numpy_helper as nh

root = pathlib.Path(__file__).resolve().parents[6]
m = onnx.load(root / "models/hmda-deny-v2.onnx")
I = {i.name: nh.to_array(i) for i in m.graph.initializer}
rows = list(csv.reader(open(root / "models/data/hmda_test.csv")))
h = rows[0]
feats = ["afam", "chist", "condomin", "hirat", "hschool", "insurance", "lvrat", "mhist", "phist",
         "pirat", "selfemp", "single", "unemp"]
X = np.array(rows[1:], dtype=np.float64)[:, [h.index(f) for f in feats]][:1000]
W = I["linear_sgd_weights_0"].astype(np.float64)
b = I["linear_sgd_bias_0"].astype(np.float64)
mu = I["assay_feature_means"].astype(np.float64)
sc = I["assay_feature_scales"].astype(np.float64)
w = (W[:, 1] - W[:, 0]) * sc


def exact(A):
    return ((A - mu) * sc) @ (W[:, 1] - W[:, 0]) + (b[1] - b[0])


def f32(A, softmax=True):
    x = A.astype(np.float32)
    c = (x - I["assay_feature_means"]).astype(np.float32)
    s = (c * I["assay_feature_scales"]).astype(np.float32)
    z = np.zeros((len(x), 2), np.float32)
    for k in range(len(feats)):
        z = (z + s[:, k:k + 1] * I["linear_sgd_weights_0"][k]).astype(np.float32)
    z = (z + I["linear_sgd_bias_0"]).astype(np.float32)
    if not softmax:
        return z[:, 1].astype(np.float64) - z[:, 0]
    e = np.exp(z - z.max(1, keepdims=True)).astype(np.float32)
    p = (e / e.sum(1, keepdims=True)).astype(np.float32)
    return np.log(p[:, 1].astype(np.float64)) - np.log(p[:, 0].astype(np.float64))


B = X[np.random.default_rng(42).choice(len(X), 100, replace=False)]
phi_sum = (X - B.mean(0)) @ w
for name, f in [("double", exact), ("float32 pre-softmax", lambda A: f32(A, False)),
                ("float32 softmax+log", f32)]:
    res = np.abs(phi_sum - (f(X) - f(B).mean()))
    print("%-20s max %.3g median %.3g" % (name, res.max(), np.median(res)))
