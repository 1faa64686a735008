# source: pandas-dev/pandas doc/source/user_guide/missing_data.rst, "Calculations with missing data", "Sum/prod of empties/nans", "NA values in GroupBy", "fillna", "dropna"
# licence: BSD-3-Clause (pandas documentation)
# does: arithmetic with NaN, sums and cumsum with skipna, groupby excluding NA, fillna with scalars, pad, limit, column means, where, dropna
# adapted: np.random.seed(0) added so both runs draw the same numbers; interactive echoes wrapped in print(); the frames the page builds in suppressed blocks are built the same way at the top
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
df2 = df.copy()
df2["timestamp"] = pd.Timestamp("20120101")
df2.loc[["a", "c", "h"], ["one", "timestamp"]] = np.nan
df = df2.loc[:, ["one", "two", "three"]]
a = df2.loc[df2.index[:5], ["one", "two"]].fillna(method="pad")
b = df2.loc[df2.index[:5], ["one", "two", "three"]]
print(a)
print(b)
print(a + b)
print(df)
print(df["one"].sum())
print(df.mean(1))
print(df.cumsum())
print(df.cumsum(skipna=False))
print(pd.Series([np.nan]).sum())
print(pd.Series([], dtype="float64").sum())
print(pd.Series([np.nan]).prod())
print(pd.Series([], dtype="float64").prod())
print(df.groupby("one").mean())
print(df2)
print(df2.fillna(0))
print(df2["one"].fillna("missing"))
print(df.fillna(method="pad"))
df.iloc[2:4, :] = np.nan
print(df)
print(df.fillna(method="pad", limit=1))
dff = pd.DataFrame(np.random.randn(10, 3), columns=list("ABC"))
dff.iloc[3:5, 0] = np.nan
dff.iloc[4:6, 1] = np.nan
dff.iloc[5:8, 2] = np.nan
print(dff)
print(dff.fillna(dff.mean()))
print(dff.fillna(dff.mean()["B":"C"]))
print(dff.where(pd.notna(dff), dff.mean(), axis="columns"))
df["two"] = df["two"].fillna(0)
df["three"] = df["three"].fillna(0)
print(df)
print(df.dropna(axis=0))
print(df.dropna(axis=1))
print(df["one"].dropna())
