# source: pandas-dev/pandas doc/source/user_guide/dsintro.rst (Series from ndarray and dict, DataFrame from dicts, column selection, assign)
# licence: BSD-3-Clause (pandas documentation)
# does: Series from arrays/dicts/scalars, vectorised ops and alignment, DataFrames from dicts of Series and lists of dicts, insert, assign, pop
# adapted: np.random.seed(0) added so both runs draw the same numbers; interactive echoes wrapped in print()
import numpy as np
import pandas as pd

np.random.seed(0)
s = pd.Series(np.random.randn(5), index=["a", "b", "c", "d", "e"])
print(s)
print(s.index)
print(pd.Series(np.random.randn(5)))
d = {"b": 1, "a": 0, "c": 2}
print(pd.Series(d))
d = {"a": 0.0, "b": 1.0, "c": 2.0}
print(pd.Series(d))
print(pd.Series(d, index=["b", "c", "d", "a"]))
print(pd.Series(5.0, index=["a", "b", "c", "d", "e"]))
print(s.iloc[0])
print(s.iloc[:3])
print(s[s > s.median()])
print(s.iloc[[4, 3, 1]])
print(np.exp(s))
print(s.dtype)
print(s.array)
print(s.to_numpy())
print(s["a"])
s["e"] = 12.0
print(s)
print("e" in s)
print("f" in s)
print(s.get("f"))
print(s.get("f", np.nan))
print(s + s)
print(s * 2)
print(s.iloc[1:] + s.iloc[:-1])
s = pd.Series(np.random.randn(5), name="something")
print(s.name)
s2 = s.rename("different")
print(s2.name)
d = {
    "one": pd.Series([1.0, 2.0, 3.0], index=["a", "b", "c"]),
    "two": pd.Series([1.0, 2.0, 3.0, 4.0], index=["a", "b", "c", "d"]),
}
df = pd.DataFrame(d)
print(df)
print(pd.DataFrame(d, index=["d", "b", "a"]))
print(pd.DataFrame(d, index=["d", "b", "a"], columns=["two", "three"]))
print(df.index)
print(df.columns)
d = {"one": [1.0, 2.0, 3.0, 4.0], "two": [4.0, 3.0, 2.0, 1.0]}
print(pd.DataFrame(d))
print(pd.DataFrame(d, index=["a", "b", "c", "d"]))
data2 = [{"a": 1, "b": 2}, {"a": 5, "b": 10, "c": 20}]
print(pd.DataFrame(data2))
print(pd.DataFrame(data2, index=["first", "second"]))
print(pd.DataFrame(data2, columns=["a", "b"]))
df = pd.DataFrame(d, index=["a", "b", "c", "d"])
df["three"] = df["one"] * df["two"]
df["flag"] = df["one"] > 2
print(df)
del df["two"]
three = df.pop("three")
print(df)
df["foo"] = "bar"
print(df)
df["one_trunc"] = df["one"][:2]
print(df)
df.insert(1, "bar", df["one"])
print(df)
print(df.assign(ratio=lambda x: x["one"] / x["bar"]))
print(df.assign(ratio2=df["one"] * 2).query("one > 1"))
