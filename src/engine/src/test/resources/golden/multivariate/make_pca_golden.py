#!/usr/bin/python3
"""Reference values for multivariate drift by PCA reconstruction error
(dev.assay.core.drift.PcaReconstruction), as NannyML's DataReconstructionDriftCalculator defines
it, computed with Debian's numpy and scikit-learn, from the repository root:

    /usr/bin/python3 src/engine/src/test/resources/golden/multivariate/make_pca_golden.py

writes pca.json beside this script.

Data: five numeric columns, 4,000 reference and 4,000 current rows. x1, x3 ~ N(0, 1), x4 ~
U(0, 10), x5 ~ N(5, 2) independent; on the reference x2 = 0.9 x1 + sqrt(0.19) e, on the current
x2 = -0.9 x1 + sqrt(0.19) e: every marginal is the same (univariate tests see nothing), only the
correlation flips. 2 % of x4 cells are missing (NaN) on both sides, imputed by the reference mean.

Method: missing values imputed by the reference column mean (SimpleImputer); StandardScaler
(population standard deviation) fitted on the reference; sklearn.decomposition.PCA(n_components=
0.65, svd_solver='full') fitted on the scaled reference (the fewest components whose explained
variance ratio sums to more than 0.65); per row the Euclidean distance between the scaled row
and its inverse transform; the error of a chunk is the mean over its rows. Reference and current
are each cut into 4 chunks of 1,000 consecutive rows; the band is the mean of the reference
chunks' errors +- 3 standard deviations (ddof 0, as NannyML's np.std).
"""
import json
import os

import numpy as np
import sklearn
from sklearn.decomposition import PCA
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import StandardScaler

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20261220)
N = 4000


def sample(sign):
    x1 = rng.normal(0, 1, N)
    x2 = sign * 0.9 * x1 + np.sqrt(0.19) * rng.normal(0, 1, N)
    x3 = rng.normal(0, 1, N)
    x4 = rng.uniform(0, 10, N)
    x5 = rng.normal(5, 2, N)
    x = np.round(np.column_stack([x1, x2, x3, x4, x5]), 6)
    x[rng.random(N) < 0.02, 3] = np.nan
    return x


ref = sample(1.0)
cur = sample(-1.0)
imputer = SimpleImputer(strategy="mean").fit(ref)
scaler = StandardScaler().fit(imputer.transform(ref))
pca = PCA(n_components=0.65, svd_solver="full").fit(scaler.transform(imputer.transform(ref)))


def errors(x):
    z = scaler.transform(imputer.transform(x))
    return np.linalg.norm(z - pca.inverse_transform(pca.transform(z)), axis=1)


ref_err = errors(ref)
cur_err = errors(cur)
ref_chunks = [float(ref_err[i:i + 1000].mean()) for i in range(0, N, 1000)]
cur_chunks = [float(cur_err[i:i + 1000].mean()) for i in range(0, N, 1000)]
mean = float(np.mean(ref_chunks))
sd = float(np.std(ref_chunks))


def column(x, j):
    return [None if np.isnan(v) else float(v) for v in x[:, j]]


golden = {
    "numpy": np.__version__, "sklearn": sklearn.__version__,
    "reference": [column(ref, j) for j in range(5)],
    "current": [column(cur, j) for j in range(5)],
    "components": int(pca.n_components_),
    "explained_variance_ratio": [float(v) for v in pca.explained_variance_ratio_],
    "reference_error": float(ref_err.mean()),
    "current_error": float(cur_err.mean()),
    "row_errors_current_head": [float(v) for v in cur_err[:50]],
    "reference_chunks": ref_chunks, "current_chunks": cur_chunks,
    "lower": mean - 3 * sd, "upper": mean + 3 * sd,
}
with open(os.path.join(HERE, "pca.json"), "w") as f:
    json.dump(golden, f)
print({k: golden[k] for k in ("components", "explained_variance_ratio", "reference_error", "current_error", "reference_chunks", "current_chunks", "lower", "upper")})
