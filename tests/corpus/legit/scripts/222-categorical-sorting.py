# source: pandas-dev/pandas doc/source/user_guide/categorical.rst, "Sorting and order" and "Reordering"
# licence: BSD-3-Clause (pandas documentation)
# does: sorting unordered and ordered categoricals, min/max, as_ordered, set_categories and reorder_categories with numbers
# adapted: interactive echoes wrapped in print()
import pandas as pd
from pandas.api.types import CategoricalDtype

s = pd.Series(pd.Categorical(["a", "b", "c", "a"], ordered=False))
s.sort_values(inplace=True)
s = pd.Series(["a", "b", "c", "a"]).astype(CategoricalDtype(ordered=True))
s.sort_values(inplace=True)
print(s)
print(s.min(), s.max())
print(s.cat.as_ordered())
print(s.cat.as_unordered())
s = pd.Series([1, 2, 3, 1], dtype="category")
s = s.cat.set_categories([2, 3, 1], ordered=True)
print(s)
s.sort_values(inplace=True)
print(s)
print(s.min(), s.max())
s = pd.Series([1, 2, 3, 1], dtype="category")
s = s.cat.reorder_categories([2, 3, 1], ordered=True)
print(s)
s.sort_values(inplace=True)
print(s)
print(s.min(), s.max())
