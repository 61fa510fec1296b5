#!/usr/bin/python3
"""Reference values for the domain classifier's parts (dev.assay.core.drift.DomainClassifier,
LogisticRegression), computed with Debian's scikit-learn (python3-sklearn), from the repository
root:

    /usr/bin/python3 src/engine/src/test/resources/golden/multivariate/make_domain_golden.py

writes domain.json beside this script (read by DomainClassifierTest):
- logistic: sklearn.linear_model.LogisticRegression(C=1.0) (L2 penalty 1/2 ||w||^2 + sum of log
  losses, intercept not penalised, newton-cg to tol 1e-14) on a small fixture; coefficients and
  intercept.
- auc: sklearn.metrics.roc_auc_score on scores with ties.
"""
import json
import os

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20261207)

n = 240
x = np.round(rng.normal(0, 1, (n, 3)), 3)
logit = 0.3 + 1.2 * x[:, 0] - 0.7 * x[:, 1] + 0.1 * x[:, 2]
y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)
model = LogisticRegression(C=1.0, solver="newton-cg", tol=1e-14, max_iter=100000).fit(x, y)

scores = [float(v) for v in np.round(rng.normal(0, 1, 150), 1)]
labels = [int(v) for v in rng.integers(0, 2, 150)]
for i in range(150):
    if labels[i] == 1:
        scores[i] = round(scores[i] + 0.6, 1)

json.dump({
    "logistic": {"x": x.tolist(), "y": y.tolist(), "intercept": float(model.intercept_[0]),
                 "coef": [float(v) for v in model.coef_[0]]},
    "auc": {"scores": scores, "labels": labels, "auc": float(roc_auc_score(labels, scores))},
}, open(os.path.join(HERE, "domain.json"), "w"))
print(model.intercept_, model.coef_, roc_auc_score(labels, scores))
