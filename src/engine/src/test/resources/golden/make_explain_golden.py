#!/usr/bin/python3
"""Golden explanation figures, computed independently of Assay.

Run with Debian's python (apt-get install python3-onnx python3-numpy python3-sklearn) from the
repository root:

    /usr/bin/python3 src/engine/src/test/resources/golden/make_explain_golden.py

1. Linear closed form: the sample model hmda-deny-v2 is Sub(means) -> Mul(scales) -> Gemm(W, b) ->
   Softmax. Its log-odds of class "1" are ln(p1/p0) = z1 - z0, affine in x with slope
   w_j = scales_j * (W[j,1] - W[j,0]), read here from the graph's initializers. The interventional
   Shapley values in log-odds space are w_j (x_j - mean_j), the mean over the background: the first
   100 rows of models/data/hmda_train.csv; explained rows: the first 10 of hmda_test.csv.
2. Permutation importance: scikit-learn's permutation_importance (n_repeats=5, random_state=0,
   scoring "roc_auc" and "accuracy") of a fixed function (coefficients below, an
   estimator with predict_proba = softsign of
   the linear score; no training) on the first 200 rows of hmda_test.csv. The shuffles
   scikit-learn applies are written out (replaying its RandomState: one seed drawn from
   random_state, then per feature a RandomState(seed) shuffling one index array repeat after
   repeat); the script checks that replaying them reproduces scikit-learn's importances.

3. Adverse-action reason codes of the same logistic scorecard (class "1" = deny, so a higher
   log-odds is adverse): per explained row, the points each feature scores below the reference
   (the background mean), w_j (x_j - mean_j) in log-odds, ranked from the most adverse; only
   features that push toward denial (points > 0) count, at most four, ties by feature order.

The output, explain.json, is committed: the Java test (dev.assay.core.explain.ExplainGoldenTest)
needs no Python.
"""
import csv
import json
import os

import numpy as np
import onnx
from onnx import numpy_helper
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.inspection import permutation_importance
from sklearn.metrics import accuracy_score, roc_auc_score

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))


def read(path, columns):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    return np.array([[float(r[c]) for c in columns] for r in rows]), rows


model = onnx.load(os.path.join(ROOT, "models", "hmda-deny-v2.onnx"))
meta = {p.key: p.value for p in model.metadata_props}
features = json.loads(meta["assay.features"])
init = {t.name: numpy_helper.to_array(t).astype(np.float64) for t in model.graph.initializer}
ops = [n.op_type for n in model.graph.node]
assert ops == ["Sub", "Mul", "Gemm", "Softmax", "Identity"], ops
gemm = [n for n in model.graph.node if n.op_type == "Gemm"][0]
assert not gemm.attribute, "Gemm with attributes (transB, alpha) is not handled here"
W = init["linear_sgd_weights_0"]
w = init["assay_feature_scales"] * (W[:, 1] - W[:, 0])

background, _ = read(os.path.join(ROOT, "models", "data", "hmda_train.csv"), features)
background = background[:100]
test, _ = read(os.path.join(ROOT, "models", "data", "hmda_test.csv"), features)
explained = test[:10]
mean = background.mean(axis=0)
phi = w * (explained - mean)

# 2. permutation importance of a fixed function: softsign of a linear score
pi_columns = ["pirat", "hirat", "lvrat", "chist", "afam"]
coefficients = np.array([4.0, -1.5, 2.0, 0.3, 0.8])
intercept = -4.2
X, raw = read(os.path.join(ROOT, "models", "data", "hmda_test.csv"), pi_columns)
X = X[:200]
y = np.array([int(r["deny"]) for r in raw[:200]])


class FixedScore(ClassifierMixin, BaseEstimator):
    def fit(self, X, y):
        self.classes_ = np.array([0, 1])
        return self

    def predict_proba(self, X):
        # summed feature by feature from the intercept, in the order the Java test sums: rows with
        # equal inputs then tie on both sides (a BLAS dot product may break such ties by rounding)
        X = np.asarray(X)
        z = np.full(X.shape[0], intercept)
        for j in range(X.shape[1]):
            z = z + coefficients[j] * X[:, j]
        # softsign, not the logistic sigmoid: +, *, / and abs round alike in numpy and Java, exp
        # need not, and a last-bit difference can make or break a tie in the ROC AUC
        p = 0.5 + 0.5 * z / (1.0 + np.abs(z))
        return np.column_stack([1 - p, p])

    def predict(self, X):
        return (self.predict_proba(X)[:, 1] >= 0.5).astype(int)


estimator = FixedScore().fit(X, y)
SEED, REPEATS = 0, 5
result = permutation_importance(
    estimator, X, y, scoring=["roc_auc", "accuracy"], n_repeats=REPEATS, random_state=SEED
)

seed = np.random.RandomState(SEED).randint(np.iinfo(np.int32).max + 1)
shuffles = []
for j in range(X.shape[1]):
    rs = np.random.RandomState(seed)
    idx = np.arange(X.shape[0])
    per_feature = []
    for _ in range(REPEATS):
        rs.shuffle(idx)
        per_feature.append(idx.tolist())
    shuffles.append(per_feature)

scorers = {
    "roc_auc": lambda Z: roc_auc_score(y, estimator.predict_proba(Z)[:, 1]),
    "accuracy": lambda Z: accuracy_score(y, estimator.predict(Z)),
}
for name, score in scorers.items():
    baseline = score(X)
    for j in range(X.shape[1]):
        Z = X.copy()
        drops = []
        for r in range(REPEATS):
            Z[:, j] = Z[shuffles[j][r], j]
            drops.append(baseline - score(Z))
        assert np.allclose(drops, result[name].importances[j], atol=0, rtol=0), (name, j)

reasons = []
for r in range(len(explained)):
    points = w * (explained[r] - mean)
    order = sorted((j for j in range(len(features)) if points[j] > 0), key=lambda j: (-points[j], j))
    reasons.append(
        [{"feature": features[j], "value": float(explained[r][j]), "points": float(points[j])}
         for j in order[:4]]
    )

golden = {
    "reasons": {"adverse": "higher", "count": 4, "rows": reasons},
    "linear": {
        "model": "models/hmda-deny-v2.onnx",
        "class": "1",
        "features": features,
        "background": "first 100 rows of models/data/hmda_train.csv",
        "rows": "first 10 rows of models/data/hmda_test.csv",
        "weights": w.tolist(),
        "mean": mean.tolist(),
        "phi": phi.tolist(),
    },
    "permutation": {
        "data": "first 200 rows of models/data/hmda_test.csv",
        "columns": pi_columns,
        "target": "deny",
        "coefficients": coefficients.tolist(),
        "intercept": intercept,
        "n_repeats": REPEATS,
        "random_state": SEED,
        "shuffles": shuffles,
        "importances": {
            name: {
                "mean": result[name].importances_mean.tolist(),
                "std": result[name].importances_std.tolist(),
                "scores": result[name].importances.tolist(),
            }
            for name in scorers
        },
    },
}
with open(os.path.join(HERE, "explain.json"), "w") as f:
    json.dump(golden, f, indent=1)
    f.write("\n")
print("wrote explain.json")
