#!/usr/bin/python3
"""Reference values for the drift statistics (dev.assay.core.drift), computed independently of
Assay with Debian's numpy and scipy 1.10 (python3-scipy), from the repository root:

    /usr/bin/python3 src/engine/src/test/resources/golden/drift/make_drift_golden.py

writes drift.json beside this script; the Java test (dev.assay.core.drift.DriftGoldenTest) needs no
Python. Samples are small decimal numbers written into the JSON (parsed to the same doubles on both
sides) or, for the large asymptotic cases, integer recipes both sides evaluate exactly:
value_i = ((i * mul + add) % mod) / div + shift.

- ks: scipy.stats.ks_2samp(a, b) (method='auto': exact when max(n1, n2) <= 10000, else asymp).
- kstwo: scipy.stats.kstwo.sf(x, n) over a grid that reaches every branch SciPy uses for the
  asymptotic p-value (Ruben-Gambino ends, Durbin matrix, Pomeranz, Pelz-Good, 2 * smirnov).
- wasserstein: scipy.stats.wasserstein_distance; normed by numpy.std(reference) (ddof 0).
- binned numeric: edges numpy.quantile(reference, k/10, k=1..9) deduplicated, bin = number of
  edges <= v (numpy.searchsorted side='right'); PSI on counts + 0.5 per bin; Jensen-Shannon
  scipy.spatial.distance.jensenshannon(base=2); Hellinger sqrt(1 - sum sqrt(r c)); L-infinity.
- chi2: scipy.stats.chi2_contingency([ref, cur]) (Yates when dof == 1), columns with zero total
  removed first (chi2_contingency refuses them).
- rates: chi2_contingency([[k1, n1 - k1], [k2, n2 - k2]], correction=False) p-value.
- holm / bh: adjusted p-values written out from their definitions.
"""
import json
import os

import numpy as np
from scipy import stats
from scipy.spatial import distance

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20261207)


def dec(x, places=3):
    return [float(round(v, places)) for v in x]


def recipe(n, mul, add, mod, div, shift):
    return {"n": n, "mul": mul, "add": add, "mod": mod, "div": div, "shift": shift}


def expand(r):
    i = np.arange(r["n"], dtype=np.int64)
    return ((i * r["mul"] + r["add"]) % r["mod"]) / r["div"] + r["shift"]


def ks_case(name, a=None, b=None, ra=None, rb=None):
    xa = np.array(a) if a is not None else expand(ra)
    xb = np.array(b) if b is not None else expand(rb)
    res = stats.ks_2samp(xa, xb)
    n1, n2 = len(xa), len(xb)
    case = {"name": name, "statistic": float(res.statistic), "p_value": float(res.pvalue),
            "method": "exact" if max(n1, n2) <= 10000 else "asymp"}
    if a is not None:
        case["a"], case["b"] = a, b
    else:
        case["recipe_a"], case["recipe_b"] = ra, rb
    return case


ks = [
    ks_case("equal_n_exact", dec(rng.normal(0, 1, 60)), dec(rng.normal(0.4, 1, 60))),
    ks_case("unequal_n_exact", dec(rng.normal(0, 1, 37)), dec(rng.normal(0.3, 1.3, 61))),
    ks_case("ties_exact", [float(v) for v in rng.integers(0, 6, 80)],
            [float(v) for v in rng.integers(0, 7, 95)]),
    ks_case("identical_exact", [1.0, 2.0, 3.0], [1.0, 2.0, 3.0]),
    ks_case("larger_exact", dec(rng.normal(0, 1, 900), 2), dec(rng.normal(0.05, 1, 2500), 2)),
    ks_case("max_exact_10000", ra=recipe(10000, 7919, 3, 100003, 1000.0, 0.0),
            rb=recipe(3000, 7927, 11, 100003, 1000.0, 3.0)),
    ks_case("asymp_small_en", ra=recipe(10001, 7919, 3, 100003, 1000.0, 0.0),
            rb=recipe(150, 7927, 11, 100003, 1000.0, 20.0)),
    ks_case("asymp_tiny_n", ra=recipe(12000, 7919, 3, 100003, 1000.0, 0.0),
            rb=recipe(25, 7927, 11, 100003, 1000.0, 0.0)),
    ks_case("asymp_tiny_n_shift", ra=recipe(12000, 7919, 3, 100003, 1000.0, 0.0),
            rb=recipe(25, 7927, 11, 100003, 1000.0, 30.0)),
    ks_case("asymp_large_n", ra=recipe(200000, 7919, 3, 100003, 1000.0, 0.0),
            rb=recipe(200000, 7927, 11, 100003, 1000.0, 0.5)),
    ks_case("asymp_null", ra=recipe(12000, 7919, 3, 100003, 1000.0, 0.0),
            rb=recipe(15000, 7927, 11, 100003, 1000.0, 0.0)),
    ks_case("asymp_shift", ra=recipe(12000, 7919, 3, 100003, 1000.0, 0.0),
            rb=recipe(15000, 7927, 11, 100003, 1000.0, 1.5)),
    ks_case("asymp_ties", ra=recipe(20000, 7919, 3, 101, 1.0, 0.0),
            rb=recipe(30000, 7927, 11, 103, 1.0, 0.0)),
]

