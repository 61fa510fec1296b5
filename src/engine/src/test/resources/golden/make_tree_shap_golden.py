#!/usr/bin/python3
"""Golden interventional Shapley values of scikit-learn tree ensembles, by brute force.

Run with Debian's python (apt-get install python3-onnx python3-numpy python3-sklearn) from the
repository root:

    /usr/bin/python3 src/test/resources/golden/make_tree_shap_golden.py

Three ensembles are trained on a synthetic data set of 6 features whose values lie on a grid of
quarters (so float32 inputs and the trees' midpoint thresholds are exact in float32 as in float64):

- a RandomForestRegressor (5 trees, depth 4), exported as an ai.onnx.ml TreeEnsembleRegressor with
  aggregate_function AVERAGE;
- a GradientBoostingRegressor (12 trees, depth 3), a TreeEnsembleRegressor with aggregate SUM,
  base_values = the initial constant and leaf weights = learning_rate * leaf value;
- a RandomForestClassifier (4 trees, depth 4, classes 0/1), a TreeEnsembleClassifier with
  post_transform NONE whose leaf weights per class are the leaf's class share / number of trees (as
  skl2onnx writes them; skl2onnx is not in Debian, so the node is written here by hand from the
  fitted trees).

Each ONNX model is checked against scikit-learn's own predict / predict_proba (evaluated here by a
plain reading of the ONNX node's attributes with float32 weights). The golden values are the
interventional Shapley values v(S) = mean_b f(x_S, b_notS) of that ONNX function, computed by
enumerating all 2^6 coalitions with the Shapley weights |S|! (M - |S| - 1)! / M!, with 25 background
rows and 8 explained rows.

Path-dependent TreeSHAP (SHAP's tree_path_dependent): the nodes carry nodes_hitrates = the fitted
trees' weighted_n_node_samples (the node covers SHAP reads from scikit-learn). The golden values are
the Shapley values of v(S) = E[f(x) | x_S] under the trees' covers (at a split on a feature of S the
row's branch, else both children weighted by their cover share), again by enumerating all 2^6
coalitions: once with the hitrates, once with covers counted by passing a reference set (all 400
training rows) through the trees. The regressors are explained in their value, the classifier in the
probability of class 1.

Outputs (committed): tree_shap.json and tree_rf_regressor.onnx, tree_gb_regressor.onnx,
tree_rf_classifier.onnx. The Java test (dev.assay.core.explain.TreeShapGoldenTest) needs no Python.
"""
import itertools
import json
import math
import os

import numpy as np
import onnx
from onnx import TensorProto, helper
from sklearn.ensemble import (
    GradientBoostingRegressor,
    RandomForestClassifier,
    RandomForestRegressor,
)

HERE = os.path.dirname(os.path.abspath(__file__))
M = 6
FEATURES = [f"f{i}" for i in range(M)]

rng = np.random.RandomState(7)
X = rng.randint(0, 24, size=(400, M)).astype(np.float64) / 4.0
y = np.sin(X[:, 0]) + 0.5 * X[:, 1] * (X[:, 2] > 3) - 0.3 * X[:, 3] + 0.1 * rng.randn(400)
# f5 is noise the models may still split on; f4 enters only through the classifier's label
label = ((X[:, 0] + X[:, 4] - 0.5 * X[:, 2] + rng.randn(400)) > 4).astype(int)


def tree_nodes(tree, tree_id):
    """The ONNX node attributes of one sklearn tree: BRANCH_LEQ, true = left; hitrate = the node's
    cover (weighted_n_node_samples, as SHAP's tree_path_dependent reads it)."""
    t = tree.tree_
    rows = []
    for node in range(t.node_count):
        leaf = t.children_left[node] == -1
        rows.append(
            dict(
                treeid=tree_id,
                nodeid=node,
                featureid=0 if leaf else int(t.feature[node]),
                mode="LEAF" if leaf else "BRANCH_LEQ",
                value=0.0 if leaf else float(t.threshold[node]),
                true=0 if leaf else int(t.children_left[node]),
                false=0 if leaf else int(t.children_right[node]),
                hitrate=float(t.weighted_n_node_samples[node]),
            )
        )
    return rows


