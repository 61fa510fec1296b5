#!/usr/bin/python3
"""Reference values for the domain classifier's categorical columns (dev.assay.core.drift
.DomainFeatures, DomainClassifier), computed with Debian's scikit-learn (python3-sklearn), from the
repository root:

    /usr/bin/python3 src/engine/src/test/resources/golden/multivariate/make_domain_onehot_golden.py

writes domain_onehot.json beside this script (read by DomainClassifierOneHotTest). A reference of
300 rows and a current of 260 rows (no sampling below the 1,000-row cap) with two numeric columns
(one with missing cells) and two categorical ones: 'city' with 14 categories and missing cells (so
the top 10 plus "other"), its mix shifted in the current data, and 'tier' with 3 categories.
The design matrix: numeric columns standardised by the pooled mean and population sd (missing: 0)
and their squares, then per categorical column sklearn's OneHotEncoder over the 10 most frequent
categories of the pooled rows (count descending, ties by name; missing is "(missing)") with every
other category mapped to "(other)". Fitted with sklearn.linear_model.LogisticRegression(C=1.0)
(newton-cg, tol 1e-14) on all rows, label 1 for current rows.
"""
import json
import os
from collections import Counter

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import OneHotEncoder

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20261218)
NR, NC, TOP = 300, 260, 10

def numeric(n, loc, scale, missing):
    v = np.round(rng.normal(loc, scale, n), 3).tolist()
    return [None if rng.random() < missing else x for x in v]

def city(n, shifted):
    w = np.arange(14, 0, -1, dtype=float)
    if shifted:
        w[10:] *= 4.0
        w[0] *= 0.4
    w /= w.sum()
    cells = ["c%02d" % k for k in rng.choice(14, n, p=w)]
    return [None if rng.random() < 0.05 else c for c in cells]

ref = {"x1": numeric(NR, 0, 1, 0.0), "x2": numeric(NR, 5, 2, 0.1),
       "city": city(NR, False), "tier": [str(t) for t in rng.choice(["gold", "silver", "bronze"], NR)]}
cur = {"x1": numeric(NC, 0.2, 1, 0.0), "x2": numeric(NC, 5, 2, 0.1),
       "city": city(NC, True), "tier": [str(t) for t in rng.choice(["gold", "silver", "bronze"], NC, p=[0.2, 0.4, 0.4])]}

columns = []
names = []
for name in ["x1", "x2"]:
    v = np.array([np.nan if e is None else e for e in ref[name] + cur[name]])
    mean = np.nanmean(v)
    sd = np.sqrt(np.nanmean((v - mean) ** 2))
    z = np.where(np.isnan(v), 0.0, (v - mean) / sd)
    columns.append(z)
    names.append(name)
squares = [z * z for z in columns]
levels = {}
onehot = []
for name in ["city", "tier"]:
    v = ["(missing)" if e is None else e for e in ref[name] + cur[name]]
    ranked = sorted(Counter(v).items(), key=lambda kv: (-kv[1], kv[0]))
    top = [k for k, _ in ranked[:TOP]]
    mapped = [e if e in top else "(other)" for e in v]
    order = top + (["(other)"] if len(ranked) > TOP else [])
    enc = OneHotEncoder(categories=[order]).fit(np.array(mapped).reshape(-1, 1))
    onehot.append(enc.transform(np.array(mapped).reshape(-1, 1)).toarray())
    levels[name] = order
x = np.column_stack(columns + squares + onehot)
y = np.array([0] * NR + [1] * NC)
model = LogisticRegression(C=1.0, solver="newton-cg", tol=1e-14, max_iter=100000).fit(x, y)
coef = [float(v) for v in model.coef_[0]]

json.dump({"reference": ref, "current": cur, "levels": levels,
           "intercept": float(model.intercept_[0]), "coef": coef}, open(os.path.join(HERE, "domain_onehot.json"), "w"))
print(levels, model.intercept_, coef)
