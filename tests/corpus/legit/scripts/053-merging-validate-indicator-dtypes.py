# source: pandas-dev/pandas doc/source/user_guide/merging.rst, "Checking for duplicate keys", "The merge indicator", "Merge dtypes"
# licence: BSD-3-Clause (pandas documentation)
# does: validate= raising MergeError, indicator column, dtypes kept or upcast, categorical keys
# adapted: np.random.seed(0) added so both runs draw the same numbers; interactive echoes wrapped in print(); the MergeError shown in the page's code block is caught and printed
import numpy as np
import pandas as pd
from pandas.api.types import CategoricalDtype

np.random.seed(0)
left = pd.DataFrame({"A": [1, 2], "B": [1, 2]})
right = pd.DataFrame({"A": [4, 5, 6], "B": [2, 2, 2]})
try:
    result = pd.merge(left, right, on="B", how="outer", validate="one_to_one")
except pd.errors.MergeError as exc:
    print("MergeError:", exc)
print(pd.merge(left, right, on="B", how="outer", validate="one_to_many"))

df1 = pd.DataFrame({"col1": [0, 1], "col_left": ["a", "b"]})
df2 = pd.DataFrame({"col1": [1, 2, 2], "col_right": [2, 2, 2]})
print(pd.merge(df1, df2, on="col1", how="outer", indicator=True))
print(pd.merge(df1, df2, on="col1", how="outer", indicator="indicator_column"))

left = pd.DataFrame({"key": [1], "v1": [10]})
print(left)
right = pd.DataFrame({"key": [1, 2], "v1": [20, 30]})
print(right)
print(pd.merge(left, right, how="outer"))
print(pd.merge(left, right, how="outer").dtypes)
print(pd.merge(left, right, how="outer", on="key"))
print(pd.merge(left, right, how="outer", on="key").dtypes)

X = pd.Series(np.random.choice(["foo", "bar"], size=(10,)))
X = X.astype(CategoricalDtype(categories=["foo", "bar"]))
left = pd.DataFrame(
    {"X": X, "Y": np.random.choice(["one", "two", "three"], size=(10,))}
)
print(left)
print(left.dtypes)
right = pd.DataFrame(
    {
        "X": pd.Series(["foo", "bar"], dtype=CategoricalDtype(["foo", "bar"])),
        "Z": [1, 2],
    }
)
print(right)
print(right.dtypes)
result = pd.merge(left, right, how="outer")
print(result)
print(result.dtypes)