def node_attributes(all_rows):
    return dict(
        nodes_treeids=[r["treeid"] for r in all_rows],
        nodes_nodeids=[r["nodeid"] for r in all_rows],
        nodes_featureids=[r["featureid"] for r in all_rows],
        nodes_modes=[r["mode"] for r in all_rows],
        nodes_values=[r["value"] for r in all_rows],
        nodes_truenodeids=[r["true"] for r in all_rows],
        nodes_falsenodeids=[r["false"] for r in all_rows],
        nodes_missing_value_tracks_true=[0] * len(all_rows),
        nodes_hitrates=[r["hitrate"] for r in all_rows],
    )


def model_of(node, outputs, meta):
    graph = helper.make_graph(
        [node], "trees", [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["N", M])], outputs
    )
    model = helper.make_model(
        graph,
        opset_imports=[helper.make_opsetid("", 13), helper.make_opsetid("ai.onnx.ml", 3)],
        producer_name="make_tree_shap_golden",
    )
    model.ir_version = 8
    for k, v in meta.items():
        entry = model.metadata_props.add()
        entry.key, entry.value = k, v
    onnx.checker.check_model(model)
    return model


def regressor(trees, scale, base, aggregate):
    rows, leaves = [], []
    for k, tree in enumerate(trees):
        rows += tree_nodes(tree, k)
        t = tree.tree_
        for node in range(t.node_count):
            if t.children_left[node] == -1:
                leaves.append((k, node, float(scale * t.value[node][0][0])))
    node = helper.make_node(
        "TreeEnsembleRegressor",
        ["input"],
        ["variable"],
        domain="ai.onnx.ml",
        n_targets=1,
        aggregate_function=aggregate,
        post_transform="NONE",
        base_values=[float(base)],
        target_treeids=[l[0] for l in leaves],
        target_nodeids=[l[1] for l in leaves],
        target_ids=[0] * len(leaves),
        target_weights=[l[2] for l in leaves],
        **node_attributes(rows),
    )
    out = [helper.make_tensor_value_info("variable", TensorProto.FLOAT, ["N", 1])]
    return model_of(node, out, {"assay.task": "regression", "assay.features": json.dumps(FEATURES)})


def classifier(forest):
    rows, leaves = [], []
    n = len(forest.estimators_)
    for k, tree in enumerate(forest.estimators_):
        rows += tree_nodes(tree, k)
        t = tree.tree_
        for node in range(t.node_count):
            if t.children_left[node] == -1:
                share = t.value[node][0] / t.value[node][0].sum()
                for c in range(2):
                    leaves.append((k, node, c, float(share[c] / n)))
    node = helper.make_node(
        "TreeEnsembleClassifier",
        ["input"],
        ["label", "probabilities"],
        domain="ai.onnx.ml",
        classlabels_int64s=[0, 1],
        post_transform="NONE",
        class_treeids=[l[0] for l in leaves],
        class_nodeids=[l[1] for l in leaves],
        class_ids=[l[2] for l in leaves],
        class_weights=[l[3] for l in leaves],
        **node_attributes(rows),
    )
    out = [
        helper.make_tensor_value_info("label", TensorProto.INT64, ["N"]),
        helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["N", 2]),
    ]
    meta = {"assay.features": json.dumps(FEATURES), "assay.class_labels": '["0", "1"]'}
    return model_of(node, out, meta)


