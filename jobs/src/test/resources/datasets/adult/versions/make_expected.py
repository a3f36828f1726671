"""Expected values of the two-version test (ModelVersionsIntegrationTest), from numpy and scipy.

The stream: every production event of 2024-02-01 (window W1) as version "1", the stable champion,
and the first 600 events of 2024-02-05 (the drift_age_ge_50 scenario, see ../SOURCES.md) moved four
days earlier into W1 as version "2", the canary. The test builds the same stream from
../production.jsonl.gz by the same rule.

Per version, against the reference: psi of every feature, the score and the label (reference decile
bins, numpy type-7 quantiles, right-closed; categories over the sorted union; zero shares replaced
by 1e-4) and the two-sample KS test of every numeric feature and the score (scipy.stats.ks_2samp,
method 'auto'). Challenger
against champion: psi of the canary's bins against the stable version's, on the same reference
edges, categories over the union of the two versions'. Performance per version (labels inline,
prediction 1 iff label positive): accuracy, precision, recall, f1 (numpy, zero when undefined) and
roc_auc (scipy.stats.mannwhitneyu's U over n_pos * n_neg, ties as the Mann-Whitney statistic).

Run: python3 make_expected.py  (numpy 1.24+, scipy 1.10+) -> versions-expected.json
"""
import gzip
import json
from datetime import datetime, timedelta, timezone

import numpy as np
import scipy
from scipy import stats

HERE = __file__.rsplit("/", 1)[0] if "/" in __file__ else "."
NUMERIC = ["age", "fnlwgt", "education_num", "capital_gain", "capital_loss", "hours_per_week"]
CATEGORICAL = ["workclass", "education", "marital_status", "occupation", "relationship", "race",
               "sex", "native_country"]
CANARY = 600
EPS = 1e-4


def read(path):
    with gzip.open(path, "rt") as f:
        return [json.loads(line) for line in f]


def psi(p, q):
    p = np.where(p > 0, p, EPS)
    q = np.where(q > 0, q, EPS)
    return float(np.sum((q - p) * np.log(q / p)))


def numeric_shares(edges, values):
    counts = np.bincount(np.searchsorted(edges, values, side="left"), minlength=len(edges) + 1)
    return counts / counts.sum()


def categorical_psi(base, window):
    cats = sorted(set(base) | set(window))
    p = np.array([base.count(c) for c in cats], dtype=float) / len(base)
    q = np.array([window.count(c) for c in cats], dtype=float) / len(window)
    return psi(p, q)


reference = read(f"{HERE}/../reference.jsonl.gz")
production = read(f"{HERE}/../production.jsonl.gz")
stable = [e for e in production if e["timestamp"].startswith("2024-02-01")]
canary = [e for e in production if e["timestamp"].startswith("2024-02-05")][:CANARY]



def numeric(events, f):
    return np.array([e["score"] if f == "score" else e["features"][f] for e in events], dtype=float)


def categorical(events, f):
    return [str(e["label"]) if f == "label" else e["features"][f] for e in events]


NUMERIC = NUMERIC + ["score"]
CATEGORICAL = CATEGORICAL + ["label"]
edges = {}
for f in NUMERIC:
    edges[f] = np.unique(np.quantile(numeric(reference, f), np.linspace(0.1, 0.9, 9)))

out = {"generator": f"numpy {np.__version__}, scipy {scipy.__version__}",
       "events": {"1": len(stable), "2": len(canary)}, "versions": {}, "challenger_psi": {}}
for version, events in (("1", stable), ("2", canary)):
    v = {"psi": {}, "ks": {}}
    for f in NUMERIC:
        ref = numeric(reference, f)
        win = numeric(events, f)
        v["psi"][f] = psi(numeric_shares(edges[f], ref), numeric_shares(edges[f], win))
        r = stats.ks_2samp(ref, win, method="auto")
        v["ks"][f] = {"statistic": float(r.statistic), "p_value": float(r.pvalue)}
    for f in CATEGORICAL:
        v["psi"][f] = categorical_psi(categorical(reference, f), categorical(events, f))
    out["versions"][version] = v
for f in NUMERIC:
    base = numeric(stable, f)
    win = numeric(canary, f)
    out["challenger_psi"][f] = psi(numeric_shares(edges[f], base), numeric_shares(edges[f], win))
for f in CATEGORICAL:
    out["challenger_psi"][f] = categorical_psi(categorical(stable, f), categorical(canary, f))



def performance(events):
    y = np.array([int(e["label"]) for e in events])
    p = np.array([int(e["prediction"]) for e in events])
    s = np.array([float(e["score"]) for e in events])
    tp = int(np.sum((p == 1) & (y == 1)))
    fp = int(np.sum((p == 1) & (y == 0)))
    fn = int(np.sum((p == 0) & (y == 1)))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    u = stats.mannwhitneyu(s[y == 1], s[y == 0], alternative="two-sided").statistic
    return {"n": len(events), "accuracy": float(np.mean(p == y)), "precision": precision,
            "recall": recall, "f1": f1,
            "roc_auc": float(u / (np.sum(y == 1) * np.sum(y == 0)))}


out["performance"] = {"1": performance(stable), "2": performance(canary)}

with open(f"{HERE}/versions-expected.json", "w") as f:
    json.dump(out, f, indent=1, sort_keys=True)
    f.write("\n")
