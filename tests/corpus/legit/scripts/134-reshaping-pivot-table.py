# source: pandas-dev/pandas doc/source/user_guide/reshaping.rst, "Pivot tables" and "Adding margins"
# licence: BSD-3-Clause (pandas documentation)
# does: pivot_table with mean and sum, several values, a monthly Grouper, to_string with na_rep, margins with std
# adapted: np.random.seed(0) added so both runs draw the same numbers; interactive echoes wrapped in print()
import datetime

import numpy as np
import pandas as pd

np.random.seed(0)
df = pd.DataFrame(
    {
        "A": ["one", "one", "two", "three"] * 6,
        "B": ["A", "B", "C"] * 8,
        "C": ["foo", "foo", "foo", "bar", "bar", "bar"] * 4,
        "D": np.random.randn(24),
        "E": np.random.randn(24),
        "F": [datetime.datetime(2013, i, 1) for i in range(1, 13)]
        + [datetime.datetime(2013, i, 15) for i in range(1, 13)],
    }
)
print(df)
print(pd.pivot_table(df, values="D", index=["A", "B"], columns=["C"]))
print(pd.pivot_table(df, values="D", index=["B"], columns=["A", "C"], aggfunc=np.sum))
print(pd.pivot_table(
    df, values=["D", "E"],
    index=["B"],
    columns=["A", "C"],
    aggfunc=np.sum,
))
print(pd.pivot_table(df, index=["A", "B"], columns=["C"]))
print(pd.pivot_table(df, values="D", index=pd.Grouper(freq="M", key="F"), columns="C"))
table = pd.pivot_table(df, index=["A", "B"], columns=["C"])
print(table.to_string(na_rep=""))
table = df.pivot_table(index=["A", "B"], columns="C", margins=True, aggfunc=np.std)
print(table)
print(table.stack())