def onnx_function(model, target):
    """f(X) read from the ONNX node: the (aggregated) weights of `target`, float32 as stored."""
    node = model.graph.node[0]
    a = {x.name: helper.get_attribute_value(x) for x in node.attribute}
    trees = {}
    for i, (t, nid) in enumerate(zip(a["nodes_treeids"], a["nodes_nodeids"])):
        trees.setdefault(t, {})[nid] = i
    prefix = "target" if node.op_type == "TreeEnsembleRegressor" else "class"
    weights = {}
    for t, nid, c, w in zip(
        a[prefix + "_treeids"], a[prefix + "_nodeids"], a[prefix + "_ids"], a[prefix + "_weights"]
    ):
        if c == target:
            weights[(t, nid)] = weights.get((t, nid), 0.0) + float(np.float32(w))
    thresholds = np.array(a["nodes_values"], dtype=np.float32)
    average = a.get("aggregate_function", b"SUM") == b"AVERAGE"
    base = float(np.float32(a.get("base_values", [0.0])[target if prefix == "class" else 0])) if "base_values" in a else 0.0

    def f(x):
        x = x.astype(np.float32)
        total = 0.0
        for t, index in trees.items():
            nid = 0
            while a["nodes_modes"][index[nid]] != b"LEAF":
                i = index[nid]
                go_true = x[a["nodes_featureids"][i]] <= thresholds[i]
                nid = a["nodes_truenodeids"][i] if go_true else a["nodes_falsenodeids"][i]
            total += weights.get((t, nid), 0.0)
        return base + (total / len(trees) if average else total)

    return f


def onnx_trees(model, target):
    """Each tree as nested dicts read from the ONNX node (float32 thresholds, weights, hitrates),
    with the leaf value already divided by the tree count under AVERAGE, and the base value."""
    node = model.graph.node[0]
    a = {x.name: helper.get_attribute_value(x) for x in node.attribute}
    prefix = "target" if node.op_type == "TreeEnsembleRegressor" else "class"
    weights = {}
    for t, nid, c, w in zip(
        a[prefix + "_treeids"], a[prefix + "_nodeids"], a[prefix + "_ids"], a[prefix + "_weights"]
    ):
        if c == target:
            weights[(t, nid)] = weights.get((t, nid), 0.0) + float(np.float32(w))
    count = len(set(a["nodes_treeids"]))
    average = a.get("aggregate_function", b"SUM") == b"AVERAGE"
    base = float(np.float32(a["base_values"][0])) if "base_values" in a else 0.0
    trees = {}
    for i, (t, nid) in enumerate(zip(a["nodes_treeids"], a["nodes_nodeids"])):
        trees.setdefault(t, {})[nid] = dict(
            leaf=a["nodes_modes"][i] == b"LEAF",
            feature=a["nodes_featureids"][i],
            threshold=np.float32(a["nodes_values"][i]),
            yes=a["nodes_truenodeids"][i],
            no=a["nodes_falsenodeids"][i],
            cover=float(np.float32(a["nodes_hitrates"][i])),
            value=weights.get((t, nid), 0.0) / (count if average else 1),
        )
    return list(trees.values()), base


def counted_covers(trees, reference):
    """Covers counted by passing the reference rows through each tree."""
    out = []
    for tree in trees:
        counted = {nid: dict(n, cover=0.0) for nid, n in tree.items()}
        for row in reference.astype(np.float32):
            nid = 0
            counted[nid]["cover"] += 1
            while not counted[nid]["leaf"]:
                n = counted[nid]
                nid = n["yes"] if row[n["feature"]] <= n["threshold"] else n["no"]
                counted[nid]["cover"] += 1
        out.append(counted)
    return out


def conditional_expectation(tree, x, subset):
    """E[tree(x) | x_S] by the trees' covers: a split on a feature in S follows x, any other split
    averages both children weighted by their share of the node's cover (the definition behind
    SHAP's tree_path_dependent)."""
    x = x.astype(np.float32)

    def walk(nid):
        n = tree[nid]
        if n["leaf"]:
            return n["value"]
        if n["feature"] in subset:
            return walk(n["yes"] if x[n["feature"]] <= n["threshold"] else n["no"])
        yes, no = tree[n["yes"]], tree[n["no"]]
        return (yes["cover"] * walk(n["yes"]) + no["cover"] * walk(n["no"])) / n["cover"]

    return walk(0)


