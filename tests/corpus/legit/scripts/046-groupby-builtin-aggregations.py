# source: pandas-dev/pandas doc/source/user_guide/groupby.rst, "Built-in aggregation methods" and "The aggregate method"
# licence: BSD-3-Clause (pandas documentation)
# does: max, mean, size, describe, nunique, agg with string aliases, as_index=False, reset_index
# adapted: np.random.seed(0) added so both runs draw the same numbers; interactive echoes wrapped in print(); the frame built earlier on the page is repeated at the top
import numpy as np
import pandas as pd

np.random.seed(0)
df = pd.DataFrame(
    {
        "A": ["foo", "bar", "foo", "bar", "foo", "bar", "foo", "foo"],
        "B": ["one", "one", "two", "three", "two", "two", "one", "three"],
        "C": np.random.randn(8),
        "D": np.random.randn(8),
    }
)
print(df.groupby("A")[["C", "D"]].max())
print(df.groupby(["A", "B"]).mean())
grouped = df.groupby(["A", "B"])
print(grouped.size())
print(grouped.describe())
ll = [['foo', 1], ['foo', 2], ['foo', 2], ['bar', 1], ['bar', 1]]
df4 = pd.DataFrame(ll, columns=["A", "B"])
print(df4)
print(df4.groupby("A")["B"].nunique())
grouped = df.groupby("A")
print(grouped[["C", "D"]].aggregate("sum"))
grouped = df.groupby(["A", "B"])
print(grouped.agg("sum"))
grouped = df.groupby(["A", "B"], as_index=False)
print(grouped.agg("sum"))
print(df.groupby("A", as_index=False)[["C", "D"]].agg("sum"))
print(df.groupby(["A", "B"]).agg("sum").reset_index())
