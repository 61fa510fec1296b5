#!/usr/bin/python3
"""Golden rank statistics for dev.assay.core.explain.Stability, from SciPy.

    /usr/bin/python3 src/engine/src/test/resources/golden/make_stability_golden.py

Spearman's rho (scipy.stats.spearmanr) and average ranks (scipy.stats.rankdata) of two importance
vectors with ties, and the top-k agreement (share of rows whose k largest |phi| are the same set,
ties by feature order as numpy's stable argsort of -|phi|) of two small attribution tables; per
row the Jaccard index of the two top-k sets (Python sets), its mean, and the share of rows whose
largest |phi| is the same feature.
Output (committed): stability.json.
"""
import json
import os

import numpy as np
from scipy.stats import rankdata, spearmanr

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.RandomState(5)
x = [0.3, 0.1, 0.1, 0.9, 0.5, 0.0, 0.25]
y = [0.2, 0.15, 0.05, 0.8, 0.5, 0.01, 0.3]
a = np.round(rng.randn(30, 6), 1)
b = np.round(a + 0.3 * rng.randn(30, 6), 1)


def top(phi, k):
    return sorted(np.argsort(-np.abs(phi), kind="stable")[:k].tolist())


k = 2
agreement = float(np.mean([top(a[r], k) == top(b[r], k) for r in range(30)]))
jaccard = []
for r in range(30):
    sa, sb = set(top(a[r], k)), set(top(b[r], k))
    jaccard.append(len(sa & sb) / len(sa | sb))
first = lambda phi: int(np.argsort(-np.abs(phi), kind="stable")[0])
top1 = float(np.mean([first(a[r]) == first(b[r]) for r in range(30)]))
golden = {
    "x": x,
    "y": y,
    "spearman": float(spearmanr(x, y).correlation),
    "ranks_x": rankdata(x).tolist(),
    "a": a.tolist(),
    "b": b.tolist(),
    "k": k,
    "top_agreement": agreement,
    "jaccard": jaccard,
    "mean_jaccard": float(np.mean(jaccard)),
    "top1_agreement": top1,
    "spearman_mean_abs": float(spearmanr(np.abs(a).mean(axis=0), np.abs(b).mean(axis=0)).correlation),
}
with open(os.path.join(HERE, "stability.json"), "w") as out:
    json.dump(golden, out, indent=1)
    out.write("\n")
print(golden["spearman"], agreement, golden["spearman_mean_abs"])
