#!/usr/bin/python3
"""Golden values for dev.assay.core.metrics, computed with scikit-learn independently of the Java code.

Run with Debian's python (apt-get install python3-sklearn python3-numpy):

    /usr/bin/python3 src/engine/src/test/resources/golden/make_golden.py

It writes classification.json, regression.json and latency.json next to itself. Each case stores its
inputs and the expected values, so the Java tests need neither Python nor scikit-learn. Non-finite
numbers are written as null (NaN, "undefined") or the strings "Infinity" / "-Infinity".

Conventions mirrored from the Java documentation (dev.assay.core.metrics package-info):
- probabilities are float32 (what ONNX models return); sklearn sees them widened to float64;
- log_loss uses sklearn 1.2's eps=1e-15 clip followed by row renormalisation;
- multiclass average precision is the macro mean of one-vs-rest binary AP (sklearn >= 1.3 definition),
  undefined when a class is absent from y_true; multiclass Brier is mean over rows of sum_c (p_c - y_c)^2;
- multiclass calibration is top-label calibration: calibration_curve(argmax == y_true, max probability);
- a metric for which sklearn raises ValueError is undefined (null).
"""
import json
import os
import warnings

import numpy as np
import sklearn
from sklearn import metrics as M
from sklearn.calibration import calibration_curve
from sklearn.metrics._ranking import _multiclass_roc_auc_score
from sklearn.preprocessing import label_binarize

