# source: pandas-dev/pandas doc/source/user_guide/categorical.rst, "Object creation" and "Regaining original data"
# licence: BSD-3-Clause (pandas documentation)
# does: categorical Series and columns by dtype, astype, cut with labels, Categorical objects, DataFrame-wide conversion, CategoricalDtype, from_codes, back to str
# adapted: np.random.seed(0) added so both runs draw the same numbers; interactive echoes wrapped in print()
import numpy as np
import pandas as pd
from pandas.api.types import CategoricalDtype

np.random.seed(0)
s = pd.Series(["a", "b", "c", "a"], dtype="category")
print(s)
df = pd.DataFrame({"A": ["a", "b", "c", "a"]})
df["B"] = df["A"].astype("category")
print(df)
df = pd.DataFrame({"value": np.random.randint(0, 100, 20)})
labels = ["{0} - {1}".format(i, i + 9) for i in range(0, 100, 10)]
df["group"] = pd.cut(df.value, range(0, 105, 10), right=False, labels=labels)
print(df.head(10))
raw_cat = pd.Categorical(
    ["a", "b", "c", "a"], categories=["b", "c", "d"], ordered=False
)
s = pd.Series(raw_cat)
print(s)
df = pd.DataFrame({"A": ["a", "b", "c", "a"]})
df["B"] = raw_cat
print(df)
print(df.dtypes)
df = pd.DataFrame({"A": list("abca"), "B": list("bccd")}, dtype="category")
print(df.dtypes)
print(df["A"])
print(df["B"])
df = pd.DataFrame({"A": list("abca"), "B": list("bccd")})
df_cat = df.astype("category")
print(df_cat.dtypes)
s = pd.Series(["a", "b", "c", "a"])
cat_type = CategoricalDtype(categories=["b", "c", "d"], ordered=True)
s_cat = s.astype(cat_type)
print(s_cat)
df = pd.DataFrame({"A": list("abca"), "B": list("bccd")})
cat_type = CategoricalDtype(categories=list("abcd"), ordered=True)
df_cat = df.astype(cat_type)
print(df_cat["A"])
print(df_cat["B"])
splitter = np.random.choice([0, 1], 5, p=[0.5, 0.5])
s = pd.Series(pd.Categorical.from_codes(splitter, categories=["train", "test"]))
print(s)
s = pd.Series(["a", "b", "c", "a"])
s2 = s.astype("category")
print(s2)
print(s2.astype(str))
print(np.asarray(s2))
