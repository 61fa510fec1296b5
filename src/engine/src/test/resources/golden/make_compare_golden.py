#!/usr/bin/python3
"""Reference values for the comparison statistics (dev.assay.core.compare), computed independently
of Assay with numpy, scipy 1.10 and scikit-learn 1.2 (Debian's python3-scipy, python3-sklearn):

    /usr/bin/python3 src/engine/src/test/resources/golden/make_compare_golden.py > src/engine/src/test/resources/golden/compare.json

- McNemar: exact two-sided binomial p (scipy.stats.binomtest) and the chi-square statistic with
  continuity correction and its p (scipy.stats.chi2), as statsmodels' mcnemar.
- DeLong: the original O(m n) definition (DeLong et al. 1988) with the psi kernel over all
  positive/negative pairs, AUCs from sklearn.metrics.roc_auc_score; not the fast algorithm that the
  Java code uses, so the two are independent.
"""
import json

import numpy as np
from scipy import stats
from sklearn.metrics import roc_auc_score


def mcnemar(b, c):
    n = b + c
    if n < 25:
        p = min(1.0, stats.binomtest(min(b, c), n, 0.5).pvalue) if n > 0 else 1.0
        return {"b": b, "c": c, "statistic": float(min(b, c)), "p_value": float(p), "method": "mcnemar_exact"}
    stat = (abs(b - c) - 1.0) ** 2 / n
    return {"b": b, "c": c, "statistic": stat, "p_value": float(stats.chi2.sf(stat, 1)), "method": "mcnemar_chi2"}


def psi(x, y):
    return np.where(x > y, 1.0, np.where(x == y, 0.5, 0.0))


def delong(y, a, b):
    y = np.asarray(y, dtype=bool)
    out = {}
    v10s, v01s, aucs = [], [], []
    for s in (np.asarray(a, dtype=np.float32).astype(np.float64), np.asarray(b, dtype=np.float32).astype(np.float64)):
        pos, neg = s[y], s[~y]
        k = psi(pos[:, None], neg[None, :])  # m x n
        v10s.append(k.mean(axis=1))
        v01s.append(k.mean(axis=0))
        aucs.append(roc_auc_score(y, s))
    m, n = y.sum(), (~y).sum()
    s10 = np.cov(np.vstack(v10s))
    s01 = np.cov(np.vstack(v01s))
    s = s10 / m + s01 / n
    var = s[0, 0] + s[1, 1] - 2 * s[0, 1]
    diff = aucs[1] - aucs[0]
    z = diff / np.sqrt(var)
    p = 2 * stats.norm.sf(abs(z))
    half = stats.norm.ppf(0.975) * np.sqrt(var)
    return {"auc_a": aucs[0], "auc_b": aucs[1], "difference": diff, "variance": float(var),
            "z": float(z), "p_value": float(p), "ci_low": diff - half, "ci_high": diff + half}


rng = np.random.default_rng(7)
# small hand-made example with ties in both score columns
y_small = [1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1, 1, 0, 0, 1]
a_small = [0.9, 0.1, 0.8, 0.4, 0.4, 0.3, 0.7, 0.6, 0.55, 0.2, 0.5, 0.4, 0.95, 0.05, 0.6, 0.3]
b_small = [0.8, 0.2, 0.9, 0.6, 0.3, 0.3, 0.6, 0.4, 0.7, 0.1, 0.5, 0.65, 0.9, 0.1, 0.45, 0.5]
# a larger random example: two correlated scores
n = 400
y_big = rng.integers(0, 2, n)
base = rng.normal(size=n) + 0.8 * y_big
a_big = np.round(1 / (1 + np.exp(-(base + rng.normal(scale=0.8, size=n)))), 3)
b_big = np.round(1 / (1 + np.exp(-(1.3 * base + rng.normal(scale=0.6, size=n)))), 3)

doc = {
    "mcnemar": [mcnemar(10, 3), mcnemar(3, 10), mcnemar(0, 0), mcnemar(12, 12), mcnemar(150, 100), mcnemar(40, 61)],
    "delong": [
        {"name": "small", "y": y_small, "a": a_small, "b": b_small, **delong(y_small, a_small, b_small)},
        {"name": "random400", "y": y_big.tolist(), "a": a_big.tolist(), "b": b_big.tolist(),
         **delong(y_big, a_big, b_big)},
    ],
}
print(json.dumps(doc, indent=1))
