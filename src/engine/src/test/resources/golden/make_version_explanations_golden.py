#!/usr/bin/python3
"""Golden figures for dev.assay.core.explain.VersionExplanations (issue 17, across versions), from SciPy.

    /usr/bin/python3 src/engine/src/test/resources/golden/make_version_explanations_golden.py

Two explanations of the same 40 data rows by two model versions: version b lists its features in
another order and its rows in another order (rows are matched by data row number). Spearman's rho
(scipy.stats.spearmanr) and Kendall's tau-b (scipy.stats.kendalltau) of the global mean |phi|;
the top reason per row (the feature with the largest phi toward the adverse outcome, higher or
lower, ties by the first version's feature order, none when no phi pushes that way) and the
share of rows where it changes, with the 95% Wilson score interval (z = scipy.stats.norm.ppf(0.975));
the mean Jaccard index of the per-row top-4 sets by |phi| (numpy's stable argsort of -|phi|);
per feature the importance and 1-based rank (descending, ties by name) in both.
Also rho and tau-b of two importance vectors with ties.
Output (committed): version_explanations.json.
"""
import json
import math
import os

import numpy as np
from scipy.stats import kendalltau, norm, spearmanr

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.RandomState(17)
features = ["income", "debt", "age", "tenure", "rate", "region"]
n, m = 40, len(features)
rows = np.arange(100, 100 + n)
a = np.round(rng.randn(n, m) * [1.0, 0.8, 0.3, 0.5, 0.6, 0.1], 1)
b = np.round(a + 0.25 * rng.randn(n, m), 1)
b[:, 2] *= 2.5  # age matters more in version b
b_order = [3, 0, 5, 1, 4, 2]  # b's feature order (indices into features)
b_rows = rng.permutation(n)  # b's row order
x = [0.3, 0.1, 0.1, 0.9, 0.5, 0.0, 0.25, 0.5]
y = [0.2, 0.15, 0.05, 0.8, 0.5, 0.01, 0.3, 0.5]


def top_reason(phi, higher):
    push = phi if higher else -phi
    best, largest = -1, 0.0
    for i, p in enumerate(push):
        if p > largest:
            best, largest = i, p
    return best


def top_set(phi, k):
    return set(np.argsort(-np.abs(phi), kind="stable")[:k].tolist())


def wilson(s, n):
    z = norm.ppf(0.975)
    p = s / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)


def ranks(v):
    order = sorted(range(m), key=lambda i: (-v[i], features[i]))
    r = [0] * m
    for p, i in enumerate(order):
        r[i] = p + 1
    return r


ia, ib = np.abs(a).mean(axis=0), np.abs(b).mean(axis=0)
result = {}
for higher in (True, False):
    changed = sum(top_reason(a[r], higher) != top_reason(b[r], higher) for r in range(n))
    lo, hi = wilson(changed, n)
    result["higher" if higher else "lower"] = {
        "changed": int(changed),
        "share": changed / n,
        "ci_low": lo,
        "ci_high": hi,
    }
jaccard = [len(top_set(a[r], 4) & top_set(b[r], 4)) / len(top_set(a[r], 4) | top_set(b[r], 4)) for r in range(n)]
golden = {
    "features": features,
    "a": {"features": features, "rows": rows.tolist(), "phi": a.tolist(), "mean_abs": ia.tolist()},
    "b": {
        "features": [features[i] for i in b_order],
        "rows": rows[b_rows].tolist(),
        "phi": b[b_rows][:, b_order].tolist(),
        "mean_abs": ib[b_order].tolist(),
    },
    "spearman": float(spearmanr(ia, ib).statistic),
    "kendall_tau": float(kendalltau(ia, ib).statistic),
    "top_reason": result,
    "top4_jaccard_mean": float(np.mean(jaccard)),
    "rank_a": ranks(ia),
    "rank_b": ranks(ib),
    "importance_b": ib.tolist(),
    "x": x,
    "y": y,
    "spearman_xy": float(spearmanr(x, y).statistic),
    "kendall_tau_xy": float(kendalltau(x, y).statistic),
}
with open(os.path.join(HERE, "version_explanations.json"), "w") as out:
    json.dump(golden, out, indent=1)
    out.write("\n")
print(golden["spearman"], golden["kendall_tau"], result, golden["top4_jaccard_mean"], golden["kendall_tau_xy"])
