# source: pandas-dev/pandas doc/source/user_guide/10min.rst, "Reshaping" (stack, pivot tables)
# licence: BSD-3-Clause (pandas documentation)
# does: MultiIndex frame, stack/unstack, pivot_table
# adapted: np.random.seed(0) added; echoes wrapped in print(); stack(future_stack=True) is pandas 2.1+, so stack() (pandas 1.5 is installed)
import numpy as np
import pandas as pd

np.random.seed(0)
arrays = [
   ["bar", "bar", "baz", "baz", "foo", "foo", "qux", "qux"],
   ["one", "two", "one", "two", "one", "two", "one", "two"],
]
index = pd.MultiIndex.from_arrays(arrays, names=["first", "second"])
df = pd.DataFrame(np.random.randn(8, 2), index=index, columns=["A", "B"])
df2 = df[:4]
print(df2)
stacked = df2.stack()
print(stacked)
print(stacked.unstack())
print(stacked.unstack(1))
print(stacked.unstack(0))
df = pd.DataFrame(
    {
        "A": ["one", "one", "two", "three"] * 3,
        "B": ["A", "B", "C"] * 4,
        "C": ["foo", "foo", "foo", "bar", "bar", "bar"] * 2,
        "D": np.random.randn(12),
        "E": np.random.randn(12),
    }
)
print(df)
print(pd.pivot_table(df, values="D", index=["A", "B"], columns=["C"]))
