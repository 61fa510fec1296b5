#!/usr/bin/python3
"""Two versions of one HMDA denial model for assay compare --explain tests (issue 17, across versions).

    /usr/bin/python3 src/cli/src/test/resources/compare_explain/make_boot_models.py

Each is scikit-learn's LogisticRegression (lbfgs, C=1) fitted on a bootstrap resample of
models/data/hmda_train.csv (numpy RandomState seeds 1 and 2), on the 13 features standardised with
the sample hmda-deny-v2's means and scales; the graph is hmda-deny-v2's (standardise, Gemm,
Softmax) with the fitted weights as the two softmax columns [-w/2, w/2] (so P(deny) =
sigmoid(w.x + b)), and the same metadata apart from the trainer.
Output (committed): hmda-boot-1.onnx, hmda-boot-2.onnx.
"""
import csv
import os

import numpy as np
import onnx
from onnx import numpy_helper
from sklearn.linear_model import LogisticRegression

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "../../../../../.."))
base = onnx.load(os.path.join(ROOT, "models/hmda-deny-v2.onnx"))
meta = {p.key: p.value for p in base.metadata_props}
features = eval(meta["assay.features"])
init = {i.name: numpy_helper.to_array(i) for i in base.graph.initializer}
with open(os.path.join(ROOT, "models/data/hmda_train.csv")) as f:
    rows = list(csv.DictReader(f))
x = np.array([[float(r[c]) for c in features] for r in rows])
y = np.array([int(float(r["deny"])) for r in rows])
z = (x - init["assay_feature_means"]) * init["assay_feature_scales"]
for seed in (1, 2):
    pick = np.random.RandomState(seed).randint(0, len(y), len(y))
    fit = LogisticRegression(C=1.0, max_iter=1000).fit(z[pick], y[pick])
    w, b = fit.coef_[0], fit.intercept_[0]
    model = onnx.ModelProto()
    model.CopyFrom(base)
    for t in model.graph.initializer:
        if t.name == "linear_sgd_weights_0":
            t.CopyFrom(numpy_helper.from_array(np.stack([-w / 2, w / 2], axis=1).astype(np.float32), t.name))
        elif t.name == "linear_sgd_bias_0":
            t.CopyFrom(numpy_helper.from_array(np.array([-b / 2, b / 2], dtype=np.float32), t.name))
    for p in model.metadata_props:
        if p.key == "assay.trainer":
            p.value = "scikit-learn LogisticRegression(C=1, lbfgs) on a bootstrap resample, seed %d" % seed
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(HERE, "hmda-boot-%d.onnx" % seed))
    print(seed, np.round(w, 3), round(b, 3))
