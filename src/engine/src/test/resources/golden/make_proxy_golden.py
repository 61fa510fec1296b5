#!/usr/bin/python3
"""Golden proxy associations for dev.assay.core.explain.ProxyAssociation, from SciPy.

    /usr/bin/python3 src/engine/src/test/resources/golden/make_proxy_golden.py

Four features against a two-group and a three-group attribute (200 rows, 7 with an empty cell of
the three-group one, left out): for the numeric features (more than 10 distinct values) the
correlation ratio eta, as |scipy.stats.pointbiserialr| for two groups and from
scipy.stats.f_oneway for three (eta^2 = F (k-1) / (F (k-1) + N - k)); for the discrete features
(at most 10 distinct values) Cramér's V, scipy.stats.contingency.association(method="cramer") of
scipy.stats.contingency.crosstab. Output (committed): proxy.json.
"""
import json
import os

import numpy as np
from scipy.stats import f_oneway, pointbiserialr
from scipy.stats.contingency import association, crosstab

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.RandomState(17)
n = 200
two = rng.randint(0, 2, n)
three = rng.choice(["a", "b", "c"], n)
missing = rng.choice(n, 7, replace=False)
income = np.round(50 + 12 * two + rng.randn(n) * 10, 3)  # numeric, tied to `two`
age = np.round(40 + rng.randn(n) * 12, 2)  # numeric, unrelated
zip_band = np.where(rng.rand(n) < 0.8, two * 2 + rng.randint(0, 2, n), rng.randint(0, 4, n))  # 4 values
children = rng.randint(0, 3, n)  # 3 values, unrelated
features = {"income": income, "age": age, "zip_band": zip_band, "children": children}
three_cells = [("" if r in set(missing.tolist()) else three[r]) for r in range(n)]
kept = np.array([c != "" for c in three_cells])


def measure(x, g):
    if len(np.unique(x)) <= 10:
        return "cramers_v", float(association(crosstab(x, g).count, method="cramer"))
    groups = np.unique(g)
    if len(groups) == 2:
        return "correlation_ratio", abs(float(pointbiserialr((g == groups[1]).astype(float), x)[0]))
    f = f_oneway(*[x[g == v] for v in groups]).statistic
    k, total = len(groups), len(x)
    return "correlation_ratio", float(np.sqrt(f * (k - 1) / (f * (k - 1) + total - k)))


golden = {
    "features": list(features),
    "rows": [[float(features[f][r]) for f in features] for r in range(n)],
    "two": [str(v) for v in two],
    "three": three_cells,
    "associations": [],
}
for attribute, labels, mask in [
    ("two", np.array([str(v) for v in two]), np.ones(n, bool)),
    ("three", np.array(three_cells), kept),
]:
    for f, x in features.items():
        name, value = measure(x[mask], labels[mask])
        golden["associations"].append(
            {"feature": f, "attribute": attribute, "measure": name, "value": value}
        )
with open(os.path.join(HERE, "proxy.json"), "w") as out:
    json.dump(golden, out, indent=1)
    out.write("\n")
for a in golden["associations"]:
    print(a)
