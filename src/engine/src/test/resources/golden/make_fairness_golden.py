#!/usr/bin/python3
"""Golden fairness figures for the sample HMDA models, computed independently of Assay.

Run with Debian's python (apt-get install python3-onnx python3-numpy python3-scipy) from the
repository root:

    /usr/bin/python3 src/engine/src/test/resources/golden/make_fairness_golden.py

The probabilities come from the numpy forward pass of make_eval_golden.py (float32, as ONNX
Runtime). Fairlearn is not packaged for Debian, so its definitions are written out here from its
documentation (fairlearn.metrics: selection_rate, demographic_parity_difference/ratio with
method="between_groups", true_positive_rate, false_positive_rate, equalized_odds_difference), with
AIF360's for disparate impact, average odds difference and the Theil index (generalized entropy
index, alpha = 1, benefits b = yhat - y + 1 in favourable terms). Tests come from scipy:
chi2_contingency(correction=False) and fisher_exact (two-sided). ROC AUC per group is
scikit-learn-free here: the Mann-Whitney statistic with midranks (scipy.stats.rankdata), and its
interval DeLong's, from the placement values.

Bootstrap intervals are computed by resampling rows within each group (numpy, 2000 resamples); the
Java side draws group cell counts from the multinomial distribution instead (the same bootstrap in
distribution, different random numbers), so the test compares intervals with a tolerance.

Conventions shared with Assay: a rate with a zero denominator is undefined (NaN) and left out of
gaps; groups under 20 rows are shown but not judged; the reference group is the largest judged
group unless chosen; disparate impact and average odds difference report the group furthest from
parity (|log ratio|, |difference|), first in group order on ties; chi-square is replaced by Fisher's
exact test when any expected count is under 5 (with more than two groups: the highest vs the lowest
group); equalized odds and average odds p-values are Bonferroni over the TPR and FPR tests.

The output, fairness_samples.json, is committed: the Java test (dev.assay.core.fairness.
FairnessGoldenTest) needs no Python.
"""
import csv
import decimal
import json
import math
import os
import sys

import numpy as np
import onnx
from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from make_eval_golden import ROOT, forward  # noqa: E402

MIN_GROUP = 20
RATES = ["base_rate", "selection_rate", "favorable_rate", "accuracy", "tpr", "fpr", "fnr", "tnr",
         "precision", "npv", "fdr", "for", "f1"]
GRID_CHECK = [0.1, 0.2, 0.3, 0.5, 0.7]


def div(a, b):
    return float(a) / b if b else float("nan")


def rates(y, pred, fav_is_pos):
    """Group figures; y, pred are 0/1 for the positive class."""
    n = len(y)
    tp = int(np.sum((y == 1) & (pred == 1)))
    fp = int(np.sum((y == 0) & (pred == 1)))
    fn = int(np.sum((y == 1) & (pred == 0)))
    tn = int(np.sum((y == 0) & (pred == 0)))
    sel = div(tp + fp, n)
    return {
        "base_rate": div(tp + fn, n),
        "selection_rate": sel,
        "favorable_rate": sel if fav_is_pos else div(fn + tn, n),
        "accuracy": div(tp + tn, n),
        "tpr": div(tp, tp + fn),
        "fpr": div(fp, fp + tn),
        "fnr": div(fn, tp + fn),
        "tnr": div(tn, fp + tn),
        "precision": div(tp, tp + fp),
        "npv": div(tn, tn + fn),
        "fdr": div(fp, tp + fp),
        "for": div(fn, tn + fn),
        "f1": div(2 * tp, 2 * tp + fp + fn),
    }, {"tp": tp, "fp": fp, "fn": fn, "tn": tn}


def gap(values):
    v = [x for x in values if not math.isnan(x)]
    return max(v) - min(v) if len(v) >= 2 else float("nan")


def ratio(values):
    v = [x for x in values if not math.isnan(x)]
    return min(v) / max(v) if len(v) >= 2 and max(v) != 0 else float("nan")


