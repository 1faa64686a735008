# source: pandas-dev/pandas doc/source/user_guide/missing_data.rst, "Replacing generic values"
# licence: BSD-3-Clause (pandas documentation)
# does: replace single values, lists, dicts, per column, and with method=pad
# adapted: interactive echoes wrapped in print()
import numpy as np
import pandas as pd

ser = pd.Series([0.0, 1.0, 2.0, 3.0, 4.0])
print(ser.replace(0, 5))
print(ser.replace([0, 1, 2, 3, 4], [4, 3, 2, 1, 0]))
print(ser.replace({0: 10, 1: 100}))
df = pd.DataFrame({"a": [0, 1, 2, 3, 4], "b": [5, 6, 7, 8, 9]})
print(df.replace({"a": 0, "b": 5}, 100))
print(ser.replace([1, 2, 3], method="pad"))
d = {"a": list(range(4)), "b": list("ab.."), "c": ["a", "b", np.nan, "d"]}
df = pd.DataFrame(d)
print(df.replace(".", np.nan))
print(df.replace(r"\s*\.\s*", np.nan, regex=True))
