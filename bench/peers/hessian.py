"""PyTorch peer for bench/hessian.bench.ts: Hessian-vector products by double backward (CPU, f64),
top-10 eigenvalues (scipy eigsh on the HVP operator) and a 100-step Lanczos (full re-orthogonalization),
for the same MLP shapes and sizes as our benchmark. Prints JSON.

Usage: python3 hessian.py --configs '[[32,24,10],…]' --n 256 --repeats 5 --threads 1
"""
import argparse, json, time

import numpy as np
import torch
from scipy.sparse.linalg import LinearOperator, eigsh

p = argparse.ArgumentParser()
p.add_argument("--configs", required=True)
p.add_argument("--n", type=int, default=256)
p.add_argument("--repeats", type=int, default=5)
p.add_argument("--threads", type=int, default=1)
p.add_argument("--spectra", type=int, default=1, help="index of the config for the top-10 / SLQ timings")
a = p.parse_args()
torch.set_num_threads(a.threads)
torch.set_default_dtype(torch.float64)


def median_time(fn, repeats):
    fn()
    ts = []
    for _ in range(repeats):
        t0 = time.perf_counter(); fn(); ts.append((time.perf_counter() - t0) * 1000)
    return float(np.median(ts))


def model(layers, n):
    g = torch.Generator().manual_seed(1)
    P = sum(layers[i + 1] * (layers[i] + 1) for i in range(len(layers) - 1))
    theta = (torch.randn(P, generator=g) * 0.3).requires_grad_(True)
    X = torch.randn(n, layers[0], generator=g)
    y = torch.arange(n) % layers[-1]

    def loss(t):
        h, o = X, 0
        for l in range(len(layers) - 1):
            ni, no = layers[l], layers[l + 1]
            W = t[o:o + no * ni].view(no, ni); o += no * ni
            b = t[o:o + no]; o += no
            h = h @ W.T + b
            if l < len(layers) - 2: h = torch.tanh(h)
        return torch.nn.functional.cross_entropy(h, y)

    (grad,) = torch.autograd.grad(loss(theta), theta, create_graph=True)
    def hvp(v):
        (hv,) = torch.autograd.grad(grad, theta, grad_outputs=v, retain_graph=True)
        return hv
    return P, hvp


out = {"source": f"torch {torch.__version__} double backward, {a.threads} thread(s)", "sizes": {}}
configs = json.loads(a.configs)
for i, layers in enumerate(configs):
    P, hvp = model(layers, a.n)
    v = torch.randn(P)
    entry = {"P": P, "hvp": median_time(lambda: hvp(v), a.repeats)}
    if i == a.spectra:
        op = LinearOperator((P, P), matvec=lambda x: hvp(torch.from_numpy(np.ascontiguousarray(x).ravel())).numpy(), dtype=np.float64)
        entry["top10"] = median_time(lambda: eigsh(op, k=10, which="LA", ncv=30, tol=1e-6), 1)

        def lanczos100():
            m = 100
            Q = np.zeros((m, P)); q = np.random.default_rng(1).choice([-1.0, 1.0], P); q /= np.linalg.norm(q)
            alpha, beta = [], []
            for j in range(m):
                Q[j] = q
                w = hvp(torch.from_numpy(q)).numpy()
                alpha.append(w @ q)
                for _ in range(2):
                    w -= Q[: j + 1].T @ (Q[: j + 1] @ w)
                b = np.linalg.norm(w); beta.append(b); q = w / b
            return np.linalg.eigh(np.diag(alpha) + np.diag(beta[:-1], 1) + np.diag(beta[:-1], -1))
        entry["slq100"] = median_time(lanczos100, 1)
    out["sizes"][str(P)] = entry
print(json.dumps(out))
