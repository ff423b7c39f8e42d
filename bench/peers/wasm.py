#!/usr/bin/python3
"""numpy / scipy / POT peer for bench/wasm.bench.ts.

Usage: wasm.py spec.json
spec.json: {"sizes": [1024, ...], "repeats": [7, ...], "sinkhornIterations": 20,
            "job": {"x": "path.f64", "y": "path.f64", "n": 1000, "epsilon": 0.05, "iterations": 61, "repeats": 5},
            "logJobs": [{"epsilon": 0.05, "iterations": 61, "repeats": 3}, ...],
            "poolJobs": [{"x": "path.f64", "y": "path.f64", "epsilon": 0.05, "iterations": 45, "repeats": 3}, ...]}
poolJobs: sinkhorn_knopp as for "job" on each pair of point files (the worker-pool table).
Kernels on a random n×n matrix (uniform in [-1, 1), f64): A @ x, A.T @ u, scipy.special.logsumexp(A, axis=1),
and one scaling Sinkhorn iteration (u = a / (K @ v); v = b / (K.T @ u)) on K = exp(-C/0.05) of n uniform
points in [0, 1]^2. The job: ot.sinkhorn(a, b, C, reg, method='sinkhorn') i.e. sinkhorn_knopp on the
squared Euclidean cost of the given points, stopThr=0 and numItermax = the app's iteration count (so it runs
exactly that many iterations), K built inside. logJobs: ot.bregman.sinkhorn_log and sinkhorn_stabilized on the
same points and cost, stopThr=0 and numItermax = the app's log-domain iteration count at that epsilon. Column LSE:
scipy.special.logsumexp(A, axis=0). Prints JSON; every time is a median in ms after one warm-up.
"""
import json
import statistics
import sys
import time
import warnings

import numpy as np
from scipy.special import logsumexp

warnings.filterwarnings("ignore")


def median_ms(fn, repeats):
    fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times)


spec = json.load(open(sys.argv[1]))
rng = np.random.default_rng(1)
sizes = {}
for n, r in zip(spec["sizes"], spec["repeats"]):
    A = rng.uniform(-1, 1, (n, n))
    x = rng.uniform(-1, 1, n)
    p = rng.uniform(0, 1, (n, 2))
    q = rng.uniform(0, 1, (n, 2))
    C = ((p[:, None, :] - q[None, :, :]) ** 2).sum(-1)
    K = np.exp(-C / 0.05)
    a = np.full(n, 1.0 / n)
    state = {"u": np.ones(n), "v": np.ones(n)}

    def sinkhorn_iteration():
        state["u"] = a / (K @ state["v"])
        state["v"] = a / (K.T @ state["u"])

    sizes[str(n)] = {
        "matvec": median_ms(lambda: A @ x, r),
        "matvecT": median_ms(lambda: A.T @ x, r),
        "lse": median_ms(lambda: logsumexp(A, axis=1), r),
        "lseCols": median_ms(lambda: logsumexp(A, axis=0), r),
        "sinkhorn": median_ms(sinkhorn_iteration, r),
    }
    del A, C, K

out = {"numpy": np.__version__, "sizes": sizes}
job = spec.get("job")
if job:
    try:
        import ot

        x = np.fromfile(job["x"], dtype=np.float64).reshape(-1, 2)
        y = np.fromfile(job["y"], dtype=np.float64).reshape(-1, 2)
        n = x.shape[0]
        a = np.full(n, 1.0 / n)

        def solve():
            C = ot.dist(x, y, metric="sqeuclidean")
            return ot.bregman.sinkhorn_knopp(a, a, C, job["epsilon"], numItermax=job["iterations"], stopThr=0.0)

        out["job"] = {"pot": ot.__version__, "ms": median_ms(solve, job["repeats"])}

        def log_solver(fn, spec_job):
            def run():
                C = ot.dist(x, y, metric="sqeuclidean")
                return fn(a, a, C, spec_job["epsilon"], numItermax=spec_job["iterations"], stopThr=0.0)

            return median_ms(run, spec_job["repeats"])

        def pool_job(spec_job):
            px = np.fromfile(spec_job["x"], dtype=np.float64).reshape(-1, 2)
            py = np.fromfile(spec_job["y"], dtype=np.float64).reshape(-1, 2)
            pa = np.full(px.shape[0], 1.0 / px.shape[0])

            def run():
                C = ot.dist(px, py, metric="sqeuclidean")
                return ot.bregman.sinkhorn_knopp(pa, pa, C, spec_job["epsilon"], numItermax=spec_job["iterations"], stopThr=0.0)

            return median_ms(run, spec_job["repeats"])

        out["poolJobs"] = [pool_job(j) for j in spec.get("poolJobs", [])]
        out["logJobs"] = [
            {"log": log_solver(ot.bregman.sinkhorn_log, j), "stabilized": log_solver(ot.bregman.sinkhorn_stabilized, j)}
            for j in spec.get("logJobs", [])
        ]
    except ImportError:
        out["job"] = None
        out["logJobs"] = None
        out["poolJobs"] = None
json.dump(out, sys.stdout)
