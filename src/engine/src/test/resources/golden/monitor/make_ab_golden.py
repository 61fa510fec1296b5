#!/usr/bin/python3
"""Goldens for the monitor's champion/challenger test (mixture SPRT, Johari et al. 2017).

The likelihood ratio is computed here by numerical integration of its definition, not by its
closed form: with theta_hat ~ N(theta, V) and the mixture theta ~ N(0, tau^2),
    Lambda = integral N(theta_hat; theta, V) N(theta; 0, tau^2) dtheta / N(theta_hat; 0, V)
(scipy.integrate.quad), V the plug-in variance p1(1-p1)/n1 + p2(1-p2)/n2 of p2 - p1. The
confidence sequence's half-width h is the root (scipy.optimize.brentq) of
Lambda(theta_hat = h) = 1/alpha. The stream scenario draws labelled predictions per window for
a champion (accuracy 0.80) and a challenger (0.86), and gives per window the cumulative counts,
the always-valid p-value (running minimum of 1/Lambda, Lambda = 1 until both have min_labelled)
and the verdict (stop when p <= alpha, by the sign of the difference; inconclusive when both
reach max_labelled).
Run: /usr/bin/python3 make_ab_golden.py > ab_golden.json
"""
import json
import math
import numpy as np
from scipy.integrate import quad
from scipy.optimize import brentq
from scipy.stats import norm


def log_lr(diff, v, tau2):
    tau = math.sqrt(tau2)
    sd = math.sqrt(v)
    # integrate the ratio N(d; t, V) / N(d; 0, V) weighted by the prior, in a numerically
    # stable form (the log of the denominator is taken out)
    den = norm.logpdf(diff, 0, sd)
    log_f = lambda t: norm.logpdf(diff, t, sd) - den + norm.logpdf(t, 0, tau)
    # the integrand peaks at the posterior mean; integrate exp(log f - log f(peak)) around it
    peak = diff * tau2 / (tau2 + v)
    spread = math.sqrt(v * tau2 / (v + tau2))
    top = log_f(peak)
    val, _ = quad(lambda t: math.exp(log_f(t) - top), peak - 14 * spread, peak + 14 * spread,
                  points=[peak], limit=400, epsabs=0, epsrel=1e-12)
    return top + math.log(val)


def half_width(v, tau2, alpha):
    g = lambda h: log_lr(h, v, tau2) - math.log(1 / alpha)
    return brentq(g, 0.0, 50 * math.sqrt(v + tau2), xtol=1e-14, rtol=1e-13)


def variance(k1, n1, k2, n2):
    p1, p2 = k1 / n1, k2 / n2
    return p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2


rng = np.random.default_rng(20)
cases = []
for _ in range(25):
    n1 = int(rng.integers(30, 5000))
    n2 = int(rng.integers(30, 5000))
    p1 = rng.uniform(0.05, 0.95)
    p2 = min(0.99, max(0.01, p1 + rng.normal(0, 0.04)))
    k1 = int(rng.binomial(n1, p1))
    k2 = int(rng.binomial(n2, p2))
    tau = float(rng.choice([0.01, 0.05, 0.1]))
    alpha = float(rng.choice([0.01, 0.05, 0.1]))
    v = variance(k1, n1, k2, n2)
    d = k2 / n2 - k1 / n1
    cases.append({"k1": k1, "n1": n1, "k2": k2, "n2": n2, "tau": tau, "alpha": alpha,
                  "log_lr": log_lr(d, v, tau * tau),
                  "half_width": half_width(v, tau * tau, alpha)})

alpha, tau, min_l, max_l = 0.05, 0.05, 30, 4000
windows = []
c = [0, 0]
n = [0, 0]
p_run = 1.0
verdict, decided = "continue", None
for w in range(40):
    per = [int(rng.integers(60, 140)), int(rng.integers(60, 140))]
    right = [int(rng.binomial(per[0], 0.80)), int(rng.binomial(per[1], 0.86))]
    for i in range(2):
        n[i] += per[i]
        c[i] += right[i]
    lr = 0.0
    if min(n) >= min_l:
        v = variance(c[0], n[0], c[1], n[1])
        if v > 0:
            lr = log_lr(c[1] / n[1] - c[0] / n[0], v, tau * tau)
    p_run = min(p_run, min(1.0, math.exp(-lr)))
    if decided is None:
        if p_run <= alpha:
            verdict = "stop: challenger better" if c[1] / n[1] > c[0] / n[0] else \
                "stop: challenger worse"
            decided = w
        elif min(n) >= max_l:
            verdict, decided = "inconclusive at max sample", w
    windows.append({"labelled": per, "right": right, "log_lr": lr, "p_value": p_run,
                    "verdict": verdict})

print(json.dumps({"cases": cases,
                  "stream": {"alpha": alpha, "tau": tau, "min_labelled": min_l,
                             "max_labelled": max_l, "windows": windows}}, indent=1))
