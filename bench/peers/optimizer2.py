#!/usr/bin/python3
"""PyTorch peer for bench/optimizer2.bench.ts.

For each case name in --cases (files <dir>/<name>.G.f64 and <name>.x.f64 written by the bench, raw float64,
G m x P row-major), forms the damped empirical Fisher F = lam I + (1/m) G^T G and solves F y = x with
torch.linalg.solve (float64, the CPU threads torch is given). Reports the median ms of form + solve and the
solution, so the bench can compare it with M-FAC's answer on the same gradients.

Also times the matrix-free Woodbury form (x - G^T (m lam I + G G^T)^{-1} G x)/lam with torch.linalg.solve on
the m x m system (woodbury_ms).

Prints JSON: {"source", "threads", "cases": {name: {"ms", "woodbury_ms", "solution"}}}.
"""
import argparse
import json
import statistics
import time

import numpy as np
import torch


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--dir', required=True)
    p.add_argument('--cases', required=True)
    p.add_argument('--lambda', dest='lam', type=float, required=True)
    p.add_argument('--repeats', type=int, default=5)
    args = p.parse_args()
    out = {'source': 'torch %s' % torch.__version__, 'threads': torch.get_num_threads(), 'cases': {}}
    for name in args.cases.split(','):
        m, P = (int(v) for v in name.split('x'))
        G = torch.from_numpy(np.fromfile('%s/%s.G.f64' % (args.dir, name), dtype=np.float64).reshape(m, P))
        x = torch.from_numpy(np.fromfile('%s/%s.x.f64' % (args.dir, name), dtype=np.float64))
        eye = torch.eye(P, dtype=torch.float64)

        def step():
            F = args.lam * eye + G.T @ G / m
            return torch.linalg.solve(F, x)

        y = step()
        times = []
        for _ in range(args.repeats):
            t0 = time.perf_counter()
            y = step()
            times.append((time.perf_counter() - t0) * 1e3)
        # The same matrix-free answer in torch: Woodbury through the m x m system (m lam I + G G^T).
        def woodbury():
            K = G @ G.T
            K.diagonal().add_(m * args.lam)
            return (x - G.T @ torch.linalg.solve(K, G @ x)) / args.lam

        woodbury()
        wtimes = []
        for _ in range(args.repeats):
            t0 = time.perf_counter()
            woodbury()
            wtimes.append((time.perf_counter() - t0) * 1e3)
        out['cases'][name] = {'ms': statistics.median(times), 'woodbury_ms': statistics.median(wtimes), 'solution': y.tolist()}
    print(json.dumps(out))


main()