def theil(b):
    """AIF360 generalized_entropy_index(alpha=1)."""
    mu = np.mean(b)
    if mu <= 0:
        return float("nan")
    r = b / mu
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.where(r > 0, r * np.log(r), 0.0)
    return float(np.mean(t))


def between_theil(b, g, groups):
    mu = np.mean(b)
    total = 0.0
    for k in groups:
        m = g == k
        if m.sum() == 0:
            continue
        mk = np.mean(b[m])
        if mk > 0:
            total += m.sum() / len(b) * (mk / mu) * math.log(mk / mu)
    return total


def independence(table, high, low):
    """Chi-square without correction, or Fisher when any expected count < 5."""
    rows = [(i, r) for i, r in enumerate(table) if r[0] + r[1] > 0]
    if len(rows) < 2:
        return float("nan"), "none"
    t = np.array([r for _, r in rows], dtype=float)
    col = t.sum(axis=0)
    if col[0] == 0 or col[1] == 0:
        return 1.0, "none (all groups have the same outcome)"
    expected = np.outer(t.sum(axis=1), col) / t.sum()
    if np.all(expected >= 5):
        return float(stats.chi2_contingency(t, correction=False)[1]), "chi-square test of independence"
    if len(rows) == 2:
        return float(stats.fisher_exact(t)[1]), "Fisher exact test"
    idx = [i for i, _ in rows]
    if high not in idx or low not in idx or high == low:
        return float("nan"), "none"
    pair = np.array([table[high], table[low]], dtype=float)
    return float(stats.fisher_exact(pair)[1]), "Fisher exact test (highest vs lowest group)"


def either(a, b):
    if math.isnan(a[0]):
        return b
    if math.isnan(b[0]):
        return a
    s = a if a[0] <= b[0] else b
    return min(1.0, 2 * s[0]), s[1] + ", Bonferroni over TPR and FPR"


def delong(scores_pos, scores_neg):
    m, n = len(scores_pos), len(scores_neg)
    if m == 0 or n == 0:
        return [float("nan")] * 3
    allv = np.concatenate([scores_pos, scores_neg])
    r_all = stats.rankdata(allv)
    r_pos = stats.rankdata(scores_pos)
    r_neg = stats.rankdata(scores_neg)
    auc = (np.sum(r_all[:m]) - m * (m + 1) / 2) / (m * n)
    v10 = (r_all[:m] - r_pos) / n
    v01 = 1 - (r_all[m:] - r_neg) / m
    var = np.var(v10, ddof=1) / m + np.var(v01, ddof=1) / n if m > 1 and n > 1 else 0.0
    half = stats.norm.ppf(0.975) * math.sqrt(var)
    return [float(auc), max(0.0, auc - half), min(1.0, auc + half)]


def figures(y, pred, g, groups, judged, ref, fav_is_pos):
    """The disparities of one attribute (same conventions as Assay)."""
    per = {k: rates(y[g == k], pred[g == k], fav_is_pos)[0] for k in groups}
    J = [k for k in groups if judged[k]]
    col = lambda key: [per[k][key] for k in J]
    out = {
        "demographic_parity_difference": gap(col("selection_rate")),
        "demographic_parity_ratio": ratio(col("selection_rate")),
        "equal_opportunity_difference": gap(col("tpr")),
        "predictive_parity_difference": gap(col("precision")),
    }
    fg = gap(col("fpr"))
    eod = out["equal_opportunity_difference"]
    out["equalized_odds_difference"] = float("nan") if math.isnan(eod) or math.isnan(fg) else max(eod, fg)
    impacts, odds = {}, {}
    for k in J:
        if ref is None or k == ref:
            continue
        fr = per[ref]["favorable_rate"]
        impacts[k] = per[k]["favorable_rate"] / fr if fr > 0 else float("nan")
        odds[k] = ((per[k]["fpr"] - per[ref]["fpr"]) + (per[k]["tpr"] - per[ref]["tpr"])) / 2
    di = [v for v in impacts.values() if not math.isnan(v)]
    out["disparate_impact"] = float("nan")
    best = None
    for k, v in impacts.items():
        if math.isnan(v):
            continue
        score = abs(math.log(v)) if v > 0 else float("inf")
        if best is None or score > best:
            best, out["disparate_impact"] = score, v
    out["average_odds_difference"] = float("nan")
    best = None
    for k, v in odds.items():
        if math.isnan(v):
            continue
        if best is None or abs(v) > best:
            best, out["average_odds_difference"] = abs(v), v
    yf = y if fav_is_pos else 1 - y
    pf = pred if fav_is_pos else 1 - pred
    b = (pf - yf + 1).astype(float)
    out["theil_index"] = theil(b)
    out["between_group_theil_index"] = between_theil(b, g, groups)
    return out, per, impacts, odds


