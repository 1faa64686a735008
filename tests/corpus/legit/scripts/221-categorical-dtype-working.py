# source: pandas-dev/pandas doc/source/user_guide/categorical.rst, "CategoricalDtype", "Description", "Working with categories"
# licence: BSD-3-Clause (pandas documentation)
# does: dtype equality, describe of categoricals, categories and ordered, unique vs categories, rename/add/remove/set categories and their ValueErrors
# adapted: interactive echoes wrapped in print(); assignments to s.cat.categories (removed in pandas 2, deprecated in 1.5) written with rename_categories, the try blocks kept
import numpy as np
import pandas as pd
from pandas.api.types import CategoricalDtype

print(CategoricalDtype(["a", "b", "c"]))
print(CategoricalDtype(["a", "b", "c"], ordered=True))
print(CategoricalDtype())
c1 = CategoricalDtype(["a", "b", "c"], ordered=False)
# Equal, since order is not considered when ordered=False
print(c1 == CategoricalDtype(["b", "c", "a"], ordered=False))
# Unequal, since the second CategoricalDtype is ordered
print(c1 == CategoricalDtype(["a", "b", "c"], ordered=True))
print(c1 == "category")
cat = pd.Categorical(["a", "c", "c", np.nan], categories=["b", "a", "c"])
df = pd.DataFrame({"cat": cat, "s": ["a", "c", "c", np.nan]})
print(df.describe())
print(df["cat"].describe())
s = pd.Series(["a", "b", "c", "a"], dtype="category")
print(s.cat.categories)
print(s.cat.ordered)
s = pd.Series(pd.Categorical(["a", "b", "c", "a"], categories=["c", "b", "a"]))
print(s.cat.categories)
print(s.cat.ordered)
s = pd.Series(list("babc")).astype(CategoricalDtype(list("abcd")))
print(s)
# categories
print(s.cat.categories)
# uniques
print(s.unique())
s = pd.Series(["a", "b", "c", "a"], dtype="category")
print(s)
s = s.cat.rename_categories(["Group %s" % g for g in s.cat.categories])
print(s)
s = s.cat.rename_categories([1, 2, 3])
print(s)
# You can also pass a dict-like object to map the renaming
s = s.cat.rename_categories({1: "x", 2: "y", 3: "z"})
print(s)
try:
    s.cat.rename_categories([1, 1, 1])
except ValueError as e:
    print("ValueError:", str(e))
try:
    s.cat.rename_categories([1, 2, np.nan])
except ValueError as e:
    print("ValueError:", str(e))
s = s.cat.add_categories([4])
print(s.cat.categories)
print(s)
s = s.cat.remove_categories([4])
print(s)
s = pd.Series(pd.Categorical(["a", "b", "a"], categories=["a", "b", "c", "d"]))
print(s)
print(s.cat.remove_unused_categories())
s = pd.Series(["one", "two", "four", "-"], dtype="category")
print(s)
s = s.cat.set_categories(["one", "two", "three", "four"])
print(s)
