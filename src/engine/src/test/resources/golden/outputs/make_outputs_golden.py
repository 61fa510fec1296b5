#!/usr/bin/python3
"""Models with several outputs, their test data and scikit-learn's metrics, for OutputsGoldenTest.

Run with Debian's python (apt-get install python3-onnx python3-numpy python3-sklearn) from the
repository root:

    /usr/bin/python3 src/engine/src/test/resources/golden/outputs/make_outputs_golden.py

Writes, next to this script (all committed; the Java test needs no Python):

- mlp-three-outputs.onnx: scikit-learn's MLPClassifier (one hidden ReLU layer of 16) trained on the
  digits data bundled with scikit-learn (10 classes), written by hand as an ONNX graph with three
  outputs in the layout of a PyTorch export: `logits` float [N, 10], `probabilities` float
  [N, 10] = Softmax(logits), `label` int64 [N] = ArgMax(logits). No metadata: Assay must find the
  probabilities by what they hold.
- digits_test.csv: the held-out 30% (540 rows), features f0..f63 and the target `digit`.
- neg-pos-logreg.onnx: LogisticRegression on the breast-cancer data bundled with scikit-learn,
  classes 0/1, outputs `label` int64 [N, 1] and `probabilities` float [N, 2].
- cancer_negpos_test.csv: its held-out rows with the target written `neg` (0) / `pos` (1).
- outputs_golden.json: scikit-learn's metrics of both, computed from the float32 forward pass
  written here in numpy (the same arithmetic as the graph), with the predicted label taken from the
  label output as Assay does by default.
"""
import csv
import json
import os
import warnings

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
from sklearn import metrics as M
from sklearn.datasets import load_breast_cancer, load_digits
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler

warnings.simplefilter("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))


def softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z, dtype=np.float32)
    return (e / e.sum(axis=1, keepdims=True)).astype(np.float32)


def expected_calibration_error(y_true_index, proba, bins=10):
    """Top-label ECE with equal-width bins over the confidence, (lo, hi] with 0 in the first."""
    conf = proba.max(axis=1)
    pred = proba.argmax(axis=1)
    ece = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        mask = (conf > lo) & (conf <= hi) if b > 0 else (conf >= lo) & (conf <= hi)
        if mask.any():
            ece += mask.mean() * abs((pred[mask] == y_true_index[mask]).mean() - conf[mask].mean())
    return ece


def write_csv(path, header, rows):
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def mlp():
    digits = load_digits()
    x = (digits.data / 16.0).astype(np.float32)
    y = digits.target
    x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.3, random_state=0)
    clf = MLPClassifier(hidden_layer_sizes=(16,), max_iter=300, random_state=0).fit(x_train, y_train)
    w1, w2 = (w.astype(np.float32) for w in clf.coefs_)
    b1, b2 = (b.astype(np.float32) for b in clf.intercepts_)
    graph = helper.make_graph(
        [
            helper.make_node("MatMul", ["x", "w1"], ["h0"]),
            helper.make_node("Add", ["h0", "b1"], ["h1"]),
            helper.make_node("Relu", ["h1"], ["h"]),
            helper.make_node("MatMul", ["h", "w2"], ["z0"]),
            helper.make_node("Add", ["z0", "b2"], ["logits"]),
            helper.make_node("Softmax", ["logits"], ["probabilities"], axis=1),
            helper.make_node("ArgMax", ["logits"], ["label"], axis=1, keepdims=0),
        ],
        "mlp",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 64])],
        [
            helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["N", 10]),
            helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["N", 10]),
            helper.make_tensor_value_info("label", TensorProto.INT64, ["N"]),
        ],
        [
            numpy_helper.from_array(w1, "w1"),
            numpy_helper.from_array(b1, "b1"),
            numpy_helper.from_array(w2, "w2"),
            numpy_helper.from_array(b2, "b2"),
        ],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="assay-golden")
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(HERE, "mlp-three-outputs.onnx"))
    write_csv(
        os.path.join(HERE, "digits_test.csv"),
        [f"f{j}" for j in range(64)] + ["digit"],
        [[repr(float(v)) for v in row] + [int(t)] for row, t in zip(x_test, y_test)],
    )
    h = np.maximum(x_test @ w1 + b1, 0).astype(np.float32)
    logits = (h @ w2 + b2).astype(np.float32)
    proba = softmax(logits)
    pred = logits.argmax(axis=1)
    labels = list(range(10))
    logit_rows = np.sort(logits, axis=1)
    return {
        "model": "mlp-three-outputs.onnx",
        "data": "digits_test.csv",
        "target": "digit",
        "rows": int(len(y_test)),
        "accuracy": M.accuracy_score(y_test, pred),
        "balanced_accuracy": M.balanced_accuracy_score(y_test, pred),
        "f1_macro": M.f1_score(y_test, pred, average="macro"),
        "precision_macro": M.precision_score(y_test, pred, average="macro"),
        "recall_macro": M.recall_score(y_test, pred, average="macro"),
        "log_loss": M.log_loss(y_test, proba, labels=labels),
        "brier": float(np.mean(np.sum((proba - np.eye(10)[y_test]) ** 2, axis=1))),
        "roc_auc_ovr_macro": M.roc_auc_score(y_test, proba, multi_class="ovr", average="macro"),
        "ece": expected_calibration_error(y_test, proba),
        "confusion_matrix": M.confusion_matrix(y_test, pred, labels=labels).tolist(),
        "min_top_margin": float(np.min(np.sort(proba, axis=1)[:, -1] - np.sort(proba, axis=1)[:, -2])),
        "logits_read_as_probabilities_log_loss": M.log_loss(
            y_test, np.clip(logits, 1e-15, 1 - 1e-15) / np.clip(logits, 1e-15, 1 - 1e-15).sum(axis=1, keepdims=True), labels=labels
        ),
        "logit_range": [float(logit_rows.min()), float(logit_rows.max())],
    }


