# source: pandas-dev/pandas doc/source/user_guide/groupby.rst, "Splitting an object into groups"
# licence: BSD-3-Clause (pandas documentation)
# does: group by a column, by a function of the index (transposed), by level 0 of a non-unique index
# adapted: np.random.seed(0) added so both runs draw the same numbers; interactive echoes wrapped in print()
import numpy as np
import pandas as pd

np.random.seed(0)
speeds = pd.DataFrame(
    [
        ("bird", "Falconiformes", 389.0),
        ("bird", "Psittaciformes", 24.0),
        ("mammal", "Carnivora", 80.2),
        ("mammal", "Primates", np.nan),
        ("mammal", "Carnivora", 58),
    ],
    index=["falcon", "parrot", "lion", "monkey", "leopard"],
    columns=("class", "order", "max_speed"),
)
print(speeds)

grouped = speeds.groupby("class")
grouped = speeds.groupby(["class", "order"])

df = pd.DataFrame(
    {
        "A": ["foo", "bar", "foo", "bar", "foo", "bar", "foo", "foo"],
        "B": ["one", "one", "two", "three", "two", "two", "one", "three"],
        "C": np.random.randn(8),
        "D": np.random.randn(8),
    }
)
print(df)
grouped = df.groupby("A")
grouped = df.groupby("B")
grouped = df.groupby(["A", "B"])


def get_letter_type(letter):
    if letter.lower() in 'aeiou':
        return 'vowel'
    else:
        return 'consonant'


grouped = df.T.groupby(get_letter_type)
print(df.groupby("A").groups)
print(df.T.groupby(get_letter_type).groups)
grouped = df.groupby(["A", "B"])
print(grouped.groups)
print(len(grouped))

index = [1, 2, 3, 1, 2, 3]
s = pd.Series([1, 2, 3, 10, 20, 30], index=index)
print(s)
grouped = s.groupby(level=0)
print(grouped.first())
print(grouped.last())
print(grouped.sum())