def extremes(per, J, key):
    vals = [(k, per[k][key]) for k in J if not math.isnan(per[k][key])]
    if not vals:
        return None, None
    high = vals[0][0]
    low = vals[0][0]
    for k, v in vals:
        if v > per[high][key]:
            high = k
        if v < per[low][key]:
            low = k
    return high, low


def tests(y, pred, g, groups, judged, ref, per, impacts, odds, fav_is_pos):
    J = [k for k in groups if judged[k]]
    idx = {k: i for i, k in enumerate(groups)}

    def row(k, kind):
        m = g == k
        tp = int(np.sum(m & (y == 1) & (pred == 1)))
        fp = int(np.sum(m & (y == 0) & (pred == 1)))
        fn = int(np.sum(m & (y == 1) & (pred == 0)))
        tn = int(np.sum(m & (y == 0) & (pred == 0)))
        return {"sel": [tp + fp, fn + tn], "tpr": [tp, fn], "fpr": [fp, tn], "prec": [tp, fp],
                "fav": [tp + fp, fn + tn] if fav_is_pos else [fn + tn, tp + fp]}[kind]

    def table(kind):
        return [row(k, kind) if judged[k] else [0, 0] for k in groups]

    def ind(kind, key):
        h, lo = extremes(per, J, key)
        return independence(table(kind), idx.get(h, -1), idx.get(lo, -1))

    sel = ind("sel", "selection_rate")
    tpr = ind("tpr", "tpr")
    fpr = ind("fpr", "fpr")
    out = {
        "demographic_parity_difference": sel,
        "demographic_parity_ratio": sel,
        "equal_opportunity_difference": tpr,
        "equalized_odds_difference": either(tpr, fpr),
        "predictive_parity_difference": ind("prec", "precision"),
    }
    di_group = None
    best = None
    for k, v in impacts.items():
        if math.isnan(v):
            continue
        score = abs(math.log(v)) if v > 0 else float("inf")
        if best is None or score > best:
            best, di_group = score, k
    out["disparate_impact"] = (independence([row(di_group, "fav"), row(ref, "fav")], 0, 1)
                               if di_group is not None else (float("nan"), "none"))
    ao_group = None
    best = None
    for k, v in odds.items():
        if not math.isnan(v) and (best is None or abs(v) > best):
            best, ao_group = abs(v), k
    out["average_odds_difference"] = (
        either(independence([row(ao_group, "tpr"), row(ref, "tpr")], 0, 1),
               independence([row(ao_group, "fpr"), row(ref, "fpr")], 0, 1))
        if ao_group is not None else (float("nan"), "none"))
    per_group = {}
    for k in impacts:
        per_group[k] = {
            "disparate_impact_p": independence([row(k, "fav"), row(ref, "fav")], 0, 1)[0],
            "average_odds_p": either(independence([row(k, "tpr"), row(ref, "tpr")], 0, 1),
                                     independence([row(k, "fpr"), row(ref, "fpr")], 0, 1))[0],
        }
    return out, per_group, di_group, ao_group


