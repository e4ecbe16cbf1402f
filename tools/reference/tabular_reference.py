#!/usr/bin/python3
"""Reference tabular preprocessing from scikit-learn (Debian python3-sklearn).

A small fixed table with missing numeric and categorical cells, a constant column, ties for the
most frequent value, an even count for the median, and test rows that hold a missing cell, an
unseen category and a value of the constant column the training rows never had. For every
imputation strategy and scaling, the pipeline Kindling's Cleaning and Normalization implement:

  numeric columns:     SimpleImputer(strategy) -> StandardScaler | MinMaxScaler | nothing
  categorical columns: SimpleImputer('most_frequent') -> OneHotEncoder(handle_unknown='ignore')

fitted on the training rows only and applied to both splits, the outputs laid out in the
file's column order. Kindling must agree to 1e-6 (NormalizationTest).

Run: /usr/bin/python3 tools/reference/tabular_reference.py \
    > kindling-core/src/test/resources/reference/tabular.json
"""
import csv
import io
import json

import numpy as np
import sklearn
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import MinMaxScaler, OneHotEncoder, StandardScaler

CSV = """age,color,income,const,label
25,red,50000,7.5,yes
32,blue,NA,7.5,no
47,,61000,7.5,yes
NA,red,48000,7.5,no
51,green,52000,7.5,yes
38,blue,48000,7.5,no
?,red,75000,7.5,yes
29,"blue",48000.5,7.5,no
44,purple,NA,9,yes
NA,green,55000,7.5,no
60,,39000,7.5,yes
"""
TRAIN = list(range(8))
TEST = [8, 9, 10]
NUMERIC = ["age", "income", "const"]
CATEGORICAL = ["color"]
MISSING = {"", "na", "nan", "?"}

records = list(csv.reader(io.StringIO(CSV)))
header, body = records[0], records[1:]


def column(name, numeric):
    j = header.index(name)
    cells = [row[j] for row in body]
    if numeric:
        return np.array([np.nan if c.lower() in MISSING else float(c) for c in cells])
    return np.array([np.nan if c.lower() in MISSING else c for c in cells], dtype=object)


num = np.column_stack([column(c, True) for c in NUMERIC])
cat = np.column_stack([column(c, False) for c in CATEGORICAL])

cat_imputer = SimpleImputer(strategy="most_frequent").fit(cat[TRAIN])
encoder = OneHotEncoder(handle_unknown="ignore", sparse_output=False).fit(
    cat_imputer.transform(cat[TRAIN]))


def layout(numeric_part, categorical_part):
    """Columns in file order: each numeric column, each categorical column's one-hot block."""
    out, k = [], 0
    for name in header:
        if name in NUMERIC:
            out.append(numeric_part[:, [NUMERIC.index(name)]])
        elif name in CATEGORICAL:
            width = len(encoder.categories_[CATEGORICAL.index(name)])
            out.append(categorical_part[:, k:k + width])
            k += width
    return np.hstack(out)


features = []
for name in header:
    if name in NUMERIC:
        features.append(name)
    elif name in CATEGORICAL:
        features += [name + "=" + c for c in encoder.categories_[CATEGORICAL.index(name)]]

cases = []
for strategy in ["mean", "median", "most_frequent"]:
    imputer = SimpleImputer(strategy=strategy).fit(num[TRAIN])
    filled_train, filled_test = imputer.transform(num[TRAIN]), imputer.transform(num[TEST])
    for method in ["standardize", "minmax", "none"]:
        stats = {}
        if method == "standardize":
            scaler = StandardScaler().fit(filled_train)
            stats = {c: {"mean": scaler.mean_[i], "std": scaler.scale_[i]}
                     for i, c in enumerate(NUMERIC)}
        elif method == "minmax":
            scaler = MinMaxScaler().fit(filled_train)
            stats = {c: {"min": scaler.data_min_[i], "max": scaler.data_max_[i]}
                     for i, c in enumerate(NUMERIC)}
        scale = (lambda x: x) if method == "none" else scaler.transform
        splits = {}
        for split, rows, filled in [("train", TRAIN, filled_train), ("test", TEST, filled_test)]:
            onehot = encoder.transform(cat_imputer.transform(cat[rows]))
            splits[split] = layout(scale(filled), onehot).tolist()
            splits[split + "_imputed"] = filled.tolist()
        fill = {c: imputer.statistics_[i] for i, c in enumerate(NUMERIC)}
        fill.update({c: cat_imputer.statistics_[i] for i, c in enumerate(CATEGORICAL)})
        cases.append({"impute": strategy, "normalize": method, "impute_values": fill,
                      "stats": stats, **splits})

print(json.dumps({"generator": "tools/reference/tabular_reference.py",
                  "sklearn_version": sklearn.__version__, "csv": CSV, "target": "label",
                  "train_rows": TRAIN, "test_rows": TEST, "numeric": NUMERIC,
                  "categories": {c: encoder.categories_[i].tolist()
                                 for i, c in enumerate(CATEGORICAL)},
                  "features": features, "cases": cases}, indent=1))
