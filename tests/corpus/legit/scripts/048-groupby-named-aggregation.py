# source: pandas-dev/pandas doc/source/user_guide/groupby.rst, "Named aggregation" and "Applying different functions to DataFrame columns"
# licence: BSD-3-Clause (pandas documentation)
# does: NamedAgg, tuples, keyword-unpacked names, dict of functions per column
# adapted: np.random.seed(0) added so both runs draw the same numbers; interactive echoes wrapped in print(); the frames built earlier on the page are repeated at the top
import numpy as np
import pandas as pd

np.random.seed(0)
df = pd.DataFrame(
    {
        "A": ["foo", "bar", "foo", "bar", "foo", "bar", "foo", "foo"],
        "B": ["one", "one", "two", "three", "two", "two", "one", "three"],
        "C": np.random.randn(8),
        "D": np.random.randn(8),
    }
)
animals = pd.DataFrame(
    {
        "kind": ["cat", "dog", "cat", "dog"],
        "height": [9.1, 6.0, 9.5, 34.0],
        "weight": [7.9, 7.5, 9.9, 198.0],
    }
)
print(animals)
print(animals.groupby("kind").agg(
    min_height=pd.NamedAgg(column="height", aggfunc="min"),
    max_height=pd.NamedAgg(column="height", aggfunc="max"),
    average_weight=pd.NamedAgg(column="weight", aggfunc="mean"),
))
print(animals.groupby("kind").agg(
    min_height=("height", "min"),
    max_height=("height", "max"),
    average_weight=("weight", "mean"),
))
print(animals.groupby("kind").agg(
    **{
        "total weight": pd.NamedAgg(column="weight", aggfunc="sum")
    }
))
print(animals.groupby("kind").height.agg(
    min_height="min",
    max_height="max",
))
grouped = df.groupby("A")
print(grouped.agg({"C": "sum", "D": lambda x: np.std(x, ddof=1)}))
print(grouped.agg({"C": "sum", "D": "std"}))
