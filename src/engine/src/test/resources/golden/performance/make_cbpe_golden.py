#!/usr/bin/python3
"""Reference values for label-free performance estimation (dev.assay.core.drift.Cbpe) and for
prediction/target drift on model outputs (dev.assay.core.drift.OutputDrift), computed independently
of Assay with Debian's numpy, scipy and scikit-learn, from the repository root:

    /usr/bin/python3 src/engine/src/test/resources/golden/performance/make_cbpe_golden.py

writes cbpe.json beside this script. The Java tests (CbpeGoldenTest, OutputDriftGoldenTest) need
no Python.

The data: a planted covariate shift. x ~ N(0, 1) on the reference and N(0.8, 1.2) on the
current data; the concept is fixed, P(y = 1 | x) = sigmoid(2 x - 0.5); the model is
overconfident, score = sigmoid(1.6 (2 x - 0.5)) (so calibration matters), rounded to 6 decimals
so both sides parse the same doubles. Labels y ~ Bernoulli(P(y = 1 | x)) on both sides (the
current labels are used only for the realised metric the estimate is checked against).

CBPE (confidence-based performance estimation, as NannyML defines it for binary classifiers):
- calibrator: sklearn.isotonic.IsotonicRegression(out_of_bounds='clip', y_min=0, y_max=1)
  fitted on the reference (score -> label), applied to the current scores;
- predicted label: score >= 0.5 (the uncalibrated score);
- expected confusion matrix with calibrated p: TP = sum p [pred 1], FP = sum (1 - p) [pred 1],
  TN = sum (1 - p) [pred 0], FN = sum p [pred 0]; accuracy (TP + TN) / n, precision
  TP / (TP + FP), recall TP / (TP + FN), F1 2 TP / (2 TP + FP + FN);
- expected ROC AUC: p sorted descending, TPR_k = cumsum(p)_k / sum p, FPR_k = cumsum(1 - p)_k /
  sum (1 - p), sklearn.metrics.auc over (0, 0) and the points;
- whether calibration helps: expected calibration error (10 equal-width bins of the score on
  [0, 1], the last closed; sum over bins of n_b / n * |mean y - mean p|) of the raw scores on the
  reference, against that of the cross-validated calibrated scores (fold of row i = i mod 5; each
  fold's scores calibrated by isotonic regression fitted on the other four).
Realised metrics: sklearn accuracy_score, precision/recall/f1, roc_auc_score on the current labels.
Prediction drift: scipy.stats.ks_2samp on the scores, chi2_contingency on the predicted labels;
target drift: chi2_contingency on the labels.
"""
import json
import os

import numpy as np
import scipy
import sklearn
from scipy import stats
from sklearn.isotonic import IsotonicRegression
from sklearn import metrics

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20261218)
N = 10000


def sample(mean, sd):
    x = rng.normal(mean, sd, N)
    truth = 1 / (1 + np.exp(-(2 * x - 0.5)))
    score = np.round(1 / (1 + np.exp(-1.6 * (2 * x - 0.5))), 6)
    y = (rng.random(N) < truth).astype(int)
    return score, y


def isotonic(score, y):
    return IsotonicRegression(out_of_bounds="clip", y_min=0.0, y_max=1.0).fit(score, y)


def ece(p, y):
    bins = np.minimum((p * 10).astype(int), 9)
    total = 0.0
    for b in range(10):
        m = bins == b
        if m.any():
            total += m.sum() / len(p) * abs(y[m].mean() - p[m].mean())
    return float(total)


def cv_calibrated(score, y, folds=5):
    out = np.empty(len(score))
    fold = np.arange(len(score)) % folds
    for f in range(folds):
        out[fold == f] = isotonic(score[fold != f], y[fold != f]).predict(score[fold == f])
    return out


def estimate(p, pred):
    tp = float(np.sum(p[pred == 1]))
    fp = float(np.sum(1 - p[pred == 1]))
    tn = float(np.sum(1 - p[pred == 0]))
    fn = float(np.sum(p[pred == 0]))
    order = np.sort(p)[::-1]
    tpr = np.concatenate([[0.0], np.cumsum(order) / np.sum(order)])
    fpr = np.concatenate([[0.0], np.cumsum(1 - order) / np.sum(1 - order)])
    return {
        "tp": tp, "fp": fp, "tn": tn, "fn": fn,
        "accuracy": (tp + tn) / len(p),
        "precision": tp / (tp + fp),
        "recall": tp / (tp + fn),
        "f1": 2 * tp / (2 * tp + fp + fn),
        "roc_auc": float(metrics.auc(fpr, tpr)),
    }


def realised(y, pred, score):
    return {
        "accuracy": float(metrics.accuracy_score(y, pred)),
        "precision": float(metrics.precision_score(y, pred)),
        "recall": float(metrics.recall_score(y, pred)),
        "f1": float(metrics.f1_score(y, pred)),
        "roc_auc": float(metrics.roc_auc_score(y, score)),
    }


ref_score, ref_y = sample(0.0, 1.0)
cur_score, cur_y = sample(0.8, 1.2)
ref_pred = (ref_score >= 0.5).astype(int)
cur_pred = (cur_score >= 0.5).astype(int)
cal = isotonic(ref_score, ref_y)
cur_p = cal.predict(cur_score)
ref_p = cal.predict(ref_score)

ks = stats.ks_2samp(ref_score, cur_score)
chi_pred = stats.chi2_contingency([np.bincount(ref_pred, minlength=2), np.bincount(cur_pred, minlength=2)])
chi_target = stats.chi2_contingency([np.bincount(ref_y, minlength=2), np.bincount(cur_y, minlength=2)])

golden = {
    "numpy": np.__version__, "scipy": scipy.__version__, "sklearn": sklearn.__version__,
    "reference": {"score": [float(v) for v in ref_score], "label": [int(v) for v in ref_y]},
    "current": {"score": [float(v) for v in cur_score], "label": [int(v) for v in cur_y]},
    "calibrated_current_head": [float(v) for v in cur_p[:200]],
    "ece_raw": ece(ref_score, ref_y),
    "ece_calibrated_cv": ece(cv_calibrated(ref_score, ref_y), ref_y),
    "estimate": estimate(cur_p, cur_pred),
    "estimate_uncalibrated": estimate(cur_score, cur_pred),
    "estimate_reference": estimate(ref_p, ref_pred),
    "realised_current": realised(cur_y, cur_pred, cur_score),
    "realised_reference": realised(ref_y, ref_pred, ref_score),
    "prediction_drift": {
        "ks_statistic": float(ks.statistic), "ks_p_value": float(ks.pvalue),
        "wasserstein": float(stats.wasserstein_distance(ref_score, cur_score)),
        "label_chi2": float(chi_pred[0]), "label_chi2_p_value": float(chi_pred[1]),
    },
    "target_drift": {"chi2": float(chi_target[0]), "p_value": float(chi_target[1])},
}
with open(os.path.join(HERE, "cbpe.json"), "w") as f:
    json.dump(golden, f)
for k in ("ece_raw", "ece_calibrated_cv", "estimate", "estimate_uncalibrated", "realised_current", "realised_reference", "prediction_drift", "target_drift"):
    print(k, golden[k])
