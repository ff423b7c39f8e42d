#!/usr/bin/python3
"""numpy peer for bench/foundation.bench.ts: times y = A @ x and the row log-sum-exp of a
random n×n matrix (float64, uniform in [-1, 1)).

Usage: foundation.py --sizes 1024,2048 --repeats 7,7 (one repeat count per size)
Prints JSON: {"source": ..., "lse": ..., "sizes": {"1024": {"matvec": ms, "lse": ms}, ...}}
Each time is the median of the repeats after one warm-up run.
"""
import argparse
import json
import statistics
import sys
import time

import numpy as np

try:
    from scipy.special import logsumexp

    LSE = 'scipy.special.logsumexp(A, axis=1)'
except ImportError:  # the numpy max-shift formula, the same math
    def logsumexp(a, axis):
        m = a.max(axis=axis, keepdims=True)
        return (m + np.log(np.exp(a - m).sum(axis=axis, keepdims=True))).squeeze(axis)

    LSE = 'numpy max-shift log-sum-exp (scipy missing)'


def median_ms(fn, repeats):
    fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--sizes', required=True)
    parser.add_argument('--repeats', required=True)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(',')]
    repeats = [int(r) for r in args.repeats.split(',')]
    rng = np.random.default_rng(1)
    out = {}
    for n, r in zip(sizes, repeats):
        a = rng.uniform(-1, 1, (n, n))
        x = rng.uniform(-1, 1, n)
        out[str(n)] = {
            'matvec': median_ms(lambda: a @ x, r),
            'lse': median_ms(lambda: logsumexp(a, axis=1), r),
        }
        del a
    print(f'numpy {np.__version__}: sizes {sizes} done', file=sys.stderr)
    json.dump({'source': f'numpy {np.__version__}', 'lse': LSE, 'sizes': out}, sys.stdout)


if __name__ == '__main__':
    main()
