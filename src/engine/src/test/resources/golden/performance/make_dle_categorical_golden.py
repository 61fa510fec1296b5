#!/usr/bin/python3
"""Reference values for Direct Loss Estimation with categorical features
(dev.assay.core.drift.Dle with DleCategories), computed independently of Assay with Debian's numpy
and scikit-learn (python3-sklearn), from the repository root:

    /usr/bin/python3 src/engine/src/test/resources/golden/performance/make_dle_categorical_golden.py

writes dle_categorical.json beside this script. The Java test (DleCategoricalGoldenTest) needs no
Python.

The data (1,500 rows per side): x1 ~ N(0, 1); `grade`, 13 categories g00..g12 with falling
frequencies and 4 % missing cells; `region`, north/south/west. The model predicts
p = 2 x1 + r(region) (r = 0, 0.5, -0.5) and the target is y = p + e with
e ~ N(0, (0.3 + 0.3 |x1| + w(region) + v(grade))^2), w = 0, 0.1, 1.2 (west is hard) and v = 0.6
for the rare grades g08..g12, 0 otherwise. On the current data x1 is unchanged, west rises from 15 %
to 50 % of the rows, the rare grades become as common as the rest, and an unseen grade g99 appears
(3 %). A loss model without the categorical columns sees no shift; with them it sees the rise.

The encoding (target-free, fixed on the reference rows): per categorical column a 0/1 indicator
for each of its 10 most frequent reference categories (count descending, ties by name; a missing
cell is the category "(missing)"), then "(other)" when the reference has more than 10 categories;
a cell outside the top 10 maps to "(other)" where the column has it, and to no indicator where it
has not. Here through sklearn.preprocessing.OneHotEncoder(categories=[levels],
handle_unknown='ignore') on the mapped cells. The design row: z, z^2, |z| of the numeric columns,
the same of the prediction (reference mean and population sd), then the indicators, column by
column. Both loss models are sklearn.linear_model.Ridge(alpha=1.0); see make_dle_golden.py for the
rest of DLE. Values are rounded to 6 decimals so both sides parse the same doubles.
"""
import collections
import json
import os

import numpy as np
import sklearn
from sklearn.linear_model import Ridge
from sklearn.preprocessing import OneHotEncoder

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20261208)
N = 1500
CHUNK = 500
GRADES = ["g%02d" % k for k in range(13)]
REGIONS = ["north", "south", "west"]
R_EFFECT = {"north": 0.0, "south": 0.5, "west": -0.5}
W_NOISE = {"north": 0.0, "south": 0.1, "west": 1.2}


def sample(region_p, grade_p, unseen):
    x1 = np.round(rng.normal(0, 1, N), 6)
    region = rng.choice(REGIONS, size=N, p=region_p).tolist()
    grade = rng.choice(GRADES, size=N, p=grade_p).tolist()
    u = rng.random(N)
    grade = [None if u[i] < 0.04 else ("g99" if u[i] < 0.04 + unseen else grade[i]) for i in range(N)]
    p = np.round(2 * x1 + np.array([R_EFFECT[r] for r in region]), 6)
    rare = np.array([g is not None and g in GRADES[8:] for g in grade], dtype=float)
    sd = 0.3 + 0.3 * np.abs(x1) + np.array([W_NOISE[r] for r in region]) + 0.6 * rare
    y = np.round(p + rng.normal(0, 1, N) * sd, 6)
    return x1, grade, region, p, y


ref_grade_p = np.array([30, 20, 14, 10, 8, 6, 4, 3, 1.5, 1.2, 0.9, 0.8, 0.6])
cur_grade_p = np.array([10, 9, 8, 8, 8, 8, 8, 8, 7, 7, 7, 6, 6], dtype=float)
xr, gr, rr, pr, yr = sample([0.45, 0.40, 0.15], ref_grade_p / ref_grade_p.sum(), 0.0)
xc, gc, rc, pc, yc = sample([0.25, 0.25, 0.50], cur_grade_p / cur_grade_p.sum(), 0.03)


def levels(cells):
    counts = collections.Counter("(missing)" if c is None else c for c in cells)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    top = [k for k, _ in ranked[:10]]
    if len(ranked) > 10:
        top.append("(other)")
    return top


