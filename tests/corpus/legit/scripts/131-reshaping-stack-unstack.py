# source: pandas-dev/pandas doc/source/user_guide/reshaping.rst, "Reshaping by stacking and unstacking" and "Multiple levels"
# licence: BSD-3-Clause (pandas documentation)
# does: stack/unstack by level number and name, round trip with sort_index, several levels at once
# adapted: np.random.seed(0) added so both runs draw the same numbers; interactive echoes wrapped in print()
import numpy as np
import pandas as pd

np.random.seed(0)
tuples = list(
    zip(
        *[
            ["bar", "bar", "baz", "baz", "foo", "foo", "qux", "qux"],
            ["one", "two", "one", "two", "one", "two", "one", "two"],
        ]
    )
)
index = pd.MultiIndex.from_tuples(tuples, names=["first", "second"])
df = pd.DataFrame(np.random.randn(8, 2), index=index, columns=["A", "B"])
df2 = df[:4]
print(df2)
stacked = df2.stack()
print(stacked)
print(stacked.unstack())
print(stacked.unstack(1))
print(stacked.unstack(0))
print(stacked.unstack("second"))

index = pd.MultiIndex.from_product([[2, 1], ["a", "b"]])
df = pd.DataFrame(np.random.randn(4), index=index, columns=["A"])
print(df)
print(all(df.unstack().stack() == df.sort_index()))

columns = pd.MultiIndex.from_tuples(
    [
        ("A", "cat", "long"),
        ("B", "cat", "long"),
        ("A", "dog", "short"),
        ("B", "dog", "short"),
    ],
    names=["exp", "animal", "hair_length"],
)
df = pd.DataFrame(np.random.randn(4, 4), columns=columns)
print(df)
print(df.stack(level=["animal", "hair_length"]))
# df.stack(level=['animal', 'hair_length'])
# from above is equivalent to:
print(df.stack(level=[1, 2]))
