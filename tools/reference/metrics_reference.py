#!/usr/bin/python3
"""Reference classification and regression metrics from scikit-learn (Debian python3-sklearn).

Fixed labels and predictions (seeded) for 10 and 3 classes, with a class never predicted and a
class absent from the truth, so zero divisions are exercised. Kindling's ConfusionMatrix and
RegressionMetrics must agree to 1e-12.

Run: /usr/bin/python3 tools/reference/metrics_reference.py \
    > kindling-core/src/test/resources/reference/metrics.json
"""
import json
import numpy as np
import sklearn
from sklearn import metrics

rng = np.random.default_rng(20261123)
cases = []
for classes, n in [(10, 500), (3, 40)]:
    y = rng.integers(0, classes, n)
    p = np.where(rng.random(n) < 0.6, y, rng.integers(0, classes, n))
    p[p == classes - 1] = 0            # one class is never predicted
    if classes == 3:
        y[y == 1] = 2                  # one class never occurs in the truth
    labels = list(range(classes))
    case = {"classes": classes, "truth": y.tolist(), "predicted": p.tolist(),
            "accuracy": metrics.accuracy_score(y, p),
            "confusion": metrics.confusion_matrix(y, p, labels=labels).tolist()}
    for avg in [None, "macro", "micro", "weighted"]:
        pr, rc, f1, _ = metrics.precision_recall_fscore_support(
            y, p, labels=labels, average=avg, zero_division=0)
        key = avg or "per_class"
        case[key] = {"precision": np.atleast_1d(pr).tolist(), "recall": np.atleast_1d(rc).tolist(),
                     "f1": np.atleast_1d(f1).tolist()}
    cases.append(case)

yr = rng.normal(size=50)
yh = yr + rng.normal(scale=0.3, size=50)
regression = {"y": yr.tolist(), "y_hat": yh.tolist(),
              "mse": metrics.mean_squared_error(yr, yh),
              "mae": metrics.mean_absolute_error(yr, yh),
              "r2": metrics.r2_score(yr, yh)}
print(json.dumps({"generator": "tools/reference/metrics_reference.py",
                  "sklearn_version": sklearn.__version__, "classification": cases,
                  "regression": regression}, indent=1))
