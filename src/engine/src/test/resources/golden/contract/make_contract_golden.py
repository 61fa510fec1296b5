#!/usr/bin/python3
"""Reference values for data contracts (dev.assay.core.drift.DataContract / ContractCheck),
computed independently of Assay with Debian's python3 and numpy, from the repository root:

    /usr/bin/python3 src/engine/src/test/resources/golden/contract/make_contract_golden.py

writes ref.csv, cur.csv and contract.json beside this script.

Reference: 2,000 rows of income (N(50, 10), 2 decimals, every 50th row missing), age (integers
18..80), region (north/south/east/west). Current: 1,500 rows from the same recipe with planted
violations: income above the reference maximum in rows 7, 300, 301; below the minimum in row 12;
the text 'n/a?' in row 40; 'inf' in row 41; age missing in every 10th row (rate 0.1 against 0
on the reference); region 'central' in rows 5 and 999.

Contract inferred as the Java side defines it: numeric [min, max] of the reference's finite
values, infinities allowed only if the reference had some; the categories seen; missing rate at
most p + max(0.01, 3 sqrt(p (1 - p) / n)), p the reference's missing rate over n rows.
Violations: per column and rule, count and the first five data rows (1-based).
"""
import json
import math
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20261219)
REGIONS = ["north", "south", "east", "west"]


def rows(n):
    out = []
    for i in range(n):
        income = "" if i % 50 == 49 else "%.2f" % rng.normal(50, 10)
        out.append([income, str(int(rng.integers(18, 81))), REGIONS[int(rng.integers(0, 4))]])
    return out


ref = rows(2000)
cur = rows(1500)
incomes = [float(r[0]) for r in ref if r[0] != ""]
lo, hi = min(incomes), max(incomes)
for row in (7, 300, 301):
    cur[row - 1][0] = "%.2f" % (hi + row)
cur[12 - 1][0] = "%.2f" % (lo - 1)
cur[40 - 1][0] = "n/a?"
cur[41 - 1][0] = "inf"
for i in range(1500):
    if (i + 1) % 10 == 0:
        cur[i][1] = ""
for row in (5, 999):
    cur[row - 1][2] = "central"


def write(name, data):
    with open(os.path.join(HERE, name), "w") as f:
        f.write("income,age,region\n")
        for r in data:
            f.write(",".join(r) + "\n")


write("ref.csv", ref)
write("cur.csv", cur)


def bound(missing, n):
    p = missing / n
    return min(1.0, p + max(0.01, 3 * math.sqrt(p * (1 - p) / n)))


ages = [int(r[1]) for r in ref]
contract = [
    {"name": "income", "kind": "numeric", "min": lo, "max": hi,
     "max_missing_rate": bound(sum(r[0] == "" for r in ref), 2000)},
    {"name": "age", "kind": "numeric", "min": float(min(ages)), "max": float(max(ages)),
     "max_missing_rate": bound(0, 2000)},
    {"name": "region", "kind": "categorical", "categories": sorted(set(r[2] for r in ref)),
     "max_missing_rate": bound(0, 2000)},
]


def violations():
    out = []
    income = {"not_a_number": [], "below_min": [], "above_max": [], "non_finite": []}
    for i, r in enumerate(cur, start=1):
        v = r[0]
        if v == "":
            continue
        if v == "inf":
            income["non_finite"].append(i)
            continue
        try:
            x = float(v)
        except ValueError:
            income["not_a_number"].append(i)
            continue
        if x < lo:
            income["below_min"].append(i)
        elif x > hi:
            income["above_max"].append(i)
    for rule in ("not_a_number", "below_min", "above_max", "non_finite"):
        if income[rule]:
            out.append({"column": "income", "rule": rule, "count": len(income[rule]),
                        "example_rows": income[rule][:5]})
    age_missing = sum(r[1] == "" for r in cur)
    if age_missing / 1500 > contract[1]["max_missing_rate"]:
        out.append({"column": "age", "rule": "missing_rate", "count": age_missing, "example_rows": []})
    unknown = [i for i, r in enumerate(cur, start=1) if r[2] not in contract[2]["categories"]]
    out.append({"column": "region", "rule": "unknown_category", "count": len(unknown),
                "example_rows": unknown[:5]})
    return out


with open(os.path.join(HERE, "contract.json"), "w") as f:
    json.dump({"numpy": np.__version__, "contract": contract, "rows": 1500,
               "violations": violations()}, f, indent=1)
print(json.dumps(violations()))
