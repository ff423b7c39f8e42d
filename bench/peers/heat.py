#!/usr/bin/python3
"""scikit-learn Isomap peer for bench/heat.bench.ts: times Isomap(n_neighbors=k,
n_components=2).fit_transform(X) on the exact point sets our benchmark made, and returns
the embeddings so both are scored by the same Spearman code.

Usage: heat.py --points file.json --k 10 --repeats 3,1,1
file.json: {"sizes": [{"n": 1000, "points": [x0, y0, z0, x1, ...]}, ...]}
Prints JSON: {"source": ..., "sizes": {"1000": {"ms": median ms, "embedding": [...n*2]}, ...}}
"""
import argparse
import json
import statistics
import time

import numpy as np
import sklearn
from sklearn.manifold import Isomap

parser = argparse.ArgumentParser()
parser.add_argument("--points", required=True)
parser.add_argument("--k", type=int, default=10)
parser.add_argument("--repeats", default="3")
args = parser.parse_args()
with open(args.points) as f:
    spec = json.load(f)
repeats = [int(r) for r in args.repeats.split(",")]
out = {}
for index, entry in enumerate(spec["sizes"]):
    n = entry["n"]
    x = np.asarray(entry["points"], dtype=np.float64).reshape(n, -1)
    times = []
    embedding = None
    for _ in range(repeats[min(index, len(repeats) - 1)]):
        t0 = time.perf_counter()
        embedding = Isomap(n_neighbors=args.k, n_components=2).fit_transform(x)
        times.append((time.perf_counter() - t0) * 1000)
    out[str(n)] = {"ms": statistics.median(times), "embedding": [float(v) for v in embedding.ravel()]}
print(json.dumps({"source": "scikit-learn %s Isomap(n_neighbors=%d, n_components=2).fit_transform" % (sklearn.__version__, args.k), "sizes": out}))
