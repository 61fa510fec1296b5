#!/usr/bin/python3
"""Golden partial dependence and ICE curves from scikit-learn, for the sample model hmda-deny-v2.

Run with Debian's python (apt-get install python3-onnx python3-numpy python3-sklearn) from the
repository root:

    /usr/bin/python3 src/engine/src/test/resources/golden/make_pdp_golden.py

The model is Sub(means) -> Mul(scales) -> Gemm(W, b) -> Softmax; a fixed scikit-learn classifier
computes the same probabilities in float64 from the graph's initializers (no training), and
sklearn.inspection.partial_dependence(method="brute", kind="both", grid_resolution=100,
percentiles=(0.05, 0.95)) gives the grid, the mean curve and the ICE curves of class "1" on the first
200 rows of models/data/hmda_test.csv, for a continuous feature (pirat, grid_resolution=20: a
percentile grid) and a discrete one (chist: its distinct values). The ONNX model computes in float32, so the Java test
compares at 1e-6.

Output (committed): pdp.json. The Java test (dev.assay.core.explain.PartialDependenceGoldenTest)
needs no Python.
"""
import csv
import json
import os

import numpy as np
import onnx
import sklearn
from onnx import numpy_helper
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.inspection import partial_dependence

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", "..", "..", "..", ".."))

model = onnx.load(os.path.join(ROOT, "models", "hmda-deny-v2.onnx"))
meta = {p.key: p.value for p in model.metadata_props}
features = json.loads(meta["assay.features"])
init = {t.name: numpy_helper.to_array(t).astype(np.float64) for t in model.graph.initializer}
assert [n.op_type for n in model.graph.node] == ["Sub", "Mul", "Gemm", "Softmax", "Identity"]


class GraphClassifier(ClassifierMixin, BaseEstimator):
    """predict_proba = softmax(((x - means) * scales) @ W + b), the ONNX graph in float64."""

    def fit(self, X, y):
        self.classes_ = np.array([0, 1])
        return self

    def predict_proba(self, X):
        z = ((np.asarray(X, dtype=np.float64) - init["assay_feature_means"]) * init["assay_feature_scales"]) @ init[
            "linear_sgd_weights_0"
        ] + init["linear_sgd_bias_0"]
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def predict(self, X):
        return self.predict_proba(X).argmax(axis=1)


with open(os.path.join(ROOT, "models", "data", "hmda_test.csv"), newline="") as f:
    rows = list(csv.DictReader(f))[:200]
X = np.array([[float(r[c]) for c in features] for r in rows])
estimator = GraphClassifier().fit(X, np.array([int(r["deny"]) for r in rows]))

golden = {"sklearn": sklearn.__version__, "features": features, "rows": 200, "curves": {}}
# pirat has 87 distinct values in these rows: with grid_resolution=20 the grid is 20 points between
# its mquantiles at 0.05 and 0.95; chist (6 values) with the default 100 gives its distinct values
for name, resolution in [("pirat", 20), ("chist", 100)]:
    j = features.index(name)
    result = partial_dependence(
        estimator, X, [j], kind="both", method="brute", grid_resolution=resolution, percentiles=(0.05, 0.95)
    )
    golden["curves"][name] = {
        "resolution": resolution,
        "grid": result["values"][0].tolist(),
        "average": result["average"][0].tolist(),
        "individual": result["individual"][0].tolist(),
    }
    print(name, len(result["values"][0]), "grid points")

with open(os.path.join(HERE, "pdp.json"), "w") as out:
    json.dump(golden, out)
    out.write("\n")
