# source: pandas-dev/pandas doc/source/user_guide/groupby.rst, "GroupBy with MultiIndex" and "Grouping DataFrame with Index levels and columns"
# licence: BSD-3-Clause (pandas documentation)
# does: group a Series by index levels, a frame by a level and a column with pd.Grouper
# adapted: np.random.seed(0) added so both runs draw the same numbers; interactive echoes wrapped in print()
import numpy as np
import pandas as pd

np.random.seed(0)
arrays = [
    ["bar", "bar", "baz", "baz", "foo", "foo", "qux", "qux"],
    ["one", "two", "one", "two", "one", "two", "one", "two"],
]
index = pd.MultiIndex.from_arrays(arrays, names=["first", "second"])
s = pd.Series(np.random.randn(8), index=index)
print(s)
grouped = s.groupby(level=0)
print(grouped.sum())
print(s.groupby(level="second").sum())

arrays = [
    ["bar", "bar", "baz", "baz", "foo", "foo", "qux", "qux"],
    ["doo", "doo", "bee", "bee", "bop", "bop", "bop", "bop"],
    ["one", "two", "one", "two", "one", "two", "one", "two"],
]
index = pd.MultiIndex.from_arrays(arrays, names=["first", "second", "third"])
s = pd.Series(np.random.randn(8), index=index)
print(s)
print(s.groupby(level=["first", "second"]).sum())
print(s.groupby(["first", "second"]).sum())

arrays = [
    ["bar", "bar", "baz", "baz", "foo", "foo", "qux", "qux"],
    ["one", "two", "one", "two", "one", "two", "one", "two"],
]
index = pd.MultiIndex.from_arrays(arrays, names=["first", "second"])
df = pd.DataFrame({"A": [1, 1, 1, 1, 2, 2, 3, 3], "B": np.arange(8)}, index=index)
print(df)
print(df.groupby([pd.Grouper(level=1), "A"]).sum())
print(df.groupby([pd.Grouper(level="second"), "A"]).sum())
print(df.groupby(["second", "A"]).sum())
