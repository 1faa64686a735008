# source: pandas-dev/pandas doc/source/user_guide/reshaping.rst, "Missing data", "With a MultiIndex", "Combining with stats and GroupBy"
# licence: BSD-3-Clause (pandas documentation)
# does: stack and unstack with missing subgroups, fill_value, unstacking MultiIndex columns, means by level
# adapted: np.random.seed(0) added so both runs draw the same numbers; interactive echoes wrapped in print()
import numpy as np
import pandas as pd

np.random.seed(0)
columns = pd.MultiIndex.from_tuples(
    [
        ("A", "cat"),
        ("B", "dog"),
        ("B", "cat"),
        ("A", "dog"),
    ],
    names=["exp", "animal"],
)
index = pd.MultiIndex.from_product(
    [("bar", "baz", "foo", "qux"), ("one", "two")], names=["first", "second"]
)
df = pd.DataFrame(np.random.randn(8, 4), index=index, columns=columns)
df2 = df.iloc[[0, 1, 2, 4, 5, 7]]
print(df2)
print(df2.stack("exp"))
print(df2.stack("animal"))
df3 = df.iloc[[0, 1, 4, 7], [1, 2]]
print(df3)
print(df3.unstack())
print(df3.unstack(fill_value=-1e9))
print(df[:3].unstack(0))
print(df2.unstack(1))
print(df)
print(df.stack().mean(1).unstack())
# same result, another way
print(df.groupby(level=1, axis=1).mean())
print(df.stack().groupby(level=1).mean())
print(df.mean().unstack(0))
