#!/usr/bin/python3
"""Reference values for Assay's Evidently-compatible drift mode (dev.assay.core.drift.EvidentlyDrift),
computed independently of Assay with Debian's numpy and scipy (python3-scipy), from the repository
root:

    /usr/bin/python3 src/engine/src/test/resources/golden/evidently/make_evidently_golden.py

writes evidently.json beside this script (read by EvidentlyGoldenTest). Evidently itself and pandas
are not installed here, so the default test choice of Evidently's legacy DataDriftPreset is written
out below from Evidently's source (evidentlyai/evidently, src/evidently/legacy, commit a4aa4c2):

- column type (utils/data_preprocessing.py _get_column_type): the current data's dtype decides;
  pandas.read_csv gives int64 only when every cell is an integer (no missing cell); an int64 column
  with at most 5 distinct reference values (NUMBER_UNIQUE_AS_CATEGORICAL; the current's if the
  reference has none) is categorical, other numbers numerical, text categorical;
- missing and infinite cells dropped (calculations/data_drift.py get_one_column_drift);
- test (calculations/stattests/registry.py _get_default_stattest), n = reference values,
  u = distinct values of both samples: n <= 1000: numerical and u > 5 -> ks, else chisquare when
  u > 2, else z; n > 1000: numerical and u > 5 -> wasserstein, else jensenshannon;
- ks: scipy.stats.ks_2samp p, drift when p <= 0.05; chisquare: scipy.stats.chisquare(obs, ref *
  n_cur / n_ref) over the keys of both samples, drift when p < 0.05; z: two-proportion z on "not the
  smallest key", p = 2 (1 - norm.cdf(|z|)), 1 when both samples are one same value, drift when
  p < 0.05; wasserstein: scipy.stats.wasserstein_distance / max(numpy.std(ref), 0.001), drift when
  >= 0.1; jensenshannon: scipy.spatial.distance.jensenshannon(ref shares, cur shares) (natural
  log, value-count keys since no such column has more than 20 distinct reference values), drift
  when >= 0.1.
"""
import json
import math
import os

import numpy as np
from scipy import stats
from scipy.spatial import distance

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20261207)


def dec(x, places=3):
    return [float(round(v, places)) for v in x]


def ints(x):
    return [float(v) for v in x]


def evidently(ref, cur, text):
    clean = (lambda xs: [v for v in xs if v is not None]) if text else \
        (lambda xs: [v for v in xs if v is not None and math.isfinite(v)])
    r, c = clean(ref), clean(cur)
    if text:
        ctype = "categorical"
    else:
        int_dtype = all(v is not None and math.isfinite(v) and float(v).is_integer() for v in cur)
        nunique = len(set(r)) or len(set(c))
        ctype = "categorical" if int_dtype and nunique <= 5 else "numerical"
    u = len(set(r) | set(c))
    keys = sorted(set(r) | set(c))
    out = {"kind": ctype, "n_reference": len(r), "n_current": len(c), "n_unique": u}
    if len(r) <= 1000:
        if ctype == "numerical" and u > 5:
            res = stats.ks_2samp(np.array(r), np.array(c))
            out.update(stattest="ks", score=float(res.pvalue), statistic=float(res.statistic),
                       drift=bool(res.pvalue <= 0.05))
        elif u > 2:
            k = len(c) / len(r)
            f_exp = [r.count(key) * k for key in keys]
            f_obs = [c.count(key) for key in keys]
            if min(f_exp) == 0:
                stat, p = math.inf, 0.0
            else:
                stat, p = stats.chisquare(f_obs, f_exp)
            out.update(stattest="chisquare", score=float(p), statistic=float(stat), dof=u - 1,
                       drift=bool(p < 0.05))
        else:
            if len(set(r)) == 1 and len(set(c)) == 1 and r[0] == c[0]:
                z, p = None, 1.0
            else:
                a = np.array([0 if v == keys[0] else 1 for v in r])
                b = np.array([0 if v == keys[0] else 1 for v in c])
                n1, n2 = len(a), len(b)
                p1, p2 = float(sum(a)) / n1, float(sum(b)) / n2
                pp = float(p1 * n1 + p2 * n2) / (n1 + n2)
                z = (p1 - p2) / np.sqrt(pp * (1 - pp) * (1.0 / n1 + 1.0 / n2))
                p = 2 * (1 - stats.norm.cdf(np.abs(z)))
                z = float(z)
            out.update(stattest="z", score=float(p), statistic=z, drift=bool(p < 0.05))
    else:
        if ctype == "numerical" and u > 5:
            norm = max(float(np.std(r)), 0.001)
            w = stats.wasserstein_distance(r, c) / norm
            out.update(stattest="wasserstein", score=float(w), drift=bool(w >= 0.1))
        else:
            rp = np.array([r.count(key) / len(r) for key in keys])
            cp = np.array([c.count(key) / len(c) for key in keys])
            js = distance.jensenshannon(rp, cp)
            out.update(stattest="jensenshannon", score=float(js), drift=bool(js >= 0.1))
    return out