def one_hot(cells, lv):
    mapped = []
    for c in cells:
        c = "(missing)" if c is None else c
        if c not in lv and "(other)" in lv:
            c = "(other)"
        mapped.append([c])
    enc = OneHotEncoder(categories=[lv], handle_unknown="ignore", sparse_output=False)
    enc.fit([[lv[0]]])
    return enc.transform(mapped)


def moments(v):
    return float(v.mean()), (float(v.std()) if v.std() > 0 else 1.0)


LEVELS = [levels(gr), levels(rr)]
STATS = [moments(xr), moments(pr)]


def design(x1, grade, region, p, categorical=True):
    m, s = STATS[0]
    z = (x1 - m) / s
    mp, sp = STATS[1]
    zp = (p - mp) / sp
    cols = [z[:, None], (z * z)[:, None], np.abs(z)[:, None], zp[:, None], (zp * zp)[:, None], np.abs(zp)[:, None]]
    if categorical:
        cols.append(one_hot(grade, LEVELS[0]))
        cols.append(one_hot(region, LEVELS[1]))
    return np.hstack(cols)


abs_r = np.abs(yr - pr)
sq_r = (yr - pr) ** 2
sd_abs = float(abs_r.std())
sd_sq = float(sq_r.std())


def models(categorical):
    d = design(xr, gr, rr, pr, categorical)
    return Ridge(alpha=1.0).fit(d, abs_r), Ridge(alpha=1.0).fit(d, sq_r)


def estimate(fit, sl, categorical=True):
    d = design(xc[sl], [gc[i] for i in range(N)][sl], [rc[i] for i in range(N)][sl], pc[sl], categorical)
    a = np.maximum(fit[0].predict(d), 0.0)
    s = np.maximum(fit[1].predict(d), 0.0)
    n = len(a)
    rmse = float(np.sqrt(s.mean()))
    y, p = yc[sl], pc[sl]
    return {
        "rows": n,
        "mae": float(a.mean()),
        "mae_standard_error": sd_abs / np.sqrt(n),
        "rmse": rmse,
        "rmse_standard_error": sd_sq / np.sqrt(n) / (2 * rmse),
        "realised_mae": float(np.abs(y - p).mean()),
        "realised_rmse": float(np.sqrt(((y - p) ** 2).mean())),
    }, a, s


with_cat = models(True)
without = models(False)
whole, a_c, s_c = estimate(with_cat, slice(0, N))
golden = {
    "generator": "make_dle_categorical_golden.py with numpy %s, scikit-learn %s"
    % (np.__version__, sklearn.__version__),
    "features": ["x1"],
    "categorical_features": ["grade", "region"],
    "chunk_rows": CHUNK,
    "reference": {"x": [xr.tolist()], "text": [gr, rr], "prediction": pr.tolist(), "actual": yr.tolist()},
    "current": {"x": [xc.tolist()], "text": [gc, rc], "prediction": pc.tolist(), "actual": yc.tolist()},
    "levels": LEVELS,
    "means": [STATS[0][0], STATS[1][0]],
    "sds": [STATS[0][1], STATS[1][1]],
    "current_design_head": design(xc[:5], gc[:5], rc[:5], pc[:5]).tolist(),
    "abs_coef": with_cat[0].coef_.tolist(),
    "abs_intercept": float(with_cat[0].intercept_),
    "sq_coef": with_cat[1].coef_.tolist(),
    "sq_intercept": float(with_cat[1].intercept_),
    "current_predicted_abs_error_head": a_c[:20].tolist(),
    "current_predicted_squared_error_head": s_c[:20].tolist(),
    "current_estimate": whole,
    "chunks": [estimate(with_cat, slice(k, k + CHUNK))[0] for k in range(0, N, CHUNK)],
    "numeric_only_estimate": estimate(without, slice(0, N), False)[0],
}
with open(os.path.join(HERE, "dle_categorical.json"), "w") as f:
    json.dump(golden, f, indent=None, separators=(",", ":"))
    f.write("\n")
print("levels", LEVELS)
print("with categorical", whole)
print("numeric only", golden["numeric_only_estimate"])
