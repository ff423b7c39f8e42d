#!/usr/bin/python3
"""PyTorch peer for the Sven rows of bench/optimizer2.bench.ts.

For each case <n>x<P> (files <dir>/<name>.J.f64, <name>.r.f64 written by the bench, raw float64, J n x P
row-major) and each k in --ks: torch.linalg.svd(J, full_matrices=False) (LAPACK gesdd, float64) and the
truncated step V_k diag(1/s_k) U_k^T r. Median ms per step and the step, for the bench to compare.

Prints JSON: {"source", "threads", "cases": {"<name>/<k>": {"ms", "step"}}}.
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
    p.add_argument('--ks', required=True)
    p.add_argument('--repeats', type=int, default=5)
    args = p.parse_args()
    out = {'source': 'torch %s' % torch.__version__, 'threads': torch.get_num_threads(), 'cases': {}}
    for name in args.cases.split(','):
        n, P = (int(v) for v in name.split('x'))
        J = torch.from_numpy(np.fromfile('%s/%s.J.f64' % (args.dir, name), dtype=np.float64).reshape(n, P))
        r = torch.from_numpy(np.fromfile('%s/%s.r.f64' % (args.dir, name), dtype=np.float64))
        for k in [int(v) for v in args.ks.split(',')]:
            def step():
                u, s, vh = torch.linalg.svd(J, full_matrices=False)
                return vh[:k].T @ ((u[:, :k].T @ r) / s[:k])

            y = step()
            times = []
            for _ in range(args.repeats):
                t0 = time.perf_counter()
                y = step()
                times.append((time.perf_counter() - t0) * 1e3)
            out['cases']['%s/%d' % (name, k)] = {'ms': statistics.median(times), 'step': y.tolist()}
    print(json.dumps(out))


main()
