# source: pandas-dev/pandas doc/source/user_guide/groupby.rst, "DataFrame column selection", "Iterating through groups", "Selecting a group"
# licence: BSD-3-Clause (pandas documentation)
# does: select columns of a GroupBy, iterate over groups, get_group
# adapted: np.random.seed(0) added so both runs draw the same numbers; interactive echoes wrapped in print()
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
print(df)
grouped = df.groupby(["A"])
grouped_C = grouped["C"]
grouped_D = grouped["D"]
print(df["C"].groupby(df["A"]).sum())
print(grouped[["A", "B"]].sum())

grouped = df.groupby('A')
for name, group in grouped:
    print(name)
    print(group)

for name, group in df.groupby(['A', 'B']):
    print(name)
    print(group)

print(grouped.get_group("bar"))
print(df.groupby(["A", "B"]).get_group(("bar", "one")))