def bootstrap(y, pred, g, groups, judged, ref, fav_is_pos, resamples=2000, seed=7):
    rng = np.random.default_rng(seed)
    members = {k: np.flatnonzero(g == k) for k in groups}
    draws = {}
    rate_draws = {}
    for _ in range(resamples):
        idx = np.concatenate([rng.choice(members[k], size=len(members[k]), replace=True) for k in groups])
        out, per, _, _ = figures(y[idx], pred[idx], g[idx], groups, judged, ref, fav_is_pos)
        for key, v in out.items():
            draws.setdefault(key, []).append(v)
        for k in groups:
            for key in ("selection_rate", "tpr"):
                rate_draws.setdefault(k + "|" + key, []).append(per[k][key])
        _, _, impacts, odds = figures(y[idx], pred[idx], g[idx], groups, judged, ref, fav_is_pos)
        for k in impacts:
            rate_draws.setdefault(k + "|disparate_impact", []).append(impacts[k])
            rate_draws.setdefault(k + "|average_odds", []).append(odds[k])

    def ci(v):
        v = np.array([x for x in v if not math.isnan(x)])
        return [float(np.quantile(v, 0.025)), float(np.quantile(v, 0.975))] if len(v) else [None, None]

    return {k: ci(v) for k, v in draws.items()}, {k: ci(v) for k, v in rate_draws.items()}


def threshold_analysis(y, p1, g, groups, judged, ref):
    out = {"grid": {}, "policies": {}}
    for t in GRID_CHECK:
        pred = (p1 > t).astype(int)
        per = {k: rates(y[g == k], pred[g == k], True)[0] for k in groups}
        J = [k for k in groups if judged[k]]
        out["grid"]["%.2f" % t] = {
            "selection_rate": {k: per[k]["selection_rate"] for k in groups},
            "tpr": {k: per[k]["tpr"] for k in groups},
            "demographic_parity_difference": gap([per[k]["selection_rate"] for k in J]),
            "equal_opportunity_difference": gap([per[k]["tpr"] for k in J]),
            "accuracy": float(np.mean(pred == y)),
            "min_margin": float(np.min(np.abs(p1 - t))),
        }
    base_pred = (p1 > 0.5).astype(int)
    baseline = float(np.mean(base_pred == y))
    for goal in ("equal_tpr", "equal_selection_rate"):
        m = g == ref
        if goal == "equal_tpr":
            target = float(np.mean(p1[m & (y == 1)] > 0.5))
        else:
            target = float(np.mean(p1[m] > 0.5))
        thresholds = {}
        correct = 0
        for k in groups:
            mk = g == k
            t = 0.5
            if judged[k] and k != ref:
                pool = p1[mk & (y == 1)] if goal == "equal_tpr" else p1[mk]
                cands = np.unique(pool).astype(np.float64)
                cands = np.concatenate([[np.nextafter(cands[0], -np.inf)], cands])

                def rate(th):
                    return float(np.mean(pool > th))

                best, bd = None, None
                for th in cands:
                    d = abs(rate(th) - target)
                    if bd is None or d < bd or (d == bd and abs(th - 0.5) < abs(best - 0.5)):
                        best, bd = th, d
                t = float(best)
            pred = (p1[mk] > t).astype(int)
            correct += int(np.sum(pred == y[mk]))
            r = float(np.mean(p1[mk & (y == 1)] > t)) if goal == "equal_tpr" else float(np.mean(p1[mk] > t))
            thresholds[k] = {"threshold": t, "rate": r}
        acc = correct / len(y)
        out["policies"][goal] = {"target": target, "groups": thresholds, "accuracy": acc,
                                 "accuracy_cost": baseline - acc}
    out["baseline_accuracy"] = baseline
    return out