warnings.simplefilter("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))


def clean(x):
    """JSON-safe: numpy -> python, NaN -> None, +-inf -> strings."""
    if isinstance(x, dict):
        return {k: clean(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [clean(v) for v in x]
    if isinstance(x, np.ndarray):
        return clean(x.tolist())
    if isinstance(x, (np.integer,)):
        return int(x)
    if isinstance(x, (float, np.floating)):
        x = float(x)
        if np.isnan(x):
            return None
        if np.isinf(x):
            return "Infinity" if x > 0 else "-Infinity"
        return x
    return x


def undefined_on_error(f):
    try:
        return float(f())
    except ValueError:
        return float("nan")


def classification_case(name, labels, pos, y_true, y_pred, proba):
    y_true = np.asarray(y_true, dtype=np.int64)
    y_pred = np.asarray(y_pred, dtype=np.int64)
    C = len(labels)
    idx = list(range(C))
    e = {}
    e["accuracy"] = M.accuracy_score(y_true, y_pred)
    e["balanced_accuracy"] = M.balanced_accuracy_score(y_true, y_pred)
    binary = C == 2
    if binary:
        p, r, f, _ = M.precision_recall_fscore_support(
            y_true, y_pred, average="binary", pos_label=pos, zero_division=0)
        e["precision"], e["recall"], e["f1"] = p, r, f
    else:
        e["precision"] = e["recall"] = e["f1"] = float("nan")
    for avg in ("macro", "micro", "weighted"):
        p, r, f, _ = M.precision_recall_fscore_support(
            y_true, y_pred, labels=idx, average=avg, zero_division=0)
        if avg == "macro":
            e["precision_macro"], e["recall_macro"], e["f1_macro"] = p, r, f
        elif avg == "micro":
            e["f1_micro"] = f
        else:
            e["f1_weighted"] = f
    p, r, f, s = M.precision_recall_fscore_support(
        y_true, y_pred, labels=idx, average=None, zero_division=0)
    e["per_class"] = [
        {"label": labels[c], "precision": p[c], "recall": r[c], "f1": f[c], "support": int(s[c])}
        for c in idx]
    e["confusion_matrix"] = M.confusion_matrix(y_true, y_pred, labels=idx)
    e["class_order"] = labels
    e["positive_label"] = labels[pos] if binary else None

    score_keys = ["roc_auc", "roc_auc_ovr_macro", "roc_auc_ovo_macro", "average_precision",
                  "log_loss", "brier", "ece"]
    if proba is None:
        for k in score_keys:
            e[k] = float("nan")
        e["roc_curve"] = e["pr_curve"] = e["calibration"] = None
    else:
        P = np.asarray(proba, dtype=np.float32).astype(np.float64)
        # sklearn 1.2.1's own default eps is 1e-15 with renormalisation; pass it explicitly.
        e["log_loss"] = M.log_loss(y_true, P, eps=1e-15, labels=idx)
        if binary:
            yb = (y_true == pos).astype(np.int64)
            s = P[:, pos]
            auc = undefined_on_error(lambda: M.roc_auc_score(yb, s))
            e["roc_auc"] = e["roc_auc_ovr_macro"] = e["roc_auc_ovo_macro"] = auc
            e["average_precision"] = M.average_precision_score(yb, s)
            e["brier"] = M.brier_score_loss(yb, s)
            fpr, tpr, thr = M.roc_curve(yb, s, drop_intermediate=True)
            prec, rec, pthr = M.precision_recall_curve(yb, s)
            cal_true, cal_prob = yb, s
        else:
            e["roc_auc"] = float("nan")
            e["roc_auc_ovr_macro"] = undefined_on_error(
                lambda: _multiclass_roc_auc_score(y_true, P, idx, "ovr", "macro", None))
            e["roc_auc_ovo_macro"] = undefined_on_error(
                lambda: _multiclass_roc_auc_score(y_true, P, idx, "ovo", "macro", None))
            if len(np.unique(y_true)) == C:
                # the public API must agree where it is defined
                assert e["roc_auc_ovr_macro"] == M.roc_auc_score(y_true, P, multi_class="ovr", labels=idx)
                assert e["roc_auc_ovo_macro"] == M.roc_auc_score(y_true, P, multi_class="ovo", labels=idx)
                Y = label_binarize(y_true, classes=idx)
                e["average_precision"] = M.average_precision_score(Y, P, average="macro")
            else:
                e["average_precision"] = float("nan")
            onehot = np.eye(C)[y_true]
            e["brier"] = float(np.mean(np.sum((P - onehot) ** 2, axis=1)))
            fpr = tpr = thr = prec = rec = pthr = None
            top = np.argmax(P, axis=1)
            cal_true = (top == y_true).astype(np.int64)
            cal_prob = P[np.arange(len(P)), top]
        e["roc_curve"] = None if fpr is None else {"fpr": fpr, "tpr": tpr, "thresholds": thr}
        e["pr_curve"] = None if prec is None else {"precision": prec, "recall": rec, "thresholds": pthr}
        prob_true, prob_pred = calibration_curve(cal_true, cal_prob, n_bins=10, strategy="uniform")
        bins = np.linspace(0.0, 1.0, 11)
        counts = np.bincount(np.searchsorted(bins[1:-1], cal_prob), minlength=11)
        counts = counts[counts != 0]
        e["calibration"] = {"prob_true": prob_true, "prob_pred": prob_pred, "counts": counts}
        e["ece"] = float(np.sum(counts / len(cal_prob) * np.abs(prob_true - prob_pred)))
    return {
        "name": name,
        "class_labels": labels,
        "positive_index": pos,
        "inputs": {"y_true": y_true, "y_pred": y_pred,
                   "proba": None if proba is None else np.asarray(proba, dtype=np.float32).astype(np.float64)},
        "expected": e,
    }


def binary_from_scores(rng, n, prevalence, noise):
    y = (rng.random(n) < prevalence).astype(np.int64)
    s = np.clip(np.round(0.25 + 0.5 * y + rng.normal(0, noise, n), 2), 0.0, 1.0).astype(np.float32)
    proba = np.stack([np.float32(1) - s, s], axis=1)
    pred = (s > 0.5).astype(np.int64)
    return y, pred, proba


def classification_cases():
    rng = np.random.default_rng(20240611)
    cases = []
    y, pred, proba = binary_from_scores(rng, 2000, 0.4, 0.22)
    cases.append(classification_case("binary_ties_2000", ["0", "1"], 1, y, pred, proba))

    # positive class first: labels in model output order ["approved","denied"], positive = index 0
    y, pred, proba = binary_from_scores(rng, 300, 0.3, 0.3)
    cases.append(classification_case("binary_positive_index_0", ["denied", "approved"], 0,
                                     1 - y, 1 - pred, proba[:, ::-1]))

    n = 500
    y = rng.integers(0, 3, n)
    logits = np.round(rng.normal(0, 1.0, (n, 3)) + 1.5 * np.eye(3)[y], 1)
    P = np.exp(logits)
    P = (P / P.sum(axis=1, keepdims=True)).astype(np.float32)
    pred = np.argmax(P, axis=1)
    flip = rng.random(n) < 0.05  # a label output that sometimes disagrees with argmax
    pred[flip] = rng.integers(0, 3, flip.sum())
    cases.append(classification_case("multiclass_3x500", ["setosa", "versicolor", "virginica"], 0,
                                     y, pred, P))

    # edge: class 1 never predicted -> precision of class 1 is 0/0 -> 0 (zero_division=0)
    y, _, proba = binary_from_scores(rng, 200, 0.3, 0.3)
    cases.append(classification_case("binary_positive_never_predicted", ["0", "1"], 1,
                                     y, np.zeros_like(y), proba))
    # edge: all rows negative -> ROC AUC undefined (sklearn raises) -> null
    y = np.zeros(50, dtype=np.int64)
    s = np.round(rng.random(50), 2).astype(np.float32)
    cases.append(classification_case("binary_all_negative", ["0", "1"], 1, y, (s > 0.5).astype(np.int64),
                                     np.stack([np.float32(1) - s, s], axis=1)))
    # edge: all rows positive
    y = np.ones(40, dtype=np.int64)
    s = np.round(rng.random(40), 2).astype(np.float32)
    cases.append(classification_case("binary_all_positive", ["0", "1"], 1, y, (s > 0.5).astype(np.int64),
                                     np.stack([np.float32(1) - s, s], axis=1)))
    # edge: perfect predictions, probabilities exactly 0 and 1 (log loss clipping)
    y = (rng.random(60) < 0.5).astype(np.int64)
    s = y.astype(np.float32)
    cases.append(classification_case("binary_perfect", ["0", "1"], 1, y, y.copy(),
                                     np.stack([np.float32(1) - s, s], axis=1)))
    # edge: no scores -> score metrics undefined
    y, pred, _ = binary_from_scores(rng, 100, 0.5, 0.3)
    cases.append(classification_case("binary_no_scores", ["0", "1"], 1, y, pred, None))
    # edge: multiclass with class 2 absent from y_true and from predictions
    n = 120
    y = rng.integers(0, 2, n)
    logits = rng.normal(0, 1.0, (n, 3)) + 1.2 * np.eye(3)[y]
    P = np.exp(logits)
    P = (P / P.sum(axis=1, keepdims=True)).astype(np.float32)
    pred = np.argmax(P[:, :2], axis=1)
    cases.append(classification_case("multiclass_class_absent", ["a", "b", "c"], 0, y, pred, P))
    # edge: multiclass perfect
    y = rng.integers(0, 3, 90)
    P = np.eye(3, dtype=np.float32)[y]
    cases.append(classification_case("multiclass_perfect", ["x", "y", "z"], 0, y, y.copy(), P))
    return cases


def regression_case(name, y, yhat):
    y = np.asarray(y, dtype=np.float64)
    yhat = np.asarray(yhat, dtype=np.float64)
    e = {
        "mae": M.mean_absolute_error(y, yhat),
        "mse": M.mean_squared_error(y, yhat),
        "rmse": np.sqrt(M.mean_squared_error(y, yhat)),
        "r2": M.r2_score(y, yhat),
        "median_absolute_error": M.median_absolute_error(y, yhat),
        "max_error": M.max_error(y, yhat),
        "mape": M.mean_absolute_percentage_error(y, yhat),
    }
    return {"name": name, "inputs": {"actual": y, "predicted": yhat}, "expected": e}


def regression_cases():
    rng = np.random.default_rng(7)
    n = 1000
    x = rng.normal(0, 1, n)
    y = 250.0 + 80.0 * x + rng.normal(0, 15, n)
    y[:5] = 0.0  # MAPE uses max(|y|, eps)
    yhat = 250.0 + 78.0 * x + rng.normal(0, 5, n)
    cases = [regression_case("regression_1000", y, yhat)]
    y = rng.normal(1e6, 10, 301)  # large offset: r2 needs a stable sum of squares
    cases.append(regression_case("regression_offset_odd", y, y + rng.normal(0, 3, 301)))
    cases.append(regression_case("regression_constant_perfect", np.full(10, 5.0), np.full(10, 5.0)))
    cases.append(regression_case("regression_constant_imperfect", np.full(10, 5.0),
                                 5.0 + np.arange(10) / 4.0))
    return cases


def latency_case():
    rng = np.random.default_rng(3)
    nanos = rng.integers(200_000, 9_000_000, 257)
    rows = rng.integers(1, 1024, 257)
    wall = int(nanos.sum() * 0.6)
    ms = nanos / 1e6
    return {
        "inputs": {"nanos": nanos, "rows": rows, "wall_nanos": wall},
        "expected": {
            "batches": len(nanos), "rows": int(rows.sum()),
            "p50_millis": np.percentile(ms, 50), "p95_millis": np.percentile(ms, 95),
            "p99_millis": np.percentile(ms, 99), "rows_per_second": rows.sum() / (wall / 1e9),
        },
    }


def write(name, payload):
    payload = {"generator": "make_golden.py", "sklearn_version": sklearn.__version__,
               "numpy_version": np.__version__, **payload}
    with open(os.path.join(HERE, name), "w") as f:
        json.dump(clean(payload), f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    write("classification.json", {"cases": classification_cases()})
    write("regression.json", {"cases": regression_cases()})
    write("latency.json", {"case": latency_case()})