kstwo = []
for n in [5, 20, 140, 141, 1000, 6667, 100000, 100001, 500000]:
    for x in [0.6 / n, 0.9 / n, 1.5 / n, 0.3 / np.sqrt(n), 0.7 / np.sqrt(n), 0.86 / np.sqrt(n),
              1.2 / np.sqrt(n), 1.6 / np.sqrt(n), 2.5 / np.sqrt(n), 4.0 / np.sqrt(n),
              10.0 / np.sqrt(n), 0.55, 1 - 0.5 / n]:
        if 0 < x < 1:
            kstwo.append({"n": n, "x": float(x), "sf": float(stats.kstwo.sf(x, n))})


def numeric_case(name, ref, cur):
    r, c = np.array(ref), np.array(cur)
    edges = np.unique(np.quantile(r, np.arange(1, 10) / 10))
    rc = np.bincount(np.searchsorted(edges, r, side="right"), minlength=len(edges) + 1)
    cc = np.bincount(np.searchsorted(edges, c, side="right"), minlength=len(edges) + 1)
    rs, cs = (rc + 0.5) / (rc.sum() + 0.5 * len(rc)), (cc + 0.5) / (cc.sum() + 0.5 * len(cc))
    pr, pc = rc / rc.sum(), cc / cc.sum()
    w = stats.wasserstein_distance(r, c)
    return {"name": name, "reference": ref, "current": cur, "edges": [float(e) for e in edges],
            "reference_counts": rc.tolist(), "current_counts": cc.tolist(),
            "wasserstein": float(w), "wasserstein_normed": float(w / np.std(r)),
            "psi": float(np.sum((cs - rs) * np.log(cs / rs))),
            "jensen_shannon": float(distance.jensenshannon(rc, cc, base=2)),
            "hellinger": float(np.sqrt(max(0.0, 1 - np.sum(np.sqrt(pr * pc))))),
            "linf": float(np.max(np.abs(pr - pc)))}


numeric = [
    numeric_case("normal_shift", dec(rng.normal(0, 1, 500)), dec(rng.normal(0.3, 1.2, 400))),
    numeric_case("ties_and_empty_bins", [float(v) for v in rng.integers(0, 4, 300)],
                 [float(v) for v in rng.integers(2, 9, 200)]),
    numeric_case("skewed", dec(rng.lognormal(0, 1, 1000), 4), dec(rng.lognormal(0.1, 0.9, 800), 4)),
]


def chi2_case(name, ref, cur):
    t = np.array([ref, cur])
    keep = t.sum(axis=0) > 0
    stat, p, dof, _ = stats.chi2_contingency(t[:, keep])
    pr, pc = np.array(ref) / sum(ref), np.array(cur) / sum(cur)
    rs = (np.array(ref) + 0.5) / (sum(ref) + 0.5 * len(ref))
    cs = (np.array(cur) + 0.5) / (sum(cur) + 0.5 * len(cur))
    return {"name": name, "reference": ref, "current": cur, "statistic": float(stat),
            "p_value": float(p), "dof": int(dof),
            "jensen_shannon": float(distance.jensenshannon(ref, cur, base=2)),
            "psi": float(np.sum((cs - rs) * np.log(cs / rs))),
            "hellinger": float(np.sqrt(max(0.0, 1 - np.sum(np.sqrt(pr * pc))))),
            "linf": float(np.max(np.abs(pr - pc)))}


chi2 = [
    chi2_case("dof1_yates", [45, 55], [30, 70]),
    chi2_case("dof1_yates_small_diff", [50, 50], [50, 51]),
    chi2_case("dof3", [120, 80, 60, 40], [100, 90, 70, 60]),
    chi2_case("unseen_category", [300, 200, 100, 0], [280, 190, 90, 40]),
    chi2_case("absent_both_and_unseen", [500, 0, 250, 0], [480, 0, 230, 3]),
    chi2_case("large_n_tiny_p", [400000, 350000, 250000], [380000, 370000, 250000]),
]

rates = []
for k1, n1, k2, n2 in [(10, 1000, 25, 1000), (0, 500, 3, 700), (120, 100000, 150, 120000),
                       (5, 50, 5, 50), (0, 100, 0, 100)]:
    if k1 + k2 == 0:
        p = 1.0
    else:
        p = stats.chi2_contingency([[k1, n1 - k1], [k2, n2 - k2]], correction=False)[1]
    rates.append({"k1": k1, "n1": n1, "k2": k2, "n2": n2, "p_value": float(p)})


def holm(p):
    p = np.asarray(p)
    m = len(p)
    order = np.argsort(p, kind="stable")
    adj = np.empty(m)
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p[i]))
        adj[i] = running
    return adj


def bh(p):
    p = np.asarray(p)
    m = len(p)
    order = np.argsort(p, kind="stable")
    adj = np.empty(m)
    running = 1.0
    for rank in range(m - 1, -1, -1):
        i = order[rank]
        running = min(running, min(1.0, m * p[i] / (rank + 1)))
        adj[i] = running
    return adj


pvals = [0.01, 0.04, 0.03, 0.005, 0.5, 0.04, 1e-9, 0.2]
adjust = {"p": pvals, "holm": holm(pvals).tolist(), "bh": bh(pvals).tolist()}

out = {"generator": "make_drift_golden.py", "scipy": __import__("scipy").__version__,
       "numpy": np.__version__, "ks": ks, "kstwo": kstwo, "numeric": numeric, "chi2": chi2,
       "rates": rates, "adjust": adjust}
with open(os.path.join(HERE, "drift.json"), "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