def sig3(x):
    if x == 0:
        return 0.0
    ctx = decimal.Context(prec=3, rounding=decimal.ROUND_HALF_UP)
    return float(ctx.plus(decimal.Decimal(x)))


def label_number(x):
    d = decimal.Decimal(repr(x)).normalize()
    s = format(d, "f")
    return s


def bin_labels(edges):
    labels = ["< " + label_number(edges[0])]
    for a, b in zip(edges, edges[1:]):
        labels.append("[%s, %s)" % (label_number(a), label_number(b)))
    labels.append(">= " + label_number(edges[-1]))
    return labels


def binned(values, edges):
    labels = bin_labels(edges)
    idx = np.searchsorted(np.array(edges), values, side="right")
    return np.array([labels[i] for i in idx]), [l for i, l in enumerate(labels) if np.any(idx == i)]


def quantile_edges(values, bins=4):
    v = np.sort(values)
    edges = []
    for k in range(1, bins):
        q = sig3(float(np.quantile(v, k / bins)))
        if q > v[0] and q <= v[-1] and (not edges or q > edges[-1]):
            edges.append(q)
    return edges


def attribute(name, y, pred, p1, g, groups, fav_is_pos, reference=None):
    sizes = {k: int(np.sum(g == k)) for k in groups}
    judged = {k: sizes[k] >= MIN_GROUP for k in groups}
    ref = reference if reference is not None else max(
        [k for k in groups if judged[k]], key=lambda k: (sizes[k], -groups.index(k)))
    out, per, impacts, odds = figures(y, pred, g, groups, judged, ref, fav_is_pos)
    p, per_group_p, di_group, ao_group = tests(y, pred, g, groups, judged, ref, per, impacts, odds, fav_is_pos)
    ci, rate_ci = bootstrap(y, pred, g, groups, judged, ref, fav_is_pos)
    grp = {}
    for k in groups:
        m = g == k
        r, counts = rates(y[m], pred[m], fav_is_pos)
        auc = delong(p1[m & (y == 1)].astype(np.float64), p1[m & (y == 0)].astype(np.float64))
        r["roc_auc"] = auc[0]
        grp[k] = {"n": sizes[k], "share": sizes[k] / len(y), "judged": judged[k], "metrics": r,
                  "counts": counts, "roc_auc_ci": auc[1:],
                  "ci": {"selection_rate": rate_ci[k + "|selection_rate"], "tpr": rate_ci[k + "|tpr"]}}
    disp = {}
    for key, v in out.items():
        pv = p.get(key, (float("nan"), "none"))
        disp[key] = {"value": v, "p_value": pv[0], "test": pv[1], "ci": ci[key]}
    return {
        "name": name,
        "groups_order": groups,
        "reference": ref,
        "groups": grp,
        "disparities": disp,
        "per_group": {k: {"disparate_impact": impacts[k], "average_odds": odds[k], **per_group_p[k],
                          "disparate_impact_ci": rate_ci[k + "|disparate_impact"],
                          "average_odds_ci": rate_ci[k + "|average_odds"]}
                      for k in impacts},
        "disparate_impact_group": di_group,
        "average_odds_group": ao_group,
        "thresholds": threshold_analysis(y, p1, g, groups, judged, ref),
    }


def nan_to_none(o):
    if isinstance(o, float) and math.isnan(o):
        return None
    if isinstance(o, dict):
        return {k: nan_to_none(v) for k, v in o.items()}
    if isinstance(o, list):
        return [nan_to_none(v) for v in o]
    return o


