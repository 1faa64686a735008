# source: pandas-dev/pandas doc/source/user_guide/10min.rst, "Missing data"
# licence: BSD-3-Clause (pandas documentation)
# does: reindex with a new column, dropna, fillna, isna
# adapted: np.random.seed(0) added so both runs draw the same numbers; interactive echoes wrapped in print()
import numpy as np
import pandas as pd

np.random.seed(0)
dates = pd.date_range("20130101", periods=6)
df = pd.DataFrame(np.random.randn(6, 4), index=dates, columns=list("ABCD"))
df1 = df.reindex(index=dates[0:4], columns=list(df.columns) + ["E"])
df1.loc[dates[0] : dates[1], "E"] = 1
print(df1)
print(df1.dropna(how="any"))
print(df1.fillna(value=5))
print(pd.isna(df1))
