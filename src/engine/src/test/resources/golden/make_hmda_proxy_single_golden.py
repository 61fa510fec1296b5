#!/usr/bin/python3
"""Golden proxy associations of the HMDA test set's features with `single`, from SciPy.

    /usr/bin/python3 src/engine/src/test/resources/golden/make_hmda_proxy_single_golden.py

For each feature column of models/data/hmda_test.csv (all but afam and deny): Cramér's V
(scipy.stats.contingency.association, method "cramer") for a column of at most 10 distinct values,
else the correlation ratio, which for the two-group single is |scipy.stats.pointbiserialr|.
Output (committed): hmda_proxy_single.json, used by the CLI test of `--sensitive afam,single`.
"""
import csv
import json
import os

import numpy as np
from scipy.stats import pointbiserialr
from scipy.stats.contingency import association, crosstab

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "../../../../../.."))
with open(os.path.join(ROOT, "models/data/hmda_test.csv")) as f:
    rows = list(csv.DictReader(f))
single = np.array([r["single"] for r in rows])
out = {}
for column in rows[0]:
    if column in ("single", "deny"):
        continue
    x = np.array([float(r[column]) for r in rows])
    if len(np.unique(x)) <= 10:
        out[column] = {"measure": "cramers_v", "value": float(association(crosstab(x, single).count, method="cramer"))}
    else:
        r = pointbiserialr((single == "1").astype(float), x)[0]
        out[column] = {"measure": "correlation_ratio", "value": abs(float(r))}
with open(os.path.join(HERE, "hmda_proxy_single.json"), "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
print(json.dumps(out, indent=1))
