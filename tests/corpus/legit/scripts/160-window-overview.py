# source: pandas-dev/pandas doc/source/user_guide/window.rst, "Overview"
# licence: BSD-3-Clause (pandas documentation)
# does: rolling sums, iterating windows, time-based windows, groupby expanding, ewm, min_periods, expanding agg
# adapted: interactive echoes wrapped in print(); the numba-only weighted mean and the experimental online ewm left out (numba is not installed)
import numpy as np
import pandas as pd

s = pd.Series(range(5))
print(s.rolling(window=2).sum())
for window in s.rolling(window=2):
    print(window)
s = pd.Series(range(5), index=pd.date_range("2020-01-01", periods=5, freq="1D"))
print(s.rolling(window="2D").sum())
df = pd.DataFrame({"A": ["a", "b", "a", "b", "a"], "B": range(5)})
print(df.groupby("A").expanding().sum())
df = pd.DataFrame([[1, 2, 0.6], [2, 3, 0.4], [3, 4, 0.2], [4, 5, 0.7]])
print(df.ewm(0.5).mean())
s = pd.Series([np.nan, 1, 2, np.nan, np.nan, 3])
print(s.rolling(window=3, min_periods=1).sum())
print(s.rolling(window=3, min_periods=2).sum())
# Equivalent to min_periods=3
print(s.rolling(window=3, min_periods=None).sum())
df = pd.DataFrame({"A": range(5), "B": range(10, 15)})
print(df.expanding().agg(["sum", "mean", "std"]))