def brute_force_path(trees, base, x):
    """Shapley values of v(S) = base + sum over trees of E[tree | x_S], all 2^M coalitions."""
    value = {}
    for mask in range(1 << M):
        subset = {i for i in range(M) if mask >> i & 1}
        value[mask] = base + sum(conditional_expectation(t, x, subset) for t in trees)
    phi = np.zeros(M)
    for i in range(M):
        for mask in range(1 << M):
            if mask >> i & 1:
                continue
            s = bin(mask).count("1")
            weight = math.factorial(s) * math.factorial(M - s - 1) / math.factorial(M)
            phi[i] += weight * (value[mask | 1 << i] - value[mask])
    return phi, value[(1 << M) - 1], value[0]


def brute_force(f, x, background):
    phi = np.zeros(M)
    value = {}
    for mask in range(1 << M):
        z = np.where([(mask >> i) & 1 for i in range(M)], x, background)
        value[mask] = np.mean([f(row) for row in z])
    for i in range(M):
        for mask in range(1 << M):
            if mask >> i & 1:
                continue
            s = bin(mask).count("1")
            weight = math.factorial(s) * math.factorial(M - s - 1) / math.factorial(M)
            phi[i] += weight * (value[mask | 1 << i] - value[mask])
    return phi, value[(1 << M) - 1], value[0]


background = X[:25]
explained = X[100:108]
# every training row: every node of every tree holds at least one of them
reference = X
golden = {
    "features": FEATURES,
    "background": background.tolist(),
    "reference": reference.tolist(),
    "rows": explained.tolist(),
    "models": {},
}

rf = RandomForestRegressor(n_estimators=5, max_depth=4, random_state=0).fit(X, y)
gb = GradientBoostingRegressor(n_estimators=12, max_depth=3, learning_rate=0.3, random_state=0).fit(X, y)
rfc = RandomForestClassifier(n_estimators=4, max_depth=4, random_state=0).fit(X, label)
gb_init = float(gb._raw_predict_init(X[:1])[0, 0])
cases = [
    ("rf_regressor", regressor(rf.estimators_, 1.0, 0.0, "AVERAGE"), 0, rf.predict),
    (
        "gb_regressor",
        regressor([e[0] for e in gb.estimators_], gb.learning_rate, gb_init, "SUM"),
        0,
        gb.predict,
    ),
    ("rf_classifier", classifier(rfc), 1, lambda Z: rfc.predict_proba(Z)[:, 1]),
]
for name, model, target, sk_predict in cases:
    onnx.save(model, os.path.join(HERE, f"tree_{name}.onnx"))
    f = onnx_function(model, target)
    check = X[:200]
    ours = np.array([f(row) for row in check])
    assert np.allclose(ours, sk_predict(check), atol=1e-5, rtol=0), name
    phis, predictions = [], []
    base = float(np.mean([f(b) for b in background]))
    for x in explained:
        phi, fx, empty = brute_force(f, x, background)
        assert abs(phi.sum() - (fx - empty)) < 1e-9
        assert abs(empty - base) < 1e-9
        phis.append(phi.tolist())
        predictions.append(fx)
    golden["models"][name] = {
        "file": f"tree_{name}.onnx",
        "output": "value" if target == 0 and "regressor" in name else "probability of class 1",
        "base_value": base,
        "predictions": predictions,
        "phi": phis,
    }
    # path-dependent TreeSHAP: covers from the graph's nodes_hitrates, and counted over a reference
    trees, tree_base = onnx_trees(model, target)
    for key, forest in (("path_hitrates", trees), ("path_reference", counted_covers(trees, reference))):
        phis, empties = [], []
        for x in explained:
            phi, fx, empty = brute_force_path(forest, tree_base, x)
            assert abs(fx - f(x)) < 1e-9, (name, fx, f(x))
            assert abs(phi.sum() - (fx - empty)) < 1e-9
            phis.append(phi.tolist())
            empties.append(empty)
        assert max(empties) - min(empties) < 1e-12
        golden["models"][name][key] = {"base_value": empties[0], "phi": phis}

with open(os.path.join(HERE, "tree_shap.json"), "w") as out:
    json.dump(golden, out, indent=1)
    out.write("\n")
print("wrote tree_shap.json and", len(cases), "models")
