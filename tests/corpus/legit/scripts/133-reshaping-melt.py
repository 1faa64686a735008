# source: pandas-dev/pandas doc/source/user_guide/reshaping.rst, "Reshaping by melt"
# licence: BSD-3-Clause (pandas documentation)
# does: melt with id_vars, var_name, ignore_index=False, and wide_to_long
# adapted: np.random.seed(0) added so both runs draw the same numbers; interactive echoes wrapped in print()
import numpy as np
import pandas as pd

np.random.seed(0)
cheese = pd.DataFrame(
    {
        "first": ["John", "Mary"],
        "last": ["Doe", "Bo"],
        "height": [5.5, 6.0],
        "weight": [130, 150],
    }
)
print(cheese)
print(cheese.melt(id_vars=["first", "last"]))
print(cheese.melt(id_vars=["first", "last"], var_name="quantity"))
index = pd.MultiIndex.from_tuples([("person", "A"), ("person", "B")])
cheese = pd.DataFrame(
    {
        "first": ["John", "Mary"],
        "last": ["Doe", "Bo"],
        "height": [5.5, 6.0],
        "weight": [130, 150],
    },
    index=index,
)
print(cheese)
print(cheese.melt(id_vars=["first", "last"]))
print(cheese.melt(id_vars=["first", "last"], ignore_index=False))
dft = pd.DataFrame(
    {
        "A1970": {0: "a", 1: "b", 2: "c"},
        "A1980": {0: "d", 1: "e", 2: "f"},
        "B1970": {0: 2.5, 1: 1.2, 2: 0.7},
        "B1980": {0: 3.2, 1: 1.3, 2: 0.1},
        "X": dict(zip(range(3), np.random.randn(3))),
    }
)
dft["id"] = dft.index
print(dft)
print(pd.wide_to_long(dft, ["A", "B"], i="id", j="year"))
