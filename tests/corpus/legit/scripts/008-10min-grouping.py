# source: pandas-dev/pandas doc/source/user_guide/10min.rst, "Grouping"
# licence: BSD-3-Clause (pandas documentation)
# does: groupby one and two columns with sum
# adapted: np.random.seed(0) added so both runs draw the same numbers; interactive echoes wrapped in print()
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
print(df)
print(df.groupby("A")[["C", "D"]].sum())
print(df.groupby(["A", "B"]).sum())