def negpos():
    data = load_breast_cancer()
    x_train, x_test, y_train, y_test = train_test_split(
        data.data, data.target, test_size=0.3, random_state=1, stratify=data.target
    )
    scaler = StandardScaler().fit(x_train)
    clf = LogisticRegression(max_iter=1000).fit(scaler.transform(x_train), y_train)
    # Fold the scaling into the weights: w' = w / s, b' = b - sum(w * m / s).
    w = (clf.coef_[0] / scaler.scale_).astype(np.float32)
    b = np.float32(clf.intercept_[0] - np.sum(clf.coef_[0] * scaler.mean_ / scaler.scale_))
    graph = helper.make_graph(
        [
            helper.make_node("MatMul", ["x", "w"], ["z0"]),
            helper.make_node("Add", ["z0", "b"], ["z"]),
            helper.make_node("Sigmoid", ["z"], ["p1"]),
            helper.make_node("Sub", ["one", "p1"], ["p0"]),
            helper.make_node("Concat", ["p0", "p1"], ["probabilities"], axis=1),
            helper.make_node("Greater", ["p1", "half"], ["above"]),
            helper.make_node("Cast", ["above"], ["label"], to=TensorProto.INT64),
        ],
        "logreg",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 30])],
        [
            helper.make_tensor_value_info("label", TensorProto.INT64, ["N", 1]),
            helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["N", 2]),
        ],
        [
            numpy_helper.from_array(w.reshape(30, 1), "w"),
            numpy_helper.from_array(np.array([b], dtype=np.float32), "b"),
            numpy_helper.from_array(np.array([1.0], dtype=np.float32), "one"),
            numpy_helper.from_array(np.array([0.5], dtype=np.float32), "half"),
        ],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="assay-golden")
    model.ir_version = 8
    model.metadata_props.add(key="assay.class_labels", value='["0","1"]')
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(HERE, "neg-pos-logreg.onnx"))
    x32 = x_test.astype(np.float32)
    header = [f"c{j}" for j in range(30)] + ["outcome"]
    names = np.array(["neg", "pos"])
    write_csv(
        os.path.join(HERE, "cancer_negpos_test.csv"),
        header,
        [[repr(float(v)) for v in row] + [names[t]] for row, t in zip(x32, y_test)],
    )
    z = (x32 @ w.reshape(30, 1) + np.array([b], dtype=np.float32)).astype(np.float32)
    p1 = (1 / (1 + np.exp(-z, dtype=np.float32))).astype(np.float32)[:, 0]
    pred = (p1 > 0.5).astype(int)
    truth = names[y_test]
    predicted = names[pred]
    return {
        "model": "neg-pos-logreg.onnx",
        "data": "cancer_negpos_test.csv",
        "target": "outcome",
        "target_map": "neg=0,pos=1",
        "rows": int(len(y_test)),
        "accuracy": M.accuracy_score(truth, predicted),
        "precision": M.precision_score(truth, predicted, pos_label="pos"),
        "recall": M.recall_score(truth, predicted, pos_label="pos"),
        "f1": M.f1_score(truth, predicted, pos_label="pos"),
        "roc_auc": M.roc_auc_score(y_test, p1),
        "average_precision": M.average_precision_score(y_test, p1),
        "log_loss": M.log_loss(y_test, np.column_stack([1 - p1, p1])),
        "brier": M.brier_score_loss(y_test, p1),
        "confusion_matrix": M.confusion_matrix(truth, predicted, labels=["neg", "pos"]).tolist(),
        "min_margin": float(np.min(np.abs(p1 - 0.5))),
    }


golden = {"generator": "make_outputs_golden.py", "sklearn": __import__("sklearn").__version__, "mlp": mlp(), "neg_pos": negpos()}
with open(os.path.join(HERE, "outputs_golden.json"), "w") as f:
    json.dump(golden, f, indent=2)
    f.write("\n")
print(json.dumps({k: {m: v for m, v in golden[k].items() if m != "confusion_matrix"} for k in ("mlp", "neg_pos")}, indent=1))
