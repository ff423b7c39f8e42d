#!/usr/bin/python3
"""Peers for bench/geodesics.bench.ts.

1. SPD distances with scipy's general matrix functions (the textbook formulas geomstats-style
   code uses): affine-invariant ||logm(A^{-1/2} B A^{-1/2})||_F with A^{-1/2} = inv(sqrtm(A)),
   log-Euclidean ||logm(A) - logm(B)||_F, Bures-Wasserstein via sqrtm. One pair at a time in a
   Python loop, as our CPU path does.
   The same formulas with numpy.linalg.eigh (symmetric eigendecomposition, LAPACK) are timed
   too ('ai_eigh', 'le_eigh', 'bw_eigh'): the fairer peer for symmetric matrices.
2. A geodesic fan on the Gaussian bump by RK4, vectorised over the geodesics with numpy.

Usage: geodesics.py --pairs 200 --sizes 3,8 --fans 256,1024,4096 --steps 200 --repeats 5
Prints JSON: {"source": ..., "spd": {"3": {"ai": ms, "le": ms, "bw": ms}, ...}, "fan": {"256": ms, ...}}
Times are medians of the repeats after one warm-up run; SPD times are for all pairs.
"""
import argparse
import json
import statistics
import sys
import time

import numpy as np
import scipy
import scipy.linalg as sla


def median_ms(fn, repeats):
    fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times)


def random_spd(rng, n):
    q, _ = np.linalg.qr(rng.standard_normal((n, n)))
    return (q * np.exp(rng.uniform(-1.5, 1.5, n))) @ q.T


def ai(a, b):
    isa = np.linalg.inv(np.real(sla.sqrtm(a)))
    return np.linalg.norm(np.real(sla.logm(isa @ b @ isa)), 'fro')


def le(a, b):
    return np.linalg.norm(np.real(sla.logm(a)) - np.real(sla.logm(b)), 'fro')


def bw(a, b):
    sa = np.real(sla.sqrtm(a))
    return np.sqrt(max(np.trace(a) + np.trace(b) - 2 * np.trace(np.real(sla.sqrtm(sa @ b @ sa))), 0.0))


def eig_fun(a, f):
    w, v = np.linalg.eigh(a)
    return (v * f(w)) @ v.T


def ai_eigh(a, b):
    isa = eig_fun(a, lambda w: 1 / np.sqrt(w))
    return np.sqrt(np.sum(np.log(np.linalg.eigvalsh(isa @ b @ isa)) ** 2))


def le_eigh(a, b):
    return np.linalg.norm(eig_fun(a, np.log) - eig_fun(b, np.log), 'fro')


def bw_eigh(a, b):
    sa = eig_fun(a, np.sqrt)
    return np.sqrt(max(np.trace(a) + np.trace(b) - 2 * np.sum(np.sqrt(np.maximum(np.linalg.eigvalsh(sa @ b @ sa), 0))), 0.0))


S2 = 0.25


def grad_hess(x, y):
    g = np.exp(-(x * x + y * y) / (2 * S2))
    fx, fy = -x / S2 * g, -y / S2 * g
    fxx = (x * x / S2 ** 2 - 1 / S2) * g
    fxy = x * y / S2 ** 2 * g
    fyy = (y * y / S2 ** 2 - 1 / S2) * g
    return fx, fy, fxx, fxy, fyy


def rhs(s):
    x, y, vx, vy = s
    fx, fy, fxx, fxy, fyy = grad_hess(x, y)
    q = (fxx * vx * vx + 2 * fxy * vx * vy + fyy * vy * vy) / (1 + fx * fx + fy * fy)
    return np.stack([vx, vy, -fx * q, -fy * q])


def fan(count, steps, x0=-0.8, y0=0.3, length=2.5):
    angles = 2 * np.pi * np.arange(count) / count
    ux, uy = np.cos(angles), np.sin(angles)
    fx, fy, *_ = grad_hess(np.float64(x0), np.float64(y0))
    speed = np.sqrt(ux * ux + uy * uy + (fx * ux + fy * uy) ** 2)
    s = np.stack([np.full(count, x0), np.full(count, y0), ux / speed, uy / speed])
    h = length / steps
    out = np.empty((steps + 1, 2, count))
    out[0] = s[:2]
    for k in range(steps):
        k1 = rhs(s)
        k2 = rhs(s + 0.5 * h * k1)
        k3 = rhs(s + 0.5 * h * k2)
        k4 = rhs(s + h * k3)
        s = s + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
        out[k + 1] = s[:2]
    return out


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--pairs', type=int, default=200)
    p.add_argument('--sizes', default='3,8')
    p.add_argument('--fans', default='256,1024,4096')
    p.add_argument('--steps', type=int, default=200)
    p.add_argument('--repeats', type=int, default=5)
    a = p.parse_args()
    rng = np.random.default_rng(1)
    spd = {}
    for n in map(int, a.sizes.split(',')):
        pairs = [(random_spd(rng, n), random_spd(rng, n)) for _ in range(a.pairs)]
        spd[str(n)] = {
            name: median_ms(lambda f=f: [f(x, y) for x, y in pairs], a.repeats)
            for name, f in (('ai', ai), ('le', le), ('bw', bw), ('ai_eigh', ai_eigh), ('le_eigh', le_eigh), ('bw_eigh', bw_eigh))
        }
    fans = {str(c): median_ms(lambda c=c: fan(c, a.steps), a.repeats) for c in map(int, a.fans.split(','))}
    print(json.dumps({'source': 'numpy %s / scipy %s' % (np.__version__, scipy.__version__), 'spd': spd, 'fan': fans}))


if __name__ == '__main__':
    sys.exit(main())
