#!/usr/bin/python3
"""Reference regression and forecast metrics from scikit-learn (Debian python3-sklearn).

Fixed multi-output predictions (seeded, 3 outputs, the last with a constant target so sklearn's
force_finite rule for R^2 is exercised) and a univariate case. MASE (Hyndman & Koehler 2006) is
not in scikit-learn; its scale is sklearn's mean_absolute_error between the training series and
the series m steps earlier, and MASE = MAE / scale. Kindling's RegressionErrors (engine sums in
float64) must agree to 1e-9.

Run: /usr/bin/python3 tools/reference/regression_reference.py \
    > kindling-core/src/test/resources/reference/regression.json
"""
import json
import numpy as np
import sklearn
from sklearn import metrics

rng = np.random.default_rng(20261130)
cases = []
for n, k, constant in [(64, 3, True), (50, 1, False)]:
    y = rng.normal(loc=2.0, scale=1.5, size=(n, k))
    if constant:
        y[:, -1] = 0.5
    p = y + rng.normal(scale=0.4, size=(n, k))
    cases.append({
        "y": y.tolist(), "y_hat": p.tolist(),
        "mse": metrics.mean_squared_error(y, p),
        "mae": metrics.mean_absolute_error(y, p),
        "rmse": metrics.mean_squared_error(y, p, squared=False),
        "r2": metrics.r2_score(y, p),
    })

train = np.cumsum(rng.normal(size=40))
season = 4
scale = metrics.mean_absolute_error(train[season:], train[:-season])
y = rng.normal(size=(20, 2))
p = y + rng.normal(scale=0.5, size=(20, 2))
mase = {"train": train.tolist(), "season": season, "scale": scale,
        "y": y.tolist(), "y_hat": p.tolist(),
        "mase": metrics.mean_absolute_error(y, p) / scale}
print(json.dumps({"generator": "tools/reference/regression_reference.py",
                  "sklearn_version": sklearn.__version__, "cases": cases, "mase": mase},
                 indent=1))
