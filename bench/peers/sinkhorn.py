#!/usr/bin/python3
"""POT peer for bench/sinkhorn.bench.ts.

Usage: sinkhorn.py problems.json
problems.json: {"problems": [{"n": 512, "x": [...], "y": [...]}],     (row-major n×2 points)
                "runs": [{"n": 512, "epsilon": 0.01, "method": "sinkhorn"|"sinkhorn_log",
                          "stopThr": 1e-9, "numItermax": 100000, "repeats": 3}]}
The cost is ot.dist(x, y) (squared Euclidean) divided by its max; a = b = uniform.
Prints JSON: {"pot": version, "numpy": version, "runs": [{..., "ms": median, "iterations": n,
"l1_error": ||P1 - a||_1 + ||P^T 1 - b||_1 of POT's plan}]}. Each time is the median of
`repeats` runs after one warm-up run (none when repeats is 1: the single run is timed).
"""
import json
import statistics
import sys
import time
import warnings

import numpy as np
import ot

warnings.filterwarnings("ignore")

spec = json.load(open(sys.argv[1]))
costs = {}
for p in spec["problems"]:
    x = np.array(p["x"], dtype=np.float64).reshape(-1, 2)
    y = np.array(p["y"], dtype=np.float64).reshape(-1, 2)
    C = ot.dist(x, y, metric="sqeuclidean")
    costs[p["n"]] = C / C.max()

out = []
for run in spec["runs"]:
    C = costs[run["n"]]
    n = C.shape[0]
    a = np.full(n, 1.0 / n)
    fn = ot.bregman.sinkhorn_knopp if run["method"] == "sinkhorn" else ot.bregman.sinkhorn_log

    def solve():
        return fn(a, a, C, run["epsilon"], numItermax=run["numItermax"], stopThr=run["stopThr"], log=True)

    if run["repeats"] > 1:
        solve()
    times = []
    for _ in range(run["repeats"]):
        t0 = time.perf_counter()
        P, log = solve()
        times.append((time.perf_counter() - t0) * 1000)
    err = float(np.abs(P.sum(1) - a).sum() + np.abs(P.sum(0) - a).sum())
    out.append({**run, "ms": statistics.median(times), "iterations": int(log["niter"]) + 1, "l1_error": err})

print(json.dumps({"pot": ot.__version__, "numpy": np.__version__, "runs": out}))
