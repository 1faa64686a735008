# source: pandas-dev/pandas doc/source/user_guide/groupby.rst, "Aggregation with user-defined functions" and "Applying multiple functions at once"
# licence: BSD-3-Clause (pandas documentation)
# does: agg with lambdas, lists of functions, renamed outputs, mangled lambda names
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
print(animals.groupby("kind")[["height"]].agg(lambda x: set(x)))
print(animals.groupby("kind")[["height"]].agg(lambda x: x.astype(int).sum()))
grouped = df.groupby("A")
print(grouped["C"].agg(["sum", "mean", "std"]))
print(grouped[["C", "D"]].agg(["sum", "mean", "std"]))
print(
    grouped["C"]
    .agg(["sum", "mean", "std"])
    .rename(columns={"sum": "foo", "mean": "bar", "std": "baz"})
)
print(
   grouped["C"]
   .agg([("foo", "sum"), ("bar", "mean"), ("baz", "std")])
)
print(
    grouped[["C", "D"]].agg(["sum", "mean", "std"]).rename(
        columns={"sum": "foo", "mean": "bar", "std": "baz"}
    )
)
print(
   grouped[["C", "D"]].agg(
      [("foo", "sum"), ("bar", "mean"), ("baz", "std")]
   )
)
print(grouped["C"].agg([lambda x: x.max() - x.min(), lambda x: x.median() - x.mean()]))
