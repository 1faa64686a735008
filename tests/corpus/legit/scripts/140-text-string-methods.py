# source: pandas-dev/pandas doc/source/user_guide/text.rst, "String methods"
# licence: BSD-3-Clause (pandas documentation)
# does: lower/upper/len on a Series, strip on an Index, cleaning column names
# adapted: dtype="str" (the pandas 3 alias) left out: pandas 1.5, installed here, keeps text as object; interactive echoes wrapped in print(); np.random.seed(0) added
import numpy as np
import pandas as pd

np.random.seed(0)
print(pd.Series(["a", "b", "c"]))
print(pd.Series(["a", "b", None], dtype="string"))
s1 = pd.Series([1, 2, pd.NA], dtype="Int64")
print(s1)
s2 = s1.astype("string")
print(s2)
print(type(s2[0]))
s = pd.Series(
    ["A", "B", "C", "Aaba", np.nan, "dog", "cat"],
)
print(s.str.lower())
print(s.str.upper())
print(s.str.len())
idx = pd.Index([" jack", "jill ", " jesse ", "frank"])
print(idx.str.strip())
print(idx.str.lstrip())
print(idx.str.rstrip())
df = pd.DataFrame(
    np.random.randn(3, 2),
    columns=[" Column A ", " Column B "],
    index=range(3),
)
print(df)
print(df.columns.str.strip())
print(df.columns.str.lower())
df.columns = df.columns.str.strip().str.lower().str.replace(" ", "_")
print(df)
