# source: pandas-dev/pandas doc/source/user_guide/10min.rst, "Operations" (stats, user defined functions, value counts, string methods)
# licence: BSD-3-Clause (pandas documentation)
# does: mean by column and row, sub with alignment, agg/transform with lambdas, value_counts, str.lower
# adapted: np.random.seed(0) added so both runs draw the same numbers; interactive echoes wrapped in print()
import numpy as np
import pandas as pd

np.random.seed(0)
dates = pd.date_range("20130101", periods=6)
df = pd.DataFrame(np.random.randn(6, 4), index=dates, columns=list("ABCD"))
print(df.mean())
print(df.mean(axis=1))
s = pd.Series([1, 3, 5, np.nan, 6, 8], index=dates).shift(2)
print(s)
print(df.sub(s, axis="index"))
print(df.agg(lambda x: np.mean(x) * 5.6))
print(df.transform(lambda x: x * 101.2))
s = pd.Series(np.random.randint(0, 7, size=10))
print(s)
print(s.value_counts())
s = pd.Series(["A", "B", "C", "Aaba", "Baca", np.nan, "CABA", "dog", "cat"])
print(s.str.lower())