def case(model_file, sensitive, edges=None, quantile=None, reference=None):
    model = onnx.load(os.path.join(ROOT, "models", model_file))
    meta = {p.key: p.value for p in model.metadata_props}
    features = json.loads(meta["assay.features"])
    with open(os.path.join(ROOT, "models", "data", "hmda_test.csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, rows = rows[0], rows[1:]
    idx = [header.index(c) for c in features]
    x = np.array([[float(r[i]) for i in idx] for r in rows], dtype=np.float32)
    y = np.array([int(float(r[header.index("deny")])) for r in rows])
    p1 = forward(model, x)["output"][:, 1].astype(np.float64)
    pred = (p1 > 0.5).astype(int)
    columns = {}
    for col in sensitive:
        raw = [r[header.index(col)] for r in rows]
        if edges and col in edges:
            g, order = binned(np.array([float(v) for v in raw]), edges[col])
            columns[col] = (g, order)
        elif quantile and col in quantile:
            vals = np.array([float(v) for v in raw])
            e = quantile_edges(vals)
            g, order = binned(vals, e)
            columns[col] = (g, order, e)
        else:
            g = np.array(raw)
            order = sorted(set(raw), key=lambda s: float(s))
            columns[col] = (g, order)
    attrs = []
    for col in sensitive:
        g, order = columns[col][0], columns[col][1]
        a = attribute(col, y, pred, p1, g, order, False, reference)
        if len(columns[col]) > 2:
            a["quantile_edges"] = columns[col][2]
        attrs.append(a)
    if len(sensitive) > 1:
        parts = [columns[c] for c in sensitive]
        keys = [tuple(p[1].index(p[0][i]) for p in parts) for i in range(len(y))]
        combos = sorted(set(keys))
        names = [" & ".join(parts[j][1][c[j]] for j in range(len(parts))) for c in combos]
        g = np.array([" & ".join(parts[j][1][k[j]] for j in range(len(parts))) for k in keys])
        attrs.append(attribute(" & ".join(sensitive), y, pred, p1, g, names, False))
    return {"model": model_file, "sensitive": sensitive, "edges": edges, "quantile": quantile,
            "reference": reference, "positive_label": "1", "favorable_label": "0",
            "rows": int(len(y)), "attributes": attrs}


def significance_cases():
    tables = [
        [[30, 70], [45, 55]],
        [[2, 18], [8, 12]],
        [[1, 19], [7, 13]],
        [[0, 25], [6, 19]],
        [[10, 90], [20, 80], [35, 65]],
        [[1, 30], [4, 25], [9, 20]],
        [[5000, 95000], [5400, 94600]],
    ]
    out = []
    for t in tables:
        a = np.array(t, dtype=float)
        rates_ = a[:, 0] / a.sum(axis=1)
        high, low = int(np.argmax(rates_)), int(np.argmin(rates_))
        p, test = independence(t, high, low)
        out.append({"table": t, "high": high, "low": low, "p_value": p, "test": test,
                    "chi2_p": float(stats.chi2_contingency(a, correction=False)[1]),
                    "fisher_p": float(stats.fisher_exact(a[[high, low]])[1])})
    return out


def main():
    import scipy
    cases = [
        case("hmda-deny-v1.onnx", ["afam"]),
        case("hmda-deny-v2.onnx", ["afam"]),
        case("hmda-deny-v3.onnx", ["afam"]),
        case("hmda-deny-v2.onnx", ["afam", "single"]),
        case("hmda-deny-v2.onnx", ["pirat", "lvrat"], edges={"pirat": [0.25, 0.33]}, quantile=["lvrat"]),
    ]
    out = {"generator": "make_fairness_golden.py", "numpy": np.__version__, "scipy": scipy.__version__,
           "min_group": MIN_GROUP, "cases": cases, "significance": significance_cases()}
    path = os.path.join(HERE, "fairness_samples.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(nan_to_none(out), f, indent=1)
        f.write("\n")
    for c in cases:
        for a in c["attributes"]:
            d = a["disparities"]
            print(c["model"], a["name"], "groups", a["groups_order"],
                  "dpd %.4f p %.3g" % (d["demographic_parity_difference"]["value"],
                                       d["demographic_parity_difference"]["p_value"]),
                  "di %.4f" % d["disparate_impact"]["value"])


if __name__ == "__main__":
    main()
