"""Expected values of the CBPE tests (IsotonicCalibrationTest, EstimatedConfusionTest).

Reads the Adult dev set of the jobs module (../../../../../jobs/src/test/resources/datasets/adult,
see its SOURCES.md: UCI Adult, CC BY 4.0). Fits scikit-learn's
IsotonicRegression(increasing=True, out_of_bounds="clip", y_min=0, y_max=1) of the label on the
score over the 16280 reference events, then writes:
- the fitted thresholds (X_thresholds_, y_thresholds_), as a check of the fit;
- the calibrated probability of probe scores: every 7th production score, the ends and beyond;
- per production window (UTC day): n, the estimated confusion sums (TP = sum p over predicted
  positives, FP = sum 1 - p over them, TN = sum 1 - p over predicted negatives, FN = sum p over
  them) and the estimated accuracy, precision, recall, f1 and specificity; and the realized ones;
- per window the estimated ROC AUC: scikit-learn's roc_auc_score over every event counted twice,
  once as a positive of weight p and once as a negative of weight 1 - p, scored by p (the area
  under the ROC curve the calibrated probabilities expect), and the realized roc_auc_score;
- the sampling-error band of each metric for chunk sizes 100, 500, 4070 (a production window):
  numpy.std (ddof 0) of the realized metric (scikit-learn's accuracy_score, precision_score,
  recall_score, f1_score with zero_division=0; specificity as recall of the negative class) over
  the reference cut into consecutive chunks of that size, the incomplete last one left out; for
  roc_auc the std of roc_auc_score on the scores over the chunks that hold both classes.

Run with Debian's python3-sklearn: /usr/bin/python3 make_expected.py -> expected.json
"""
import gzip
import json
import os

import numpy as np
import sklearn
from sklearn.isotonic import IsotonicRegression
from sklearn.metrics import accuracy_score, f1_score, precision_score, recall_score, roc_auc_score

HERE = os.path.dirname(os.path.abspath(__file__))
ADULT = os.path.join(HERE, "../../../../../jobs/src/test/resources/datasets/adult")


def read(name):
    with gzip.open(os.path.join(ADULT, name), "rt") as f:
        return [json.loads(line) for line in f]


def metrics(tp, fp, tn, fn):
    n = tp + fp + tn + fn
    p = tp / (tp + fp) if tp + fp else None
    r = tp / (tp + fn) if tp + fn else None
    return {
        "accuracy": (tp + tn) / n,
        "precision": p,
        "recall": r,
        "f1": 2 * p * r / (p + r) if p is not None and r is not None and p + r else None,
        "specificity": tn / (tn + fp) if tn + fp else None,
    }


reference = read("reference.jsonl.gz")
production = read("production.jsonl.gz")
iso = IsotonicRegression(increasing=True, out_of_bounds="clip", y_min=0, y_max=1)
iso.fit([e["score"] for e in reference], [int(e["label"]) for e in reference])

scores = [e["score"] for e in production]
probes = scores[::7] + [0.0, 1.0, -0.5, 1.5, float(iso.X_thresholds_[0]),
                        float(iso.X_thresholds_[-1]), float(iso.X_thresholds_[len(iso.X_thresholds_) // 2])]
out = {
    "generator": f"scikit-learn {sklearn.__version__}, numpy {np.__version__}",
    "thresholds": len(iso.X_thresholds_),
    "x_thresholds_head": [float(x) for x in iso.X_thresholds_[:20]],
    "y_thresholds_head": [float(y) for y in iso.y_thresholds_[:20]],
    "probes": [[float(s), float(p)] for s, p in zip(probes, iso.predict(probes))],
    "windows": {},
}
days = sorted({e["timestamp"][:10] for e in production})
for day in days:
    events = [e for e in production if e["timestamp"].startswith(day)]
    p = iso.predict([e["score"] for e in events])
    pred = np.array([int(e["prediction"]) for e in events]) == 1
    y = np.array([int(e["label"]) for e in events]) == 1
    tp, fp = float(np.sum(p[pred])), float(np.sum(1 - p[pred]))
    tn, fn = float(np.sum(1 - p[~pred])), float(np.sum(p[~pred]))
    realized = metrics(int(np.sum(pred & y)), int(np.sum(pred & ~y)), int(np.sum(~pred & ~y)),
                       int(np.sum(~pred & y)))
    estimated = metrics(tp, fp, tn, fn)
    estimated["roc_auc"] = float(roc_auc_score(
        np.concatenate([np.ones(len(p)), np.zeros(len(p))]), np.concatenate([p, p]),
        sample_weight=np.concatenate([p, 1 - p])))
    realized["roc_auc"] = float(roc_auc_score(y, [e["score"] for e in events]))
    out["windows"][day] = {"n": len(events), "tp": tp, "fp": fp, "tn": tn, "fn": fn,
                           "estimated": estimated, "realized": realized}


ref_pred = np.array([int(e["prediction"]) for e in reference])
ref_label = np.array([int(e["label"]) for e in reference])
ref_score = np.array([e["score"] for e in reference])
scorers = {
    "accuracy": lambda y, p: accuracy_score(y, p),
    "precision": lambda y, p: precision_score(y, p, zero_division=0),
    "recall": lambda y, p: recall_score(y, p, zero_division=0),
    "f1": lambda y, p: f1_score(y, p, zero_division=0),
    "specificity": lambda y, p: recall_score(1 - y, 1 - p, zero_division=0),
}
out["sampling_error"] = {}
for size in (100, 500, 4070):
    chunks = len(reference) // size
    out["sampling_error"][str(size)] = {
        m: float(np.std([f(ref_label[c * size:(c + 1) * size], ref_pred[c * size:(c + 1) * size])
                         for c in range(chunks)]))
        for m, f in scorers.items()}
    aucs = [roc_auc_score(ref_label[c * size:(c + 1) * size], ref_score[c * size:(c + 1) * size])
            for c in range(chunks) if 0 < ref_label[c * size:(c + 1) * size].sum() < size]
    out["sampling_error"][str(size)]["roc_auc"] = float(np.std(aucs))

with open(os.path.join(HERE, "expected.json"), "w") as f:
    json.dump(out, f, indent=1, sort_keys=True)
    f.write("\n")
