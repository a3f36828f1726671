"""Expected values of the multivariate drift tests (PcaReconstructionAdultTest).

Reads the Adult dev set of the jobs module (../../../../../jobs/src/test/resources/datasets/adult,
see its SOURCES.md: UCI Adult, CC BY 4.0) and builds the design matrix aimon's reconstruction
check uses (docs/metrics.md, "Multivariate drift"):
- the numeric features in config order (a missing value imputed with the reference mean);
- per categorical feature in config order, one 0/1 column for each of its MAX_CATEGORIES most
  frequent reference categories (ties by name), a value outside them all zeros.
Then fits scikit-learn's StandardScaler and PCA(n_components=VARIANCE, svd_solver="full") on the
16280 reference rows and writes:
- the number of columns and of components kept, the explained variance ratios;
- the reconstruction error of the first 50 production events: the Euclidean norm of
  z - pca.inverse_transform(pca.transform(z)) for the standardized row z;
- the reference's mean error, and per production window (UTC day) n and the mean error;
- the band of a window of 100, 1000 and 4070 events: the standard deviation (numpy, ddof 0) of the
  means of consecutive reference chunks of that size (the incomplete last chunk left out) when the
  reference holds at least 10 such chunks, else the standard deviation of the reference's errors
  divided by the square root of the window's size.

Run with Debian's python3-sklearn: /usr/bin/python3 make_expected.py -> expected.json
"""
import gzip
import json
import os

import numpy as np
import sklearn
from sklearn.decomposition import PCA
from sklearn.preprocessing import StandardScaler

HERE = os.path.dirname(os.path.abspath(__file__))
ADULT = os.path.join(HERE, "../../../../../jobs/src/test/resources/datasets/adult")
NUMERIC = ["age", "fnlwgt", "education_num", "capital_gain", "capital_loss", "hours_per_week"]
CATEGORICAL = ["workclass", "education", "marital_status", "occupation", "relationship", "race",
               "sex", "native_country"]
MAX_CATEGORIES = 20
VARIANCE = 0.65


def read(name):
    with gzip.open(os.path.join(ADULT, name), "rt") as f:
        return [json.loads(line) for line in f]


reference = read("reference.jsonl.gz")
production = read("production.jsonl.gz")

means = {}
for f in NUMERIC:
    values = [e["features"][f] for e in reference if e["features"].get(f) is not None]
    means[f] = float(np.mean(values))
columns = {}
for f in CATEGORICAL:
    counts = {}
    for e in reference:
        v = e["features"].get(f) or "__MISSING__"
        counts[v] = counts.get(v, 0) + 1
    # most frequent first, ties by name (code-point order)
    columns[f] = [c for c, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))][:MAX_CATEGORIES]


def row(e):
    x = [e["features"][f] if e["features"].get(f) is not None else means[f] for f in NUMERIC]
    for f in CATEGORICAL:
        v = e["features"].get(f) or "__MISSING__"
        x += [1.0 if v == c else 0.0 for c in columns[f]]
    return x


R = np.array([row(e) for e in reference], dtype=float)
scaler = StandardScaler().fit(R)
pca = PCA(n_components=VARIANCE, svd_solver="full").fit(scaler.transform(R))


def errors(X):
    Z = scaler.transform(X)
    return np.linalg.norm(Z - pca.inverse_transform(pca.transform(Z)), axis=1)


ref_errors = errors(R)
P = np.array([row(e) for e in production], dtype=float)
prod_errors = errors(P)
out = {
    "generator": f"scikit-learn {sklearn.__version__}, numpy {np.__version__}",
    "max_categories": MAX_CATEGORIES,
    "variance": VARIANCE,
    "columns": R.shape[1],
    "components": int(pca.n_components_),
    "explained_variance_ratio": [float(v) for v in pca.explained_variance_ratio_],
    "scaler_mean_head": [float(v) for v in scaler.mean_[:10]],
    "scaler_scale_head": [float(v) for v in scaler.scale_[:10]],
    "probes": [float(v) for v in prod_errors[:50]],
    "reference_mean": float(np.mean(ref_errors)),
    "windows": {},
    "chunk_std": {},
}
days = sorted({e["timestamp"][:10] for e in production})
for day in days:
    idx = [i for i, e in enumerate(production) if e["timestamp"].startswith(day)]
    out["windows"][day] = {"n": len(idx), "mean": float(np.mean(prod_errors[idx]))}
out["error_std"] = float(np.std(ref_errors))
for size in (100, 1000, 4070):
    chunks = len(ref_errors) // size
    out["chunk_std"][str(size)] = float(np.std(
        [np.mean(ref_errors[c * size:(c + 1) * size]) for c in range(chunks)])) \
        if chunks >= 10 else float(np.std(ref_errors) / np.sqrt(size))

with open(os.path.join(HERE, "expected.json"), "w") as f:
    json.dump(out, f, indent=1, sort_keys=True)
    f.write("\n")
