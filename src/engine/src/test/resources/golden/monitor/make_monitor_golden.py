#!/usr/bin/python3
"""Goldens for the monitor's detectors and window drift, from the published definitions.

DDM (Gama et al. 2004): p_i error rate after i, s_i = sqrt(p_i(1-p_i)/i); from i >= 30 keep
(p_min, s_min) of the smallest p_i + s_i; warning when p_i + s_i > p_min + 2 s_min, drift when
> p_min + 3 s_min, then restart. Computed here directly from the error list since the last restart
(no running updates), so it checks the Java recursion.

Page-Hinkley: m_T = sum_{t<=T} (x_t - mean(x_1..x_t) - delta), M_T = min(0, m_1..m_T); drift when
m_T - M_T > lambda and T >= 30; restart. Computed with explicit sums.

Window drift: scipy.stats.ks_2samp of a window against a reference (the numbers the monitor's
feature drift must report).
Run: /usr/bin/python3 make_monitor_golden.py > monitor_golden.json
"""
import json
import math
import random
import numpy as np
from scipy.stats import ks_2samp, chi2_contingency


def ddm(errors, min_n=30, warn=2.0, drift=3.0):
    out = []
    seg = []
    best = None
    for e in errors:
        seg.append(e)
        i = len(seg)
        p = sum(seg) / i
        s = math.sqrt(p * (1 - p) / i)
        if i < min_n:
            out.append("none")
            continue
        if best is None or p + s <= best[0] + best[1]:
            best = (p, s)
        if p + s > best[0] + drift * best[1]:
            out.append("drift")
            seg = []
            best = None
        elif p + s > best[0] + warn * best[1]:
            out.append("warning")
        else:
            out.append("none")
    return out


def page_hinkley(xs, min_n=30, delta=0.005, lam=50.0):
    out = []
    stats = []
    seg = []
    for x in xs:
        seg.append(x)
        T = len(seg)
        m = []
        acc = 0.0
        for t in range(1, T + 1):
            acc += seg[t - 1] - sum(seg[:t]) / t - delta
            m.append(acc)
        stat = m[-1] - min([0.0] + m)
        if T >= min_n and stat > lam:
            out.append("drift")
            stats.append(0.0)
            seg = []
        else:
            out.append("none")
            stats.append(stat)
    return out, stats


rnd = random.Random(20)
# errors: rate 0.1 for 300, then 0.5 for 300
ddm_errors = [1 if rnd.random() < 0.1 else 0 for _ in range(300)] + [
    1 if rnd.random() < 0.5 else 0 for _ in range(300)]
ddm_signals = ddm(ddm_errors)
# page-hinkley on a mean shift 0 -> 1.5 (sd 1) at 200
ph_xs = [round(rnd.gauss(0, 1), 6) for _ in range(200)] + [round(rnd.gauss(1.5, 1), 6) for _ in range(200)]
ph_signals, ph_stats = page_hinkley(ph_xs)

rng = np.random.default_rng(7)
reference = np.round(rng.normal(0, 1, 500), 6)
window_same = np.round(rng.normal(0, 1, 200), 6)
window_shift = np.round(rng.normal(0.5, 1, 200), 6)
ks_same = ks_2samp(reference, window_same)
ks_shift = ks_2samp(reference, window_shift)
cats_ref = ["a"] * 300 + ["b"] * 150 + ["c"] * 50
cats_win = ["a"] * 80 + ["b"] * 80 + ["c"] * 40
table = [[300, 150, 50], [80, 80, 40]]
chi = chi2_contingency(table, correction=False)

print(json.dumps({
    "ddm": {"errors": ddm_errors, "signals": ddm_signals},
    "page_hinkley": {"xs": ph_xs, "signals": ph_signals, "statistics": ph_stats},
    "ks": {
        "reference": reference.tolist(),
        "same": window_same.tolist(), "same_d": ks_same.statistic, "same_p": ks_same.pvalue,
        "shift": window_shift.tolist(), "shift_d": ks_shift.statistic, "shift_p": ks_shift.pvalue,
    },
    "chi2": {"reference": {"a": 300, "b": 150, "c": 50}, "window": {"a": 80, "b": 80, "c": 40},
             "p": chi[1], "statistic": chi[0]},
}, indent=None))
