# source: pandas-dev/pandas doc/source/user_guide/10min.rst, "Viewing data"
# licence: BSD-3-Clause (pandas documentation)
# does: head/tail, index, columns, to_numpy, describe, transpose, sort_index, sort_values
# adapted: np.random.seed(0) added so both runs draw the same numbers; interactive echoes wrapped in print()
import numpy as np
import pandas as pd

np.random.seed(0)
dates = pd.date_range("20130101", periods=6)
df = pd.DataFrame(np.random.randn(6, 4), index=dates, columns=list("ABCD"))
print(df.head())
print(df.tail(3))
print(df.index)
print(df.columns)
print(df.to_numpy())
print(df.describe())
print(df.T)
print(df.sort_index(axis=1, ascending=False))
print(df.sort_values(by="B"))
