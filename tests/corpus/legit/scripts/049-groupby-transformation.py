# source: pandas-dev/pandas doc/source/user_guide/groupby.rst, "Transformation" and "The transform method"
# licence: BSD-3-Clause (pandas documentation)
# does: cumsum/diff per group added back to the frame, transform with aliases, standardising a rolling series per year, filling missing values with the group mean
# adapted: np.random.seed(0) added so both runs draw the same numbers; interactive echoes wrapped in print(); the frame built earlier on the page is repeated at the top; the plot is left out
import numpy as np
import pandas as pd

np.random.seed(0)
speeds = pd.DataFrame(
    [
        ("bird", "Falconiformes", 389.0),
        ("bird", "Psittaciformes", 24.0),
        ("mammal", "Carnivora", 80.2),
        ("mammal", "Primates", np.nan),
        ("mammal", "Carnivora", 58),
    ],
    index=["falcon", "parrot", "lion", "monkey", "leopard"],
    columns=("class", "order", "max_speed"),
)
print(speeds)
grouped = speeds.groupby("class")["max_speed"]
print(grouped.cumsum())
print(grouped.diff())
result = speeds.copy()
result["cumsum"] = grouped.cumsum()
result["diff"] = grouped.diff()
print(result)
grouped = speeds.groupby("class")[["max_speed"]]
print(grouped.transform("cumsum"))
print(grouped.transform("sum"))

index = pd.date_range("10/1/1999", periods=1100)
ts = pd.Series(np.random.normal(0.5, 2, 1100), index)
ts = ts.rolling(window=100, min_periods=100).mean().dropna()
print(ts.head())
print(ts.tail())
transformed = ts.groupby(lambda x: x.year).transform(
    lambda x: (x - x.mean()) / x.std()
)
# Original Data
grouped = ts.groupby(lambda x: x.year)
print(grouped.mean())
print(grouped.std())
# Transformed Data
grouped_trans = transformed.groupby(lambda x: x.year)
print(grouped_trans.mean())
print(grouped_trans.std())
compare = pd.DataFrame({"Original": ts, "Transformed": transformed})
print(compare.describe())
print(ts.groupby(lambda x: x.year).transform(lambda x: x.max() - x.min()))

cols = ["A", "B", "C"]
values = np.random.randn(1000, 3)
values[np.random.randint(0, 1000, 100), 0] = np.nan
values[np.random.randint(0, 1000, 50), 1] = np.nan
values[np.random.randint(0, 1000, 200), 2] = np.nan
data_df = pd.DataFrame(values, columns=cols)
print(data_df)
countries = np.array(["US", "UK", "GR", "JP"])
key = countries[np.random.randint(0, 4, 1000)]
grouped = data_df.groupby(key)
# Non-NA count in each group
print(grouped.count())
transformed = grouped.transform(lambda x: x.fillna(x.mean()))
print(transformed.groupby(key).count())
