#!/usr/bin/python3
"""The 25-tree / 30-feature forest of the TreeSHAP speed figure, and exact Shapley values for it.

Run with Debian's python (python3-onnx, python3-numpy, python3-sklearn) from anywhere:

    /usr/bin/python3 src/engine/src/test/resources/golden/make_forest_shap_golden.py

A RandomForestClassifier (25 trees, max_depth 4, random_state 0) is fitted on the committed
models/data/breast_cancer_train.csv (30 features, target `target`) and exported by hand (skl2onnx is
not in Debian) as an ai.onnx.ml TreeEnsembleClassifier with post_transform NONE, leaf weights = the
leaf's class share / 25 (as skl2onnx writes a forest), checked against predict_proba.

Reference values, without SHAP and without the TreeSHAP leaf formula: the interventional Shapley
values of v(S) = mean_b f(x_S, b_notS) for the probability of class 1, by linearity the mean over
background rows b and the sum over trees of the Shapley values of the single-tree game
u(S) = tree(x_S, b_notS). Each of those is computed by brute force over every coalition of the
features that can change the tree's path (those split on where x and b go different ways; every other
feature is a null player), with the Shapley weights |S|! (d - |S| - 1)! / d!. Comparisons are in
float32, as ONNX Runtime makes them. Rows: the first 8 of breast_cancer_test.csv; background: the
first 20 of breast_cancer_train.csv.

Outputs (committed): tree_forest30.onnx and forest_shap.json.
"""
import csv
import itertools
import json
import math
import os

import numpy as np
import onnx
from onnx import TensorProto, helper
from sklearn.ensemble import RandomForestClassifier

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, *[".."] * 6))


def read(name):
    with open(os.path.join(ROOT, "models/data", name)) as f:
        rows = list(csv.reader(f))
    header = rows[0]
    data = np.array(rows[1:], dtype=np.float64)
    return header[:-1], data[:, :-1], data[:, -1].astype(int)


FEATURES, X, y = read("breast_cancer_train.csv")
_, X_test, _ = read("breast_cancer_test.csv")
M = len(FEATURES)
forest = RandomForestClassifier(n_estimators=25, max_depth=4, random_state=0).fit(X, y)

rows, leaves = [], []
n = len(forest.estimators_)
for k, est in enumerate(forest.estimators_):
    t = est.tree_
    for node in range(t.node_count):
        leaf = t.children_left[node] == -1
        rows.append((k, node, 0 if leaf else int(t.feature[node]), "LEAF" if leaf else "BRANCH_LEQ",
                     0.0 if leaf else float(t.threshold[node]),
                     0 if leaf else int(t.children_left[node]), 0 if leaf else int(t.children_right[node])))
        if leaf:
            share = t.value[node][0] / t.value[node][0].sum()
            for c in range(2):
                leaves.append((k, node, c, float(share[c] / n)))
node = helper.make_node(
    "TreeEnsembleClassifier", ["input"], ["label", "probabilities"], domain="ai.onnx.ml",
    classlabels_int64s=[0, 1], post_transform="NONE",
    class_treeids=[l[0] for l in leaves], class_nodeids=[l[1] for l in leaves],
    class_ids=[l[2] for l in leaves], class_weights=[l[3] for l in leaves],
    nodes_treeids=[r[0] for r in rows], nodes_nodeids=[r[1] for r in rows],
    nodes_featureids=[r[2] for r in rows], nodes_modes=[r[3] for r in rows],
    nodes_values=[r[4] for r in rows], nodes_truenodeids=[r[5] for r in rows],
    nodes_falsenodeids=[r[6] for r in rows], nodes_missing_value_tracks_true=[0] * len(rows))
graph = helper.make_graph(
    [node], "forest30", [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["N", M])],
    [helper.make_tensor_value_info("label", TensorProto.INT64, ["N"]),
     helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["N", 2])])
model = helper.make_model(graph, producer_name="make_forest_shap_golden",
                          opset_imports=[helper.make_opsetid("", 13), helper.make_opsetid("ai.onnx.ml", 3)])
model.ir_version = 8
for key, value in {"assay.features": json.dumps(FEATURES), "assay.class_labels": '["0", "1"]',
                   "assay.target": "target"}.items():
    entry = model.metadata_props.add()
    entry.key, entry.value = key, value
onnx.checker.check_model(model)
onnx.save(model, os.path.join(HERE, "tree_forest30.onnx"))

# each tree read back from the node, float32 thresholds and weights as stored
trees = []
for k, est in enumerate(forest.estimators_):
    t = est.tree_
    w = {}
    for (tk, nid, c, weight) in leaves:
        if tk == k and c == 1:
            w[nid] = float(np.float32(weight))
    trees.append((t.children_left, t.children_right, t.feature,
                  t.threshold.astype(np.float32), w))


def leaf_value(tree, z):
    left, right, feat, thr, w = tree
    nid = 0
    while left[nid] != -1:
        nid = left[nid] if z[feat[nid]] <= thr[nid] else right[nid]
    return w[nid]


def f(x):
    z = x.astype(np.float32)
    return sum(leaf_value(t, z) for t in trees)


# the ONNX function equals scikit-learn's predict_proba (float32 rounding aside)
proba = forest.predict_proba(X_test)[:, 1]
assert max(abs(f(x) - p) for x, p in zip(X_test, proba)) < 1e-5

WEIGHTS = {}


def shapley_weight(s, d):
    return math.factorial(s) * math.factorial(d - s - 1) / math.factorial(d)


def tree_game_shapley(tree, x, b):
    left, right, feat, thr, w = tree
    used = sorted({int(feat[i]) for i in range(len(left)) if left[i] != -1
                   and (x[feat[i]] <= thr[i]) != (b[feat[i]] <= thr[i])})
    d = len(used)
    phi = np.zeros(M)
    if d == 0:
        return phi
    value = {}
    for mask in range(1 << d):
        z = b.copy()
        for k in range(d):
            if mask >> k & 1:
                z[used[k]] = x[used[k]]
        value[mask] = leaf_value(tree, z)
    for k in range(d):
        total = 0.0
        for mask in range(1 << d):
            if mask >> k & 1:
                continue
            s = bin(mask).count("1")
            total += shapley_weight(s, d) * (value[mask | 1 << k] - value[mask])
        phi[used[k]] = total
    return phi


rows_x = X_test[:8].astype(np.float32)
background = X[:20].astype(np.float32)
phis = []
for x in rows_x:
    phi = np.zeros(M)
    for b in background:
        for t in trees:
            phi += tree_game_shapley(t, x, b)
    phis.append(phi / len(background))
base = float(np.mean([f(b) for b in background]))
preds = [f(x) for x in rows_x]
for x, phi, p in zip(rows_x, phis, preds):
    assert abs(phi.sum() - (p - base)) < 1e-9, (phi.sum(), p - base)
with open(os.path.join(HERE, "forest_shap.json"), "w") as out:
    json.dump({"features": FEATURES, "rows": X_test[:8].tolist(), "background": X[:20].tolist(),
               "base_value": base, "predictions": preds, "phi": [p.tolist() for p in phis]}, out)
print("trees", n, "nodes", len(rows), "max coalition features",
      max(len(tree_game_shapley(t, x, b).nonzero()[0]) for t in trees for x in rows_x[:2] for b in background[:5]))
