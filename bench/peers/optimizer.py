#!/usr/bin/python3
"""numpy peer for bench/optimizer.bench.ts.

One symmetric matrix-sensing GD iteration (Xiong, Ding & Du, ICLR 2024) at each n in --sizes:
r_i = <B_i, X X^T> - y_i, S = (1/m) sum r_i B_i, X <- X - eta (S + S^T) X (i.e. eta (2/m) sum r_i A_i X with
A_i = (B_i + B_i^T)/2), with m Gaussian n x n matrices B_i stored as one m x n^2 float64 array (two
matrix-vector products through BLAS), X in R^{n x k}. Median wall time per iteration in ms.

Prints JSON: {"source", "iteration": {n: ms}}.
"""
import argparse
import json
import statistics
import time

import numpy as np


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--sizes', required=True)
    p.add_argument('--m', type=int, required=True)
    p.add_argument('--k', type=int, required=True)
    p.add_argument('--repeats', type=int, default=7)
    args = p.parse_args()
    rng = np.random.default_rng(4)
    out = {'source': 'numpy %s' % np.__version__, 'iteration': {}}
    for n in [int(s) for s in args.sizes.split(',')]:
        b = rng.standard_normal((args.m, n * n))
        x = 0.1 * rng.standard_normal((n, args.k)) / np.sqrt(n)
        y = rng.standard_normal(args.m)
        state = {'x': x}

        def step():
            xx = state['x']
            r = b @ (xx @ xx.T).ravel() - y
            s = (r @ b).reshape(n, n) / args.m
            state['x'] = xx - 1e-3 * (s + s.T) @ xx

        step()
        times = []
        for _ in range(args.repeats):
            t0 = time.perf_counter()
            step()
            times.append((time.perf_counter() - t0) * 1e3)
        out['iteration'][str(n)] = statistics.median(times)
        del b
    print(json.dumps(out))


main()
