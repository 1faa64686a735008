# source: pandas-dev/pandas doc/source/user_guide/missing_data.rst, "Values considered missing", "Datetimes", "Inserting missing data"
# licence: BSD-3-Clause (pandas documentation)
# does: reindex to create gaps, isna/notna, NaN vs None, nullable Int64, NaT in datetimes, inserting None
# adapted: np.random.seed(0) added so both runs draw the same numbers; interactive echoes wrapped in print()
import numpy as np
import pandas as pd

np.random.seed(0)
df = pd.DataFrame(
    np.random.randn(5, 3),
    index=["a", "c", "e", "f", "h"],
    columns=["one", "two", "three"],
)
df["four"] = "bar"
df["five"] = df["one"] > 0
print(df)
df2 = df.reindex(["a", "b", "c", "d", "e", "f", "g", "h"])
print(df2)
print(df2["one"])
print(pd.isna(df2["one"]))
print(df2["four"].notna())
print(df2.isna())
print(None == None)  # noqa: E711
print(np.nan == np.nan)
print(df2["one"] == np.nan)
print(pd.Series([1, 2, np.nan, 4], dtype=pd.Int64Dtype()))
df2 = df.copy()
df2["timestamp"] = pd.Timestamp("20120101")
print(df2)
df2.loc[["a", "c", "h"], ["one", "timestamp"]] = np.nan
print(df2)
print(df2.dtypes.value_counts())
s = pd.Series([1., 2., 3.])
s.loc[0] = None
print(s)
s = pd.Series(["a", "b", "c"])
s.loc[0] = None
s.loc[1] = np.nan
print(s)