def case(name, ref, cur, text=False):
    c = {"name": name, "text": text, "reference": ref, "current": cur}
    c.update(evidently(ref, cur, text))
    return c


def with_missing(xs, every):
    return [None if i % every == 0 else v for i, v in enumerate(xs)]


cases = [
    case("ks_shift", dec(rng.normal(0, 1, 200)), dec(rng.normal(0.5, 1, 150))),
    case("ks_same", dec(rng.normal(0, 1, 300)), dec(rng.normal(0, 1, 250))),
    case("ks_reference_1000", dec(rng.normal(0, 1, 1000), 2), dec(rng.normal(0.1, 1, 400), 2)),
    case("wasserstein_reference_1001", dec(rng.normal(0, 1, 1001), 2),
         dec(rng.normal(0.1, 1, 400), 2)),
    case("wasserstein_shift", dec(rng.normal(10, 2, 1500)), dec(rng.normal(10.4, 2, 900))),
    case("wasserstein_same", dec(rng.normal(10, 2, 1500)), dec(rng.normal(10, 2, 900))),
    case("wasserstein_constant_reference", [3.0] * 1200, dec(rng.normal(3, 0.0005, 50), 5)),
    case("int_three_values_chisquare", ints(rng.integers(0, 3, 300)),
         ints(rng.choice(3, 200, p=[0.25, 0.35, 0.4]))),
    case("int_three_values_same", ints(rng.integers(0, 3, 300)), ints(rng.integers(0, 3, 200))),
    case("int_binary_z", ints(rng.integers(0, 2, 400)), ints(rng.choice(2, 300, p=[0.4, 0.6]))),
    case("float_three_values_chisquare", [v + 0.5 for v in ints(rng.integers(0, 3, 300))],
         [v + 0.5 for v in ints(rng.integers(0, 3, 280))]),
    case("int_new_values_infinite_chisquare", ints(rng.integers(0, 3, 200)),
         ints(rng.integers(0, 8, 150))),
    case("int_missing_current_is_float_ks", ints(rng.integers(0, 3, 200)),
         with_missing(ints(rng.integers(0, 8, 150)), 7)),
    case("int_ten_values_ks", ints(rng.integers(0, 10, 500)), ints(rng.integers(1, 11, 400))),
    case("int_four_values_large_js", ints(rng.integers(0, 4, 2000)),
         ints(rng.choice(4, 1000, p=[0.2, 0.2, 0.3, 0.3]))),
    case("float_missing_reference", with_missing(dec(rng.normal(0, 1, 220)), 5),
         dec(rng.normal(0, 1, 180))),
    case("text_binary_z", [str(v) for v in rng.choice(["no", "yes"], 500, p=[0.7, 0.3])],
         [str(v) for v in rng.choice(["no", "yes"], 400, p=[0.6, 0.4])], text=True),
    case("text_binary_z_far", ["a"] * 900 + ["b"] * 100, ["a"] * 100 + ["b"] * 900, text=True),
    case("text_constant_z", ["a"] * 50, ["a"] * 70, text=True),
    case("text_four_chisquare", [str(v) for v in rng.choice(list("abcd"), 600)],
         [str(v) for v in rng.choice(list("abcd"), 500)], text=True),
    case("text_missing_chisquare", with_missing([str(v) for v in rng.choice(list("abc"), 300)], 4),
         [str(v) for v in rng.choice(list("abc"), 300, p=[0.5, 0.3, 0.2])], text=True),
    case("text_large_js", [str(v) for v in rng.choice(list("abcdef"), 3000)],
         [str(v) for v in rng.choice(list("abcdefg"), 2000,
                                     p=[0.1, 0.1, 0.2, 0.2, 0.2, 0.1, 0.1])], text=True),
    case("text_large_js_same", [str(v) for v in rng.choice(list("abc"), 3000)],
         [str(v) for v in rng.choice(list("abc"), 2000)], text=True),
]

for c in cases:
    if c.get("statistic") is not None and math.isinf(c["statistic"]):
        c["statistic"] = "inf"
import scipy  # noqa: E402

with open(os.path.join(HERE, "evidently.json"), "w") as f:
    json.dump({"scipy": scipy.__version__, "cases": cases}, f, indent=None, allow_nan=False)
for c in cases:
    print(c["name"], c["kind"], c["stattest"], c["score"], c["drift"])
