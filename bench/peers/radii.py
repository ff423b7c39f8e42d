#!/usr/bin/python3
"""numpy peer for bench/radii.bench.ts.

spread: per-sample Delta_a = max_k a - min_k a and rho_a = pi / Delta_a of an n x 10 matrix of
        uniform slopes in [-1, 1) (float64), timed for each n in --sizes.
roots:  the nearest complex zero of F(tau) = sum_k exp(z_k + a_k tau) for integer slopes, by
        numpy.roots on the polynomial P(w) = sum_k exp(z_k) w^(a_k - min a) in w = e^tau, then
        the principal logarithm of each root (rho* = min |Log w|); the cases are read from the
        JSON file --cases written by the benchmark, so both sides solve the same problems.

Prints JSON: {"source", "spread": {n: ms}, "roots": {"ms": total ms, "distances": [...]}}.
"""
import argparse
import json
import statistics
import time

import numpy as np


def median_ms(fn, repeats):
    fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times)


def nearest(z, a):
    a = np.asarray(a, dtype=np.int64)
    lo = a.min()
    coeffs = np.zeros(a.max() - lo + 1)
    np.add.at(coeffs, a - lo, np.exp(z))
    roots = np.roots(coeffs[::-1])
    return float(np.min(np.abs(np.log(roots.astype(complex)))))


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--sizes', required=True)
    p.add_argument('--repeats', type=int, default=5)
    p.add_argument('--cases', required=True)
    args = p.parse_args()
    out = {'source': 'numpy %s' % np.__version__, 'spread': {}}
    rng = np.random.default_rng(3)
    for n in [int(s) for s in args.sizes.split(',')]:
        a = rng.uniform(-1, 1, size=(n, 10))
        def run():
            d = a.max(axis=1) - a.min(axis=1)
            with np.errstate(divide='ignore'):
                return np.pi / d, np.pi / d.max()
        out['spread'][str(n)] = median_ms(run, args.repeats)
    cases = json.load(open(args.cases))
    distances = []
    def solve():
        distances.clear()
        for c in cases:
            distances.append(nearest(np.array(c['z']), c['a']))
    out['roots'] = {'ms': median_ms(solve, 3), 'distances': distances}
    print(json.dumps(out))


main()
