#!/usr/bin/python3
"""Golden metrics for the sample models of models/, computed independently of Assay and of ONNX Runtime.

Run with Debian's python (apt-get install python3-onnx python3-numpy python3-sklearn) from the
repository root:

    /usr/bin/python3 src/engine/src/test/resources/golden/make_eval_golden.py

Each model is read with the `onnx` package and its forward pass is computed here in numpy from the
graph's initializers. Only the ops the sample graphs use are implemented (Sub, Mul, Gemm, Softmax,
Identity); any other op stops the script. Arithmetic is float32, as in ONNX Runtime, so the
probabilities match the runtime's to a few ulps. The features are the CSV columns named by the
metadata entry `assay.features`, in that order. Metrics come from scikit-learn with pos_label "1" (the
models' second class). The result, eval_samples.json, is committed: the Java test
(dev.assay.core.eval.SampleModelsGoldenTest) needs no Python.

For each case the script also records `min_margin`, the smallest |p1 - 0.5| over the rows: when it is
far above float32 resolution, no row can flip between float32 runtimes, so the confusion matrix is
compared exactly.
"""
import csv
import json
import os
import warnings

import numpy as np
import onnx
from onnx import numpy_helper
from sklearn import metrics as M

warnings.simplefilter("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))

CASES = [
    ("hmda-deny-v1.onnx", "hmda_test.csv", "deny"),
    ("hmda-deny-v2.onnx", "hmda_test.csv", "deny"),
    ("hmda-deny-v3.onnx", "hmda_test.csv", "deny"),
    ("breast-cancer-v1.onnx", "breast_cancer_test.csv", "target"),
]


def attributes(node):
    return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}


def forward(model, x):
    """The model's forward pass in float32 numpy; returns {output name: array}."""
    values = {i.name: numpy_helper.to_array(i).astype(np.float32) for i in model.graph.initializer}
    values[model.graph.input[0].name] = x.astype(np.float32)
    for node in model.graph.node:
        a = attributes(node)
        ins = [values[n] for n in node.input]
        if node.op_type == "Sub":
            out = np.subtract(ins[0], ins[1], dtype=np.float32)
        elif node.op_type == "Mul":
            out = np.multiply(ins[0], ins[1], dtype=np.float32)
        elif node.op_type == "Gemm":
            A, B = ins[0], ins[1]
            if a.get("transA", 0):
                A = A.T
            if a.get("transB", 0):
                B = B.T
            out = np.float32(a.get("alpha", 1.0)) * np.matmul(A, B, dtype=np.float32)
            if len(ins) > 2:
                out = out + np.float32(a.get("beta", 1.0)) * ins[2]
            out = out.astype(np.float32)
        elif node.op_type == "Softmax":
            axis = a.get("axis", -1)
            shifted = ins[0] - np.max(ins[0], axis=axis, keepdims=True)
            e = np.exp(shifted, dtype=np.float32)
            out = (e / np.sum(e, axis=axis, keepdims=True, dtype=np.float32)).astype(np.float32)
        elif node.op_type == "Identity":
            out = ins[0]
        else:
            raise SystemExit("op %s is not implemented here" % node.op_type)
        values[node.output[0]] = out
    return {o.name: values[o.name] for o in model.graph.output}


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def case(model_file, data_file, target):
    model = onnx.load(os.path.join(ROOT, "models", model_file))
    meta = {p.key: p.value for p in model.metadata_props}
    features = json.loads(meta["assay.features"])
    classes = json.loads(meta["assay.class_labels"])
    assert classes == ["0", "1"], classes
    header, rows = read_csv(os.path.join(ROOT, "models", "data", data_file))
    idx = [header.index(f) for f in features]
    x = np.array([[float(r[i]) for i in idx] for r in rows], dtype=np.float32)
    y = np.array([int(float(r[header.index(target)])) for r in rows])
    probs = forward(model, x)["output"].astype(np.float64)
    p1 = probs[:, 1]
    pred = (p1 > 0.5).astype(int)
    labels = [0, 1]
    metrics = {
        "accuracy": M.accuracy_score(y, pred),
        "balanced_accuracy": M.balanced_accuracy_score(y, pred),
        "precision": M.precision_score(y, pred, pos_label=1, zero_division=0),
        "recall": M.recall_score(y, pred, pos_label=1, zero_division=0),
        "f1": M.f1_score(y, pred, pos_label=1, zero_division=0),
        "precision_macro": M.precision_score(y, pred, average="macro", zero_division=0),
        "recall_macro": M.recall_score(y, pred, average="macro", zero_division=0),
        "f1_macro": M.f1_score(y, pred, average="macro", zero_division=0),
        "f1_micro": M.f1_score(y, pred, average="micro", zero_division=0),
        "f1_weighted": M.f1_score(y, pred, average="weighted", zero_division=0),
        "roc_auc": M.roc_auc_score(y, p1),
        "average_precision": M.average_precision_score(y, p1, pos_label=1),
        "log_loss": M.log_loss(y, probs, labels=labels),
        "brier": M.brier_score_loss(y, p1, pos_label=1),
    }
    return {
        "model": model_file,
        "data": data_file,
        "target": target,
        "features": features,
        "rows": int(len(y)),
        "class_order": classes,
        "positive_label": "1",
        "metrics": {k: float(v) for k, v in metrics.items()},
        "confusion_matrix": M.confusion_matrix(y, pred, labels=labels).tolist(),
        "min_margin": float(np.min(np.abs(p1 - 0.5))),
        "first_probabilities": [[float(v) for v in row] for row in probs[:5]],
    }


def main():
    import sklearn

    out = {
        "generator": "make_eval_golden.py",
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "onnx": onnx.__version__,
        "cases": [case(*c) for c in CASES],
    }
    path = os.path.join(HERE, "eval_samples.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1, sort_keys=False)
        f.write("\n")
    for c in out["cases"]:
        print(c["model"], c["rows"], "accuracy %.6f" % c["metrics"]["accuracy"],
              "roc_auc %.6f" % c["metrics"]["roc_auc"], "min_margin %.2e" % c["min_margin"])


if __name__ == "__main__":
    main()
