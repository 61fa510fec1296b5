#!/usr/bin/python3
"""Reference values for label-free performance estimation of a regression model by Direct Loss
Estimation (dev.assay.core.drift.Dle), computed independently of Assay with Debian's numpy and
scikit-learn, from the repository root:

    /usr/bin/python3 src/engine/src/test/resources/golden/performance/make_dle_golden.py

writes dle.json beside this script. The Java test (DleGoldenTest) needs no Python.

The data: three features, x1 ~ N(0, 1), x2 ~ U(0, 2), x3 ~ N(0, 1) with 3 % of its cells missing
(null) on the reference; on the current data x1 ~ N(0.8, 1.3). The target is
y = 2 x1 - x2 + 0.5 x3 + e with e ~ N(0, (0.3 + 0.7 |x1|)^2) (missing x3 counts as 0 there); the
model predicts p = 2 x1 - x2 + 0.5 x3 (the same), so its errors grow with |x1| and the shifted
current data has a larger MAE and RMSE. Values are rounded to 6 decimals so both sides parse the
same doubles.

DLE (Direct Loss Estimation, as NannyML defines it, with a ridge regression as the loss model):
- design row per data row: each feature standardised z = (x - mean) / sd with the reference's mean
  and population sd of its finite values (a missing cell imputed by the mean, so z = 0; sd 0 -> 1),
  then z_1..z_k, z_1^2..z_k^2, |z_1|..|z_k|, and for the prediction z_p, z_p^2 and |z_p|;
- two sklearn.linear_model.Ridge(alpha=1.0) fitted on the reference rows: one to the absolute
  error |y - p|, one to the squared error (y - p)^2; predictions clipped below at 0;
- estimate over a set of rows: MAE = mean predicted absolute error, RMSE = sqrt(mean predicted
  squared error);
- sampling error for n rows: MAE sd(|y - p| on the reference) / sqrt(n); RMSE by the delta
  method, sd((y - p)^2 on the reference) / sqrt(n) / (2 RMSE estimate) (population sd, ddof 0);
- chunks of 500 rows of the current data, each with its realised MAE and RMSE (the back-test);
- the loss models fitted on 500 evenly spaced reference rows only (row floor(i * 2000 / 500)), the
  standardisation still from all rows (what Dle does above its row cap).
"""
import json
import os

import numpy as np
import sklearn
from sklearn.linear_model import Ridge

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20261219)
N = 2000
CHUNK = 500


def sample(mean1, sd1, missing):
    x1 = np.round(rng.normal(mean1, sd1, N), 6)
    x2 = np.round(rng.uniform(0, 2, N), 6)
    x3 = np.round(rng.normal(0, 1, N), 6)
    if missing:
        x3[rng.random(N) < 0.03] = np.nan
    x3z = np.where(np.isnan(x3), 0.0, x3)
    p = np.round(2 * x1 - x2 + 0.5 * x3z, 6)
    y = np.round(p + rng.normal(0, 1, N) * (0.3 + 0.7 * np.abs(x1)), 6)
    return np.column_stack([x1, x2, x3]), p, y


def design(x, p, stats):
    cols = []
    zs = []
    for j in range(x.shape[1]):
        m, s = stats[j]
        v = np.where(np.isnan(x[:, j]), m, x[:, j])
        zs.append((v - m) / s)
    cols.extend(zs)
    cols.extend(z * z for z in zs)
    cols.extend(np.abs(z) for z in zs)
    m, s = stats[-1]
    zp = (p - m) / s
    cols.extend([zp, zp * zp, np.abs(zp)])
    return np.column_stack(cols)


def moments(v):
    f = v[np.isfinite(v)]
    m = float(f.mean())
    s = float(f.std())
    return m, (s if s > 0 else 1.0)


xr, pr, yr = sample(0.0, 1.0, True)
xc, pc, yc = sample(0.8, 1.3, False)
stats = [moments(xr[:, j]) for j in range(3)] + [moments(pr)]
dr = design(xr, pr, stats)
abs_r = np.abs(yr - pr)
sq_r = (yr - pr) ** 2
ridge_abs = Ridge(alpha=1.0).fit(dr, abs_r)
ridge_sq = Ridge(alpha=1.0).fit(dr, sq_r)
SUB = 500
sub = np.arange(SUB) * N // SUB
sub_abs = Ridge(alpha=1.0).fit(dr[sub], abs_r[sub])
sub_sq = Ridge(alpha=1.0).fit(dr[sub], sq_r[sub])
sd_abs = float(abs_r.std())
sd_sq = float(sq_r.std())


def estimate(x, p, y):
    d = design(x, p, stats)
    a = np.maximum(ridge_abs.predict(d), 0.0)
    s = np.maximum(ridge_sq.predict(d), 0.0)
    n = len(p)
    rmse = float(np.sqrt(s.mean()))
    out = {
        "rows": n,
        "mae": float(a.mean()),
        "mae_standard_error": sd_abs / np.sqrt(n),
        "rmse": rmse,
        "rmse_standard_error": sd_sq / np.sqrt(n) / (2 * rmse),
    }
    if y is not None:
        out["realised_mae"] = float(np.abs(y - p).mean())
        out["realised_rmse"] = float(np.sqrt(((y - p) ** 2).mean()))
    return out, a, s


def side(x, p, y):
    return {
        "x": [[None if np.isnan(v) else float(v) for v in x[:, j]] for j in range(x.shape[1])],
        "prediction": p.tolist(),
        "actual": y.tolist(),
    }


whole, a_c, s_c = estimate(xc, pc, yc)
chunks = [estimate(xc[k:k + CHUNK], pc[k:k + CHUNK], yc[k:k + CHUNK])[0] for k in range(0, N, CHUNK)]
ref_est = estimate(xr, pr, yr)[0]
golden = {
    "generator": "make_dle_golden.py with numpy %s, scikit-learn %s" % (np.__version__, sklearn.__version__),
    "features": ["x1", "x2", "x3"],
    "alpha": 1.0,
    "chunk_rows": CHUNK,
    "reference": side(xr, pr, yr),
    "current": side(xc, pc, yc),
    "means": [m for m, _ in stats],
    "sds": [s for _, s in stats],
    "abs_coef": ridge_abs.coef_.tolist(),
    "abs_intercept": float(ridge_abs.intercept_),
    "sq_coef": ridge_sq.coef_.tolist(),
    "sq_intercept": float(ridge_sq.intercept_),
    "reference_abs_error_sd": sd_abs,
    "reference_squared_error_sd": sd_sq,
    "current_predicted_abs_error_head": a_c[:20].tolist(),
    "current_predicted_squared_error_head": s_c[:20].tolist(),
    "reference_estimate": ref_est,
    "current_estimate": whole,
    "chunks": chunks,
    "subsample_rows": SUB,
    "sub_abs_coef": sub_abs.coef_.tolist(),
    "sub_abs_intercept": float(sub_abs.intercept_),
    "sub_sq_coef": sub_sq.coef_.tolist(),
    "sub_sq_intercept": float(sub_sq.intercept_),
}
with open(os.path.join(HERE, "dle.json"), "w") as f:
    json.dump(golden, f, indent=None, separators=(",", ":"))
    f.write("\n")
print(json.dumps({k: golden[k] for k in ("current_estimate", "reference_estimate")}, indent=1))
for c in chunks:
    print(c)
