"""Exports scikit-learn's digits data set (load_digits: 1797 8×8 images, 16 grey levels) to
public/data/digits.json as {"x": 1797×64 integers 0..16, "y": 1797 labels}.
Shared by the heat-geodesic and Hessian chapters. Run with Debian's /usr/bin/python3:
    /usr/bin/python3 scripts/make_digits.py"""
import json, os
import sklearn
from sklearn.datasets import load_digits

d = load_digits()
out = os.path.join(os.path.dirname(__file__), "..", "public", "data", "digits.json")
with open(out, "w") as f:
    json.dump({"x": [[int(v) for v in row] for row in d.data], "y": [int(v) for v in d.target]}, f, separators=(",", ":"))
print("wrote", out, d.data.shape, "scikit-learn", sklearn.__version__)
